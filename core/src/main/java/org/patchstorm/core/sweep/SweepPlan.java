package org.patchstorm.core.sweep;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.experiment.SummaryFigures;

/**
 * A sweep checked point by point before anything runs: each point's experiment is built as a
 * run would build it, so a key that does not exist, a value of the wrong type or out of range is
 * reported at its line in the sweep file. Also fixes the figures every run will report.
 *
 * @param points one entry per point, in sweep order
 * @param figureNames every numeric figure of a run's summary, in summary order (runs.csv)
 * @param aggregated the figures points.csv and the charts aggregate
 * @param verdicts whether runs have a verdict (whose shares points.csv gives)
 */
public record SweepPlan(
    Sweep sweep,
    List<String> overrides,
    List<PointPlan> points,
    List<String> figureNames,
    List<String> aggregated,
    boolean verdicts) {

  /** One point: its experiment file and the merged configuration its runs start from. */
  public record PointPlan(SweepPoint point, Path experimentFile, Config merged) {
    /** The experiment of this point with {@code seed}. */
    public Experiment experiment(long seed) {
      return Experiments.read(merged, OptionalLong.of(seed));
    }
  }

  /**
   * Validates every point of {@code sweep}.
   *
   * @param overrides the command line's {@code --set path=value}, laid over every point
   * @param defaults the defaults, unresolved (as for {@link ExperimentFiles#load})
   */
  public static SweepPlan of(Sweep sweep, List<String> overrides, Config defaults) {
    for (Axis axis : sweep.axes()) {
      if (axis.key().startsWith("pekko.") && !defaults.hasPathOrNull(axis.key())) {
        throw ConfigProblem.at(axis.values().get(0).origin(), axis.key(),
            "unknown key: the actor runtime has no setting " + axis.key());
      }
    }
    List<PointPlan> points = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    boolean verdicts = false;
    long firstSeed = sweep.seeds().get(0);
    for (SweepPoint point : sweep.points()) {
      Path file = sweep.baseFor(point);
      Config merged = ExperimentFiles.load(file, sweep.editFor(point), overrides, defaults);
      Experiment experiment = Experiments.read(merged, OptionalLong.of(firstSeed));
      if (points.isEmpty() || !sweep.baseFor(points.get(points.size() - 1).point()).equals(file)) {
        try {
          names.addAll(SummaryFigures.namesFor(experiment));
          verdicts |= SummaryFigures.hasVerdict(experiment);
        } catch (RuntimeException e) {
          // Every run of the point would fail the same way at its end: say so now.
          throw ConfigProblem.unlocated(null, "the runs of point " + sweep.pointName(point)
              + " (" + file + ") could not be summarised: " + e.getMessage()
              + "; make the runs longer (patchstorm.experiment.duration)");
        }
      }
      points.add(new PointPlan(point, file, merged));
    }
    for (Axis axis : sweep.axes()) {
      if (names.contains(axis.name())) {
        throw ConfigProblem.at(axis.origin(), axis.key(), "the axis name \"" + axis.name()
            + "\" is also a figure of the runs' summary, so runs.csv would have two such"
            + " columns; give the axis another name (name = ...)");
      }
    }
    List<String> figureNames = List.copyOf(names);
    List<String> aggregated = sweep.figures().isEmpty() ? figureNames : sweep.figures();
    for (int i = 0; i < aggregated.size(); i++) {
      String figure = aggregated.get(i);
      if (!names.contains(figure)) {
        throw ConfigProblem.at(sweep.figuresOrigin(), "sweep.figures[" + i + "]",
            "a run reports no figure \"" + figure + "\"; its figures are: "
                + String.join(", ", figureNames));
      }
    }
    return new SweepPlan(sweep, List.copyOf(overrides), List.copyOf(points), figureNames,
        List.copyOf(aggregated), verdicts);
  }

  /** How many runs the sweep holds: points times seeds. */
  public int runCount() {
    return points.size() * sweep.seeds().size();
  }
}
