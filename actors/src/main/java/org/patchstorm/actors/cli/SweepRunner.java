package org.patchstorm.actors.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.results.ResultsFolder;
import org.patchstorm.core.results.ResultsProblem;
import org.patchstorm.core.results.ResultsWriteFailure;
import org.patchstorm.core.sweep.RunRecord;
import org.patchstorm.core.sweep.SweepFolder;
import org.patchstorm.core.sweep.SweepPlan;

/**
 * Runs the points x seeds of a validated sweep, where {@link SweepRuns} says (this JVM or cluster
 * members), each into its own results folder under {@code runs/}, written in this JVM; then writes
 * the sweep's tables, charts and report. Runs already complete in the folder are kept (--resume).
 * Ctrl-C marks the runs in flight failed (each run's own handler does that), writes the tables
 * of what finished and says how to resume.
 */
final class SweepRunner {
  private final SweepPlan plan;
  private final SweepFolder folder;
  private final SweepRuns runs;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;
  private final List<RunRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean stopping = new AtomicBoolean();
  /** The exit code of the sweep's worst run so far (see {@link #worse}). */
  private final AtomicInteger worstExit = new AtomicInteger();

  /** One run to carry out: the point, the seed and its folder relative to the sweep folder. */
  record Task(SweepPlan.PointPlan point, long seed, String folder) {}

  SweepRunner(SweepPlan plan, SweepFolder folder, SweepRuns runs, boolean quiet, PrintStream out,
      PrintStream err) {
    this.plan = plan;
    this.folder = folder;
    this.runs = runs;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  /**
   * 0 when every run completed; else the code of the worst run (1 failed, 3 out of memory, 4 its
   * results not written), 1 when no cluster member was left, 4 when the sweep's own files could
   * not be written.
   */
  int run() {
    try {
      return runAll();
    } catch (ResultsWriteFailure | ResultsProblem e) {
      err.println("Error: the sweep's results could not be written: " + e.getMessage()
          + ". The runs' own folders are in " + folder.dir().resolve(SweepFolder.RUNS_DIR)
          + "; once there is room, go on with: ./run.sh sweep --resume " + folder.dir());
      return ExperimentRunner.EXIT_NOT_WRITTEN;
    }
  }

  private int runAll() {
    List<Task> tasks = pending();
    int total = plan.runCount();
    folder.writeStatus(plan, SweepFolder.Status.RUNNING, records.size(), 0, null);
    if (!quiet) {
      err.printf("Sweep %s: %d points x %d seeds = %d runs, %d to do, %s; folder %s%n",
          plan.sweep().name(), plan.points().size(), plan.sweep().seeds().size(), total,
          tasks.size(), runs.describe(), folder.dir());
    }
    Thread onInterrupt = new Thread(this::interrupted, "patchstorm-sweep-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    String stranded = null;
    try (SweepProgress progress =
        new SweepProgress(total, records.size(), quiet, System.console() != null, err)) {
      runs.carryOut(tasks, (task, target) -> {
        if (stopping.get()) {
          return;
        }
        RunRecord record = write(task, target);
        if (stopping.get()) {
          return; // interrupted mid-run: the hook reports what finished before
        }
        records.add(record);
        progress.runEnded(record.completed());
      });
    } catch (SweepRuns.Stranded e) {
      stranded = e.getMessage();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs: it writes what finished.
      }
    }
    List<RunRecord> done = snapshot();
    int failedRuns = (int) done.stream().filter(r -> !r.completed()).count();
    if (stranded != null) {
      folder.writeOutputs(plan, done, false);
      folder.writeStatus(plan, SweepFolder.Status.FAILED, done.size() - failedRuns, failedRuns,
          stranded);
      err.printf("Error: %s. runs.csv and points.csv in %s hold the %d runs that finished; go on"
              + " with: ./run.sh sweep --resume %s (with --cluster N or --members N for a"
              + " cluster)%n", stranded, folder.dir(), done.size(), folder.dir());
      return ExperimentRunner.EXIT_FAILED;
    }
    folder.writeOutputs(plan, done, true);
    folder.writeStatus(plan, SweepFolder.Status.COMPLETE, total - failedRuns, failedRuns, null);
    if (!quiet) {
      out.printf("Sweep %s: %d runs, %d completed, %d failed.%n", plan.sweep().name(), total,
          total - failedRuns, failedRuns);
      out.println("Results: " + folder.dir() + " (report.html, runs.csv, points.csv)");
    }
    return worstExit.get();
  }

  /** The runs still to do; completed ones are recorded, leftovers of unfinished ones removed. */
  private List<Task> pending() {
    List<Task> tasks = new ArrayList<>();
    for (SweepPlan.PointPlan point : plan.points()) {
      for (long seed : plan.sweep().seeds()) {
        String name = SweepFolder.runFolder(plan.sweep(), point.point(), seed);
        RunRecord existing = RunRecord.read(point.point().index(), seed, folder.dir(), name);
        if (existing != null && existing.completed()) {
          records.add(existing);
          continue;
        }
        deleteTree(folder.dir().resolve(name + ResultsFolder.INCOMPLETE_SUFFIX));
        deleteTree(folder.dir().resolve(name));
        tasks.add(new Task(point, seed, name));
      }
    }
    return tasks;
  }

  /** Writes the run's results folder as {@code target} carries it out; what runs.csv says of it. */
  private RunRecord write(Task task, RunTarget target) {
    int index = task.point().point().index();
    int exit;
    try (target) {
      Experiment experiment = task.point().experiment(task.seed());
      ResultsFolder results = ResultsFolder.create(folder.dir().resolve(task.folder()), null,
          null, Clock.systemUTC(), folder.disk());
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8);
      exit = new ExperimentRunner(target, experiment, task.point().merged(),
          task.point().experimentFile(), results, true, discard, discard, null)
          .withoutBenchLine()
          .run();
    } catch (ResultsProblem e) {
      worse(ExperimentRunner.EXIT_NOT_WRITTEN);
      return RunRecord.failed(index, task.seed(), task.folder(),
          "the results could not be written: " + e.getMessage());
    } catch (RuntimeException e) {
      worse(ExperimentRunner.EXIT_FAILED);
      return RunRecord.failed(index, task.seed(), task.folder(),
          "the run could not be carried out: " + e);
    }
    worse(exit);
    RunRecord record = RunRecord.read(index, task.seed(), folder.dir(), task.folder());
    return record != null ? record
        : RunRecord.failed(index, task.seed(), task.folder(), "the run left no results folder");
  }

