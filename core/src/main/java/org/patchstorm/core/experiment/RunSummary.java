package org.patchstorm.core.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.RegionMetrics;
import org.patchstorm.core.overlay.attack.ServiceSummary;
import org.patchstorm.core.reality.RealityComparison;
import org.patchstorm.core.report.ChartOverlay;
import org.patchstorm.core.report.OutageAnalysis;
import org.patchstorm.core.report.OutageCriteria;
import org.patchstorm.core.report.OutageSummary;

/**
 * The headline of a finished run: summary.json, a few lines for the terminal, and the reference
 * lines its charts draw beside the measured columns (the expected level and the reality curve on
 * the online chart, when the experiment names a curve).
 */
public record RunSummary(ObjectNode json, String human, List<ChartOverlay> chartOverlays) {

  /** The chart the reality curve is drawn on. */
  public static final String ONLINE_CHART = "online.png";
  /** The name of the expected level's line, drawn with the reality curve. */
  public static final String EXPECTED_ONLINE = "expected online";

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
    Optional<long[]> trigger = triggerInRun(experiment);
    boolean triggerAfterEnd = model.triggerWindowMicros().isPresent() && trigger.isEmpty();
    double start = incidentStartMicros(experiment) / 1e6;
    double triggerEnd = Math.max(start, trigger.map(w -> w[1] / 1e6).orElse(start));
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
    boolean incidentKnown = trigger.isPresent() || experiment.analysis().incidentStartMicros().isPresent();
    ObjectNode service = ServiceSummary.of(table, incidentKnown ? incidentStartMicros(experiment) : -1L,
        regions(model, times, table, start, baselineWindow));
    json.set("service", service);
    String human = outage.humanSummary() + System.lineSeparator() + ServiceSummary.human(service);
    List<ChartOverlay> overlays = new ArrayList<>();
    if (experiment.analysis().reality().isPresent()) {
      RealityComparison reality = RealityComparison.of(
          experiment.analysis().reality().get().curve(), start, times, online, expected);
      json.set("reality", reality.toJson());
      human += System.lineSeparator() + reality.human();
      double[] hours = new double[times.length];
      for (int r = 0; r < times.length; r++) {
        hours[r] = times[r] / 3600;
      }
      overlays.add(new ChartOverlay(ONLINE_CHART, EXPECTED_ONLINE, hours, expected, false));
      double[][] points = reality.chartPoints();
      overlays.add(new ChartOverlay(ONLINE_CHART,
          "reality: " + reality.curve().name() + " (x expected)", points[0], points[1], true));
    }
    return new RunSummary(json, human, List.copyOf(overlays));
  }

  /** The scenario's trigger window (µs), if the trigger starts within the run. */
  private static Optional<long[]> triggerInRun(Experiment experiment) {
    // A run that ends before its trigger (a shortened --set duration) is analysed like one
    // without a trigger, and says so.
    return ((OverlayModel) experiment.model()).triggerWindowMicros()
        .filter(w -> w[0] < experiment.durationMicros());
  }

  /**
   * When the incident starts (µs) for the analysis of an overlay run: {@code incident-start} when
   * the experiment fixes it, else the first trigger within the run, else 1 h into the run (a
   * quarter of it if shorter).
   */
  public static long incidentStartMicros(Experiment experiment) {
    OptionalLong fixed = experiment.analysis().incidentStartMicros();
    if (fixed.isPresent()) {
      return fixed.getAsLong();
    }
    return triggerInRun(experiment).map(w -> w[0])
        .orElse((long) (Math.min(3600, experiment.durationMicros() / 1e6 / 4) * 1e6));
  }

  /**
   * Peers the diurnal curves put online at the end of each row (mid-row would shift by half);
   * the expected level is this times the online share before the incident.
   */
  public static double[] diurnalDemand(OverlayModel model, double[] times) {
    double[] demand = new double[times.length];
    for (int r = 0; r < model.params().geography().regions().size(); r++) {
      double[] region = regionDemand(model, r, times);
      for (int t = 0; t < times.length; t++) {
        demand[t] += region[t];
      }
    }
    return demand;
  }

  /** The peers of region {@code r} its diurnal curve puts on line at the end of each row. */
  private static double[] regionDemand(OverlayModel model, int r, double[] times) {
    var regions = model.params().geography().regions();
    double totalWeight = regions.stream().mapToDouble(x -> x.weight()).sum();
    double peers = model.params().population().peers() * regions.get(r).weight() / totalWeight;
    double[] demand = new double[times.length];
    for (int t = 0; t < times.length; t++) {
      demand[t] = peers * model.world().diurnal(r, (long) (times[t] * 1e6));
    }
    return demand;
  }

  /**
   * Each region with the peers expected on line: its diurnal demand scaled to its own online
   * share before the incident, as the verdict's reference is for all regions.
   */
  private static List<ServiceSummary.Region> regions(
      OverlayModel model, double[] times, MetricsTable table, double start, double baselineWindow) {
    var regions = model.params().geography().regions();
    List<ServiceSummary.Region> out = new ArrayList<>();
    for (int r = 0; r < regions.size(); r++) {
      double[] demand = regionDemand(model, r, times);
      String name = regions.get(r).name();
      double[] online = table.column(RegionMetrics.column(name, RegionMetrics.Count.ONLINE.measure));
      double share = preIncidentShare(times, online, demand, start, baselineWindow);
      for (int t = 0; t < times.length; t++) {
        demand[t] *= share;
      }
      out.add(new ServiceSummary.Region(name, demand));
    }
    return out;
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
    return new RunSummary(json, human, List.of());
  }
}
