package org.patchstorm.core.overlay.attack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.RegionMetrics;

/**
 * What users saw, before and during an incident, for summary.json: the {@code service} object
 * <pre>
 * "service": {
 *   "incident_start_s": 3600,            // first attack or restart burst; null without one
 *                                        // (OverlayModel.triggerWindowMicros)
 *   "before": { ...window... },          // rows ending at or before the incident start
 *   "during": { ...window... },          // rows after it, to the end of the run
 *   "online_during_vs_before": 0.62      // during.online_mean / before.online_mean
 * }
 * window: online_mean (peers on line, mean over the rows), online_share (mean of online /
 *   peers_up; users who gave up and closed their client are not up, so this hides them: the
 *   ratio of online_mean to before is the figure users feel), login_success,
 *   im_success, im_latency_ms_mean, presence_success, search_success, search_latency_ms_mean
 *   (successes / (successes + failures); latencies weighted by each row's deliveries)
 * </pre>
 * With regions, each window also holds {@code "regions": {"<name>": {...}}} in the regions'
 * order: the same figures from the region's columns ({@link RegionMetrics}, each counted by the
 * region of the user concerned), with {@code online_vs_expected} (mean of online / the peers the
 * region's diurnal curve expects on line at the pre-incident share) in place of the ratio.
 * Every key is always there; a figure with nothing to measure (no rows, no attempts) is null.
 */
public final class ServiceSummary {

  /** A region to report: its name and the peers expected on line at each row (null: unknown). */
  public record Region(String name, double[] expectedOnline) {}

  private ServiceSummary() {}

  /** The service object for a finished run whose incident started at {@code incidentStart} µs. */
  public static ObjectNode of(MetricsTable table, long incidentStart) {
    return of(table, incidentStart, List.of());
  }

