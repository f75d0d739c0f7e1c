package org.patchstorm.core.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.attack.ServiceSummary;
import org.patchstorm.core.report.OutageAnalysis;
import org.patchstorm.core.report.OutageCriteria;
import org.patchstorm.core.report.OutageSummary;

/** The headline of a finished run: summary.json and a few lines for the terminal. */
public record RunSummary(ObjectNode json, String human) {

  public static RunSummary of(Experiment experiment, MetricsTable table) {
    return switch (experiment.modelKind()) {
      case PING -> ping(experiment, table);
      case OVERLAY -> overlay(experiment, table);
    };
  }

  /**
   * The outage verdict of an overlay run. The reference is the diurnal curve of the regions (the
   * users who would be online without the incident), scaled to the online level before the
   * incident, so the daily rise and fall of users is not mistaken for an outage or a recovery.
   */
  private static RunSummary overlay(Experiment experiment, MetricsTable table) {
    OverlayModel model = (OverlayModel) experiment.model();
    double[] times = new double[table.rowCount()];
    for (int r = 0; r < times.length; r++) {
      times[r] = table.time(r);
    }
    double end = experiment.durationMicros() / 1e6;
    // A run that ends before its trigger (a shortened --set duration) is analysed like one
    // without a trigger, and says so.
    Optional<long[]> trigger =
        model.triggerWindowMicros().filter(w -> w[0] < experiment.durationMicros());
    boolean triggerAfterEnd = model.triggerWindowMicros().isPresent() && trigger.isEmpty();
    long[] window = trigger.orElse(new long[] {(long) (Math.min(3600, end / 4) * 1e6), 0});
    double start = window[0] / 1e6;
    double triggerEnd = Math.max(start, window[1] / 1e6);
    double baselineWindow = Math.max(times.length > 1 ? times[1] - times[0] : 60, Math.min(3600, start));
    OutageCriteria criteria =
        new OutageCriteria(start, baselineWindow, 0.5, 0.95, 0.1, triggerEnd, 3600);
    double[] online = table.column("online");
    double[] diurnal = diurnalDemand(model, times);
    double share = preIncidentShare(times, online, diurnal, start, baselineWindow);
    double[] expected = new double[diurnal.length];
    for (int r = 0; r < diurnal.length; r++) {
      expected[r] = diurnal[r] * share;
    }
    OutageSummary outage =
        OutageAnalysis.analyze(
            times,
            online,
            table.column("login_attempts"),
            table.column("login_successes"),
            expected,
            criteria);
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("experiment", experiment.name());
    json.put("seed", experiment.seed());
    json.put("peers", model.params().population().peers());
    json.put("virtual_seconds", end);
    json.setAll(outage.toJsonNode());
    json.put("reference", "diurnal curve scaled to the pre-incident level (x" + round(share) + ")");
    if (triggerAfterEnd) {
      json.put("note", "the run ended before its trigger at "
          + model.triggerWindowMicros().get()[0] / 1e6 + " s: analysed from " + start + " s instead");
    }
    json.put("login_attempts", (long) table.sum("login_attempts"));
    json.put("login_successes", (long) table.sum("login_successes"));
    json.put("login_timeouts", (long) table.sum("login_timeouts"));
    json.put("retries", (long) table.sum("retries"));
    json.put("promotions", (long) table.sum("promotions"));
    json.put("supernode_shutdowns", (long) table.sum("sn_shutdowns"));
    double imSent = table.sum("im_sent");
    json.put("im_delivery_success", imSent == 0 ? Double.NaN : round(table.sum("im_delivered") / imSent));
    json.put("attack_requests", (long) table.sum("attack_requests"));
    // What users saw before and during the incident (attack or restart burst); see ServiceSummary.
    ObjectNode service = ServiceSummary.of(table, trigger.map(w -> w[0]).orElse(-1L));
    json.set("service", service);
    return new RunSummary(json, outage.humanSummary() + System.lineSeparator() + ServiceSummary.human(service));
  }

  /** Peers the diurnal curves put online at the end of each row (mid-row would shift by half). */
  private static double[] diurnalDemand(OverlayModel model, double[] times) {
    var regions = model.params().geography().regions();
    double totalWeight = regions.stream().mapToDouble(r -> r.weight()).sum();
    int peers = model.params().population().peers();
    double[] demand = new double[times.length];
    for (int t = 0; t < times.length; t++) {
      long now = (long) (times[t] * 1e6);
      for (int r = 0; r < regions.size(); r++) {
        demand[t] += peers * regions.get(r).weight() / totalWeight * model.world().diurnal(r, now);
      }
    }
    return demand;
  }

  private static double preIncidentShare(
      double[] times, double[] online, double[] up, double start, double window) {
    double online0 = 0;
    double up0 = 0;
    for (int r = 0; r < times.length; r++) {
      if (times[r] <= start && times[r] > start - window) {
        online0 += online[r];
        up0 += up[r];
      }
    }
    return up0 == 0 ? 1 : online0 / up0;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  private static RunSummary ping(Experiment experiment, MetricsTable table) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("experiment", experiment.name());
    json.put("seed", experiment.seed());
    json.put("peers", experiment.model().entityCount());
    json.put("virtual_seconds", experiment.durationMicros() / 1e6);
    double sent = table.sum("sent");
    double delivered = table.sum("delivered");
    json.put("sent", (long) sent);
    json.put("delivered", (long) delivered);
    json.put("timer_firings", (long) table.sum("timer_firings"));
    json.put("in_flight_at_end", (long) (sent - delivered));
    String human =
        String.format(
            Locale.ROOT,
            "Ping: %d peers, %.0f virtual s: %,.0f messages sent, %,.0f delivered (%,.0f in flight"
                + " at the end).",
            experiment.model().entityCount(),
            experiment.durationMicros() / 1e6,
            sent,
            delivered,
            sent - delivered);
    return new RunSummary(json, human);
  }
}
