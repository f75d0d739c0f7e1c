package org.patchstorm.actors.live;

import java.util.List;
import java.util.function.UnaryOperator;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.report.ChartMarker;
import org.patchstorm.core.report.RunReport;
import org.patchstorm.core.overlay.OverlayModel;

/**
 * What the page needs to know of the experiment beside the rows: its name, and for the expected
 * online level the diurnal demand at row times plus the window before the incident over which the
 * page scales it (as summary.json does: demand x online share before the incident).
 *
 * @param scenario the experiment's own timeline events (grey markers; injected ones are red)
 * @param botnets the botnets the experiment declares (only those can be started while it runs)
 * @param demand diurnal demand at the given row times, or null when the model has none (ping)
 */
public record RunInfo(
    String name,
    double reportIntervalSeconds,
    double incidentStartSeconds,
    double baselineWindowSeconds,
    List<ChartMarker> scenario,
    List<BotnetInfo> botnets,
    UnaryOperator<double[]> demand) {

  /** A declared botnet as the page shows it; its target and request in the file's words. */
  public record BotnetInfo(String name, int bots, double ratePerBot, String target, String request) {}

  public static RunInfo of(Experiment experiment) {
    double interval = experiment.reportIntervalMicros() / 1e6;
    if (experiment.modelKind() != Experiment.ModelKind.OVERLAY) {
      return new RunInfo(experiment.name(), interval, 0, 0, List.of(), List.of(), null);
    }
    OverlayModel model = (OverlayModel) experiment.model();
    double start = RunSummary.incidentStartMicros(experiment) / 1e6;
    double window = Math.max(interval, Math.min(3600, start));
    List<BotnetInfo> botnets = model.world().attack().botnets().stream()
        .map(b -> new BotnetInfo(b.name(), b.bots(), b.ratePerBot(), words(b.target().name()),
            words(b.request().name())))
        .toList();
    return new RunInfo(experiment.name(), interval, start, window, RunReport.markers(experiment), botnets,
        times -> RunSummary.diurnalDemand(model, times));
  }

  private static String words(String enumName) {
    return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