  /** As {@link #of(MetricsTable, long)}, with each window's figures per region. */
  public static ObjectNode of(MetricsTable table, long incidentStart, List<Region> regions) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    double startSeconds = incidentStart / 1e6;
    int split = 0;
    if (incidentStart < 0) {
      json.putNull("incident_start_s");
    } else {
      json.put("incident_start_s", startSeconds);
      while (split < table.rowCount() && table.time(split) <= startSeconds) {
        split++;
      }
    }
    ObjectNode before = window(table, 0, split, regions);
    ObjectNode during = window(table, split, table.rowCount(), regions);
    json.set("before", before);
    json.set("during", during);
    boolean comparable = !before.get("online_mean").isNull() && !during.get("online_mean").isNull()
        && before.get("online_mean").asDouble() > 0;
    put(json, "online_during_vs_before",
        comparable ? during.get("online_mean").asDouble() / before.get("online_mean").asDouble() : Double.NaN);
    return json;
  }

  /** One line for the terminal, and one per region when there are regions. */
  public static String human(ObjectNode service) {
    ObjectNode b = (ObjectNode) service.get("before");
    ObjectNode d = (ObjectNode) service.get("during");
    StringBuilder regions = new StringBuilder();
    if (d.has("regions")) {
      d.get("regions").fields().forEachRemaining(region -> {
        ObjectNode r = (ObjectNode) region.getValue();
        regions.append(System.lineSeparator()).append(String.format(Locale.ROOT,
            "  %s during: on line x%s of expected, IM %s (%s ms), presence %s, contact search %s (%s ms).",
            region.getKey(), text(r, "online_vs_expected"), text(r, "im_success"), whole(r, "im_latency_ms_mean"),
            text(r, "presence_success"), text(r, "search_success"), whole(r, "search_latency_ms_mean")));
      });
    }
    return String.format(Locale.ROOT,
        "Service before -> during the incident: on line %s, online share %s -> %s, IM %s -> %s, presence %s -> %s,"
            + " contact search %s -> %s.",
        ratio(service, "online_during_vs_before"), text(b, "online_share"), text(d, "online_share"),
        text(b, "im_success"), text(d, "im_success"),
        text(b, "presence_success"), text(d, "presence_success"), text(b, "search_success"),
        text(d, "search_success")) + regions;
  }

  private static String whole(ObjectNode window, String key) {
    return window.get(key).isNull() ? "n/a" : String.format(Locale.ROOT, "%.0f", window.get(key).asDouble());
  }

  /** "x0.811", or "n/a" (never "xn/a") when there is no before window to compare with. */
  private static String ratio(ObjectNode window, String key) {
    String value = text(window, key);
    return value.equals("n/a") ? value : "x" + value;
  }

  private static String text(ObjectNode window, String key) {
    return window.get(key).isNull() ? "n/a" : String.format(Locale.ROOT, "%.3f", window.get(key).asDouble());
  }

  private static ObjectNode window(MetricsTable t, int from, int to, List<Region> regions) {
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    put(w, "online_mean", to > from ? sum(t, "online", from, to) / (to - from) : Double.NaN);
    put(w, "online_share", onlineShare(t, "online", "peers_up", from, to));
    put(w, "login_success", success(t, "login_successes", "login_failures", from, to));
    services(w, t, "", from, to);
    if (!regions.isEmpty()) {
      ObjectNode byRegion = w.putObject("regions");
      for (Region region : regions) {
        String p = region.name() + "_";
        ObjectNode r = byRegion.putObject(region.name());
        put(r, "online_mean", to > from ? sum(t, p + "online", from, to) / (to - from) : Double.NaN);
        put(r, "online_vs_expected", ratioMean(t.column(p + "online"), region.expectedOnline(), from, to));
        put(r, "online_share", onlineShare(t, p + "online", p + "peers_up", from, to));
        services(r, t, p, from, to);
      }
    }
    return w;
  }

  /** The service figures from the columns named with {@code prefix} (a region's, or "" for all). */
  private static void services(ObjectNode w, MetricsTable t, String prefix, int from, int to) {
    String p = prefix;
    put(w, "im_success", success(t, p + "im_delivered", p + "im_failed", from, to));
    put(w, "im_latency_ms_mean", weightedMean(t, p + "im_latency_ms_mean", p + "im_delivered", from, to));
    put(w, "presence_success", success(t, p + "status_delivered", p + "status_failed", from, to));
    put(w, "search_success", success(t, p + "search_successes", p + "search_failures", from, to));
    put(w, "search_latency_ms_mean", weightedMean(t, p + "search_latency_ms_mean", p + "search_successes", from, to));
  }

  /** Mean of {@code a / b} over the rows where b is positive; NaN without such rows or b. */
  private static double ratioMean(double[] a, double[] b, int from, int to) {
    if (b == null) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] > 0 && !Double.isNaN(a[i])) {
        sum += a[i] / b[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static void put(ObjectNode w, String key, double value) {
    if (Double.isNaN(value)) {
      w.putNull(key);
    } else {
      w.put(key, value);
    }
  }

  private static double onlineShare(MetricsTable t, String online, String up, int from, int to) {
    return ratioMean(t.column(online), t.column(up), from, to);
  }

  /**
   * Log-ins are attempts, not outcomes: time-outs count as failures. Every other pair counts
   * outcomes only.
   */
  private static double success(MetricsTable t, String ok, String bad, int from, int to) {
    double good = sum(t, ok, from, to);
    double failed = sum(t, bad, from, to);
    if (ok.equals("login_successes")) {
      failed += sum(t, "login_timeouts", from, to);
    }
    return good + failed == 0 ? Double.NaN : good / (good + failed);
  }

  private static double weightedMean(MetricsTable t, String mean, String count, int from, int to) {
    double[] m = t.column(mean);
    double[] c = t.column(count);
    double sum = 0;
    double weight = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(m[i]) && c[i] > 0) {
        sum += m[i] * c[i];
        weight += c[i];
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }

  private static double sum(MetricsTable t, String column, int from, int to) {
    double[] v = t.column(column);
    double s = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(v[i])) {
        s += v[i];
      }
    }
    return s;
  }
}
