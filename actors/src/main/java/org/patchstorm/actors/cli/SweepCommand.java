package org.patchstorm.actors.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchstorm.actors.cluster.ClusterProblem;
import org.patchstorm.actors.cluster.SweepCluster;
import org.patchstorm.actors.engine.HeapWatch;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.MemoryEstimate;
import org.patchstorm.core.results.ResultsProblem;
import org.patchstorm.core.results.ResultsWriteFailure;
import org.patchstorm.core.sweep.Sweep;
import org.patchstorm.core.sweep.SweepFile;
import org.patchstorm.core.sweep.SweepFolder;
import org.patchstorm.core.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./run.sh sweep SWEEP.conf [--parallel N] [--out DIR] [--resume DIR]}, in this JVM or
 * with {@code --cluster N} / {@code --members N} on cluster members.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a sweep: every point of the sweep file's axes (a grid, or zipped) times its seeds,"
          + " N runs at a time in this JVM or spread over cluster members run by run, each into"
          + " its own results folder; then writes"
          + " runs.csv, points.csv (mean, sd, 95%% CI per point), charts and report.html. Every"
          + " point is checked before the first run starts.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every run completed",
      "1:some runs failed (they are counted in runs.csv and points.csv, never averaged in), or"
          + " no cluster member was left (go on with --resume DIR)",
      "2:bad input: sweep file, its experiments, command line, folder, a heap too small for"
          + " --parallel runs, cluster start-up",
      "3:a run ran out of memory (it is counted failed)",
      "4:results could not be written, e.g. a full disk",
      "130:interrupted by Ctrl-C (143 by a kill); go on with --resume DIR"
    },
    footer = {
      "",
      "Examples:",
      "  ./run.sh sweep config/sweeps/restart-threshold.conf --parallel 2",
      "  ./run.sh sweep config/sweeps/retry-policies.conf --set patchstorm.overlay.peers=2000",
      "  ./run.sh sweep config/sweeps/ddos-size.conf --cluster 2   on 2 member JVMs of this host",
      "  ./run.sh sweep config/sweeps/ddos-size.conf --join 10.0.0.1:2552 --members 3 --bind 10.0.0.1:2553",
      "  ./run.sh sweep --resume results/sweep-restart-threshold-20261202-170000"
    })
final class SweepCommand implements Callable<Integer> {

  @ParentCommand private Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP.conf",
      description = "Sweep file (HOCON, see config/sweeps/). Optional with --resume.")
  private Path file;

  @Option(names = "--parallel", paramLabel = "N",
      description = "Runs at a time (default: the number of cores); with --cluster or --members,"
          + " runs at a time on each member (default 1).")
  private Integer parallel;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Sweep folder (must not exist or be empty). Default: results/sweep-<name>-<time>.")
  private Path out;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Go on with the sweep in DIR: runs that completed are kept, the others run.")
  private Path resume;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Override a key in every run, as for a single run. Repeatable.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--quiet", description = "Print no progress and no summary (errors still).")
  private boolean quiet;

  @Mixin private ClusterArgs clusterArgs = new ClusterArgs();

  @Override
  public Integer call() {
    try {
      int atOnce = parallel != null ? parallel
          : clusterArgs.onCluster() ? 1 : Runtime.getRuntime().availableProcessors();
      if (atOnce < 1 || atOnce > 1024) {
        throw new Main.BadArgument("--parallel takes a number of runs from 1 to 1024, got "
            + atOnce + ".");
      }
      SweepFolder folder = null;
      SweepPlan plan;
      if (resume != null) {
        if (out != null) {
          throw new Main.BadArgument("--resume DIR goes on in DIR; it cannot be combined with --out.");
        }
        folder = SweepFolder.open(resume);
        SweepFolder.Origin origin = folder.origin();
        Path sweepFile = file != null ? file : origin.sweepFile();
        if (!sets.isEmpty() && !sets.equals(origin.overrides())) {
          throw new Main.BadArgument("--resume " + resume + " runs with the --set overrides it"
              + " started with " + origin.overrides() + "; leave --set away.");
        }
        Sweep sweep = SweepFile.read(sweepFile);
        if (!sweep.text().equals(origin.text())) {
          throw new Main.BadArgument("The sweep file " + sweepFile + " has changed since the sweep"
              + " in " + resume + " started (its copy is " + resume + "/" + SweepFolder.SWEEP_COPY
              + "); the runs would not match. Start a new sweep instead.");
        }
        plan = SweepPlan.of(sweep, origin.overrides(), Main.defaults());
      } else {
        if (file == null) {
          throw new Main.BadArgument("Name a sweep file (e.g. config/sweeps/restart-threshold.conf)"
              + " or a sweep folder to go on with (--resume DIR).");
        }
        Sweep sweep = SweepFile.read(file);
        plan = SweepPlan.of(sweep, sets, Main.defaults());
      }
      if (!clusterArgs.onCluster()) {
        refuseIfTooBig(plan, Math.min(atOnce, plan.runCount()));
      }
      try (SweepRuns runs = runs(atOnce)) {
        if (folder == null) {
          folder = SweepFolder.create(out, Path.of("results"), plan.sweep(), Clock.systemUTC());
        }
        return new SweepRunner(plan, folder, runs, quiet, main.stdout(), main.stderr()).run();
      }
    } catch (ConfigProblem problem) {
      main.stderr().println(problem.describe());
      return 2;
    } catch (ResultsWriteFailure problem) {
      main.stderr().println("Error: the sweep folder could not be written: "
          + problem.getMessage() + ".");
      return ExperimentRunner.EXIT_NOT_WRITTEN;
    } catch (ResultsProblem | Main.BadArgument | ClusterProblem problem) {
      main.stderr().println("Error: " + problem.getMessage());
      return 2;
    }
  }

  /** This JVM, or the cluster the options name (started or joined now, before any run). */
  private SweepRuns runs(int atOnce) {
    SweepCluster cluster = clusterArgs.sweepCluster(Main.defaults().resolve(), main.stderr());
    return cluster == null ? new LocalSweepRuns(atOnce) : new ClusterSweepRuns(cluster, atOnce);
  }

  /**
   * Runs side by side in this JVM share its heap: the largest point's estimate times the runs at
   * a time must fit, or the sweep is refused before it starts, naming a --parallel that fits.
   */
  private static void refuseIfTooBig(SweepPlan plan, int atOnce) {
    long seed = plan.sweep().seeds().get(0);
    Experiment largest = null;
    for (SweepPlan.PointPlan point : plan.points()) {
      Experiment experiment = point.experiment(seed);
      if (largest == null
          || MemoryEstimate.bytesNeeded(experiment) > MemoryEstimate.bytesNeeded(largest)) {
        largest = experiment;
      }
    }
    String refusal = MemoryEstimate.refusal(largest, atOnce, HeapWatch.longLivedCapacity(),
        Runtime.getRuntime().maxMemory());
    if (refusal != null) {
      throw new Main.BadArgument("Not enough memory: " + refusal);
    }
  }
}