  /**
   * Keeps the worse of the exit codes: results not written (4) over out of memory (3) over a
   * failed run (1) over completed (0).
   */
  private void worse(int exit) {
    worstExit.accumulateAndGet(exit, (a, b) -> rank(b) > rank(a) ? b : a);
  }

  private static int rank(int exit) {
    return switch (exit) {
      case 0 -> 0;
      case ExperimentRunner.EXIT_FAILED -> 1;
      case ExperimentRunner.EXIT_OUT_OF_MEMORY -> 2;
      default -> 3;
    };
  }

  /** Ctrl-C or a kill: write the tables of what finished and say how to go on. */
  private void interrupted() {
    stopping.set(true);
    List<RunRecord> done = snapshot();
    int failedRuns = (int) done.stream().filter(r -> !r.completed()).count();
    try {
      folder.writeOutputs(plan, done, false);
      folder.writeStatus(plan, SweepFolder.Status.INTERRUPTED, done.size() - failedRuns,
          failedRuns, null);
      err.printf("%nInterrupted: %d of %d runs finished; runs.csv and points.csv in %s hold"
              + " them. Go on with: ./run.sh sweep --resume %s%n",
          done.size(), plan.runCount(), folder.dir(), folder.dir());
    } catch (RuntimeException e) {
      err.println("\nInterrupted; the sweep's tables could not be written: " + e.getMessage());
    }
  }

  private List<RunRecord> snapshot() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the unfinished run " + dir, e);
    }
  }
}
