package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.results.ResultsFolder;
import org.patchstorm.core.sweep.RunRecord;
import org.patchstorm.core.sweep.SweepFolder;
import org.patchstorm.core.sweep.SweepPlan;

/**
 * Runs the points x seeds of a validated sweep in this JVM, {@code parallel} at a time, each run
 * on its own actor system into its own results folder under {@code runs/}; then writes the
 * sweep's tables, charts and report. Runs already complete in the folder are kept (--resume).
 * Ctrl-C marks the runs in flight failed (each run's own handler does that), writes the tables
 * of what finished and says how to resume.
 */
final class SweepRunner {
  private final SweepPlan plan;
  private final SweepFolder folder;
  private final int parallel;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;
  private final List<RunRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean stopping = new AtomicBoolean();

  private record Task(SweepPlan.PointPlan point, long seed, String folder) {}

  /**
   * The runs' actor systems keep their event-stream logging to themselves (e.g. slow-shutdown
   * warnings under load): a run that fails says why in its manifest and in runs.csv, and log
   * lines of parallel runs would break up the progress display.
   */
  private static final Config QUIET_RUNTIME =
      ConfigFactory.parseString("pekko.loglevel = OFF\npekko.stdout-loglevel = OFF");

  SweepRunner(SweepPlan plan, SweepFolder folder, int parallel, boolean quiet, PrintStream out,
      PrintStream err) {
    this.plan = plan;
    this.folder = folder;
    this.parallel = parallel;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  /** 0 when every run completed, 1 when some failed. */
  int run() {
    List<Task> tasks = pending();
    int total = plan.runCount();
    folder.writeStatus(plan, SweepFolder.Status.RUNNING, records.size(), 0);
    if (!quiet) {
      err.printf("Sweep %s: %d points x %d seeds = %d runs, %d to do, %d at a time; folder %s%n",
          plan.sweep().name(), plan.points().size(), plan.sweep().seeds().size(), total,
          tasks.size(), parallel, folder.dir());
    }
    Thread onInterrupt = new Thread(this::interrupted, "patchstorm-sweep-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    AtomicInteger failed = new AtomicInteger();
    try (SweepProgress progress =
        new SweepProgress(total, records.size(), quiet, System.console() != null, err)) {
      ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
        Thread thread = new Thread(runnable, "patchstorm-sweep-run");
        thread.setDaemon(true);
        return thread;
      });
      for (Task task : tasks) {
        pool.execute(() -> {
          if (stopping.get()) {
            return;
          }
          RunRecord record = runOne(task);
          if (stopping.get()) {
            return; // interrupted mid-run: the hook reports what finished before
          }
          records.add(record);
          if (!record.completed()) {
            failed.incrementAndGet();
          }
          progress.runEnded(record.completed());
        });
      }
      pool.shutdown();
      awaitQuietly(pool);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs: it writes what finished.
      }
    }
    int failedRuns = (int) snapshot().stream().filter(r -> !r.completed()).count();
    folder.writeOutputs(plan, snapshot(), true);
    folder.writeStatus(plan, SweepFolder.Status.COMPLETE, total - failedRuns, failedRuns);
    if (!quiet) {
      out.printf("Sweep %s: %d runs, %d completed, %d failed.%n", plan.sweep().name(), total,
          total - failedRuns, failedRuns);
      out.println("Results: " + folder.dir() + " (report.html, runs.csv, points.csv)");
    }
    return failedRuns == 0 ? 0 : 1;
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

  private RunRecord runOne(Task task) {
    int index = task.point().point().index();
    try {
      Experiment experiment = task.point().experiment(task.seed());
      ResultsFolder results =
          ResultsFolder.create(folder.dir().resolve(task.folder()), null, null, Clock.systemUTC());
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8);
      try (RunTarget target = RunTarget.local(QUIET_RUNTIME.withFallback(task.point().merged()))) {
        new ExperimentRunner(target, experiment, task.point().merged(),
            task.point().experimentFile(), results, true, discard, discard, null).run();
      }
      RunRecord record = RunRecord.read(index, task.seed(), folder.dir(), task.folder());
      return record != null ? record
          : RunRecord.failed(index, task.seed(), task.folder(), "the run left no results folder");
    } catch (RuntimeException e) {
      return RunRecord.failed(index, task.seed(), task.folder(),
          "the run could not be carried out: " + e);
    }
  }

  /** Ctrl-C or a kill: write the tables of what finished and say how to go on. */
  private void interrupted() {
    stopping.set(true);
    List<RunRecord> done = snapshot();
    int failedRuns = (int) done.stream().filter(r -> !r.completed()).count();
    try {
      folder.writeOutputs(plan, done, false);
      folder.writeStatus(plan, SweepFolder.Status.INTERRUPTED, done.size() - failedRuns,
          failedRuns);
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

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
        // keep waiting: runs may be long
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
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
