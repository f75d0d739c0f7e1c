package org.patchstorm.actors.live;

import java.util.List;
import java.util.function.UnaryOperator;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.overlay.OverlayModel;

/**
 * What the page needs to know of the experiment beside the rows: its name, and for the expected
 * online level the diurnal demand at row times plus the window before the incident over which the
 * page scales it (as summary.json does: demand x online share before the incident).
 *
 * @param demand diurnal demand at the given row times, or null when the model has none (ping)
 */
public record RunInfo(
    String name,
    double reportIntervalSeconds,
    double incidentStartSeconds,
    double baselineWindowSeconds,
    List<String> regions,
    UnaryOperator<double[]> demand) {

  public static RunInfo of(Experiment experiment) {
    double interval = experiment.reportIntervalMicros() / 1e6;
    if (experiment.modelKind() != Experiment.ModelKind.OVERLAY) {
      return new RunInfo(experiment.name(), interval, 0, 0, List.of(), null);
    }
    OverlayModel model = (OverlayModel) experiment.model();
    double start = RunSummary.incidentStartMicros(experiment) / 1e6;
    double window = Math.max(interval, Math.min(3600, start));
    List<String> regions =
        model.params().geography().regions().stream().map(r -> r.name()).toList();
    return new RunInfo(experiment.name(), interval, start, window, regions,
        times -> RunSummary.diurnalDemand(model, times));
  }
}
