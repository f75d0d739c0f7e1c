package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.patchstorm.actors.engine.HeapWatch;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.MemoryReserve;
import org.patchstorm.actors.engine.RoundStats;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.actors.live.LiveControl;
import org.patchstorm.actors.live.LiveRun;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.report.Charts;
import org.patchstorm.core.report.RunReport;
import org.patchstorm.core.report.TimeSeries;
import org.patchstorm.core.results.CsvWriter;
import org.patchstorm.core.results.Manifest;
import org.patchstorm.core.results.ResultsFolder;
import org.patchstorm.core.results.ResultsProblem;
import org.patchstorm.core.results.ResultsWriteFailure;

/**
 * Runs one validated experiment (in this JVM or on cluster members) and writes its results folder: the resolved
 * experiment and manifest first, metrics.csv row by row as the run goes, then summary.json and
 * the charts; the folder gets its final name only when all of it is written. Whatever ends the
 * run (a failure, a full disk, out of memory, a signal), the folder is either complete under its
 * final name or keeps its {@code .incomplete} name with a manifest saying {@code failed}, why,
 * and the virtual time reached.
 */
final class ExperimentRunner {
  /** Exit code: the run failed (the model, a member, the analysis). */
  static final int EXIT_FAILED = 1;
  /** Exit code: the Java heap filled up. */
  static final int EXIT_OUT_OF_MEMORY = 3;
  /** Exit code: the results folder could not be written (a full disk, a failing file system). */
  static final int EXIT_NOT_WRITTEN = 4;

  /** How long the interrupt hook lets the run finish writing its final state. */
  private static final long FINAL_WRITES_GRACE_SECONDS = 60;

  private final Experiment experiment;
  private final Config merged;
  private final Path experimentFile;
  private final ResultsFolder folder;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;
  private final RunTarget target;
  private final Addition addition;
  /** Given the live control once the run starts; null when the run is not live. */
  private Consumer<LiveControl> onLive;
  /** experiment.conf and the injections; set when the run starts. */
  private volatile ExperimentAsRun asRun;

  /**
   * More results that belong in the folder before it completes, written once the run's own are
   * (the control run of {@code --control}).
   */
  interface Addition {
    /**
     * Writes into {@code folder}; returns lines to print after the run's summary.
     *
     * @throws AdditionFailed with the reason the folder is then marked failed with
     */
    String write(MetricsTable table, RunSummary summary, ResultsFolder folder);
  }

  /** An addition that could not be written; its message is the reason. */
  static final class AdditionFailed extends RuntimeException {
    AdditionFailed(String reason) {
      super(reason);
    }
  }

  /** {@code addition}: more to write before the folder completes, or null. */
  ExperimentRunner(
      RunTarget target,
      Experiment experiment,
      Config merged,
      Path experimentFile,
      ResultsFolder folder,
      boolean quiet,
      PrintStream out,
      PrintStream err,
      Addition addition) {
    this.addition = addition;
    this.target = target;
    this.experiment = experiment;
    this.merged = merged;
    this.experimentFile = experimentFile;
    this.folder = folder;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  /** Whether a ping run measures and prints its BENCH line (a calibration of a few seconds). */
  private boolean measureBench = true;

  /**
   * Leaves out the BENCH line of ping runs: it measures the machine, not the model, and its
   * calibration and full collections would cost seconds per run of a sweep.
   */
  ExperimentRunner withoutBenchLine() {
    measureBench = false;
    return this;
  }

  /**
   * Makes the run live: its virtual time is granted as it goes, so it can be paced, paused and
   * injected into; {@code onLive} gets the control before the run starts.
   */
  ExperimentRunner live(Consumer<LiveControl> onLive) {
    this.onLive = onLive;
    return this;
  }

  /** Who writes the folder's final state: the run when it ends, or the interrupt hook. */
  private final AtomicBoolean settled = new AtomicBoolean();
  /** True when the interrupt hook settled the folder: the run must not touch it any more. */
  private volatile boolean interruptedFirst;
  /** True once the run (not the hook) has claimed the folder's final state; the run's thread only. */
  private boolean runOwns;
  private final CountDownLatch written = new CountDownLatch(1);
  /** True while the addition runs; whoever clears it (run or interrupt hook) settles the folder. */
  private final AtomicBoolean inAddition = new AtomicBoolean();
  private volatile double reachedSeconds;
  /** Where the folder went when the run completed, null before. */
  private volatile Path completedAt;
  /** The first write to the results that failed, the true cause of a run ended by it. */
  private volatile ResultsWriteFailure writeFailure;

  /** Returns the process exit code: 0 completed, else one of the EXIT_ codes. */
  int run() {
    MemoryReserve.hold();
    Thread onInterrupt = null;
    Manifest starting = startingManifest();
    asRun = new ExperimentAsRun(experiment, merged, folder, starting);
    try {
      onInterrupt = new Thread(() -> interrupted(starting), "patchstorm-interrupted");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      asRun.writeStart();
      return runAndWrite(starting);
    } catch (ResultsWriteFailure | ResultsProblem e) {
      return failed(starting, "the results could not be written: " + e.getMessage(),
          EXIT_NOT_WRITTEN);
    } catch (OutOfMemoryError e) {
      MemoryReserve.release();
      return failed(starting, outOfMemory(e.toString()), EXIT_OUT_OF_MEMORY);
    } catch (RuntimeException e) {
      return failed(starting, "an internal error ended the run: " + e, EXIT_FAILED);
    } finally {
      written.countDown();
      if (onInterrupt != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running or about to: it found the folder settled and waits for nothing.
        }
      }
    }
  }

  /**
   * Ctrl-C or a kill: mark the folder failed with the virtual time reached, unless the run has
   * already begun writing its final state, in which case let it finish (up to a minute).
   */
  private void interrupted(Manifest starting) {
    double reached = reachedSeconds;
    String reason =
        "interrupted at virtual time " + Durations.human(reached)
            + " (the process was asked to stop: Ctrl-C or a signal)";
    if (!settled.compareAndSet(false, true)) {
      if (inAddition.compareAndSet(true, false)) {
        // The run's own results are written; what it was adding (the control run) is not.
        reason = "the run completed, but it was interrupted while adding its control run"
            + " (the process was asked to stop: Ctrl-C or a signal)";
      } else {
        try {
          written.await(FINAL_WRITES_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
    }
    interruptedFirst = true;
    asRun.close();
    try {
      folder.fail(asRun.recorded(starting.finished(Clock.systemUTC(), reached)), reason);
      err.println("\nInterrupted: partial results are in " + folder.workingDir()
          + " (marked failed).");
    } catch (RuntimeException e) {
      err.println("\nInterrupted; the results folder " + folder.workingDir()
          + " could not be marked failed: " + e.getMessage());
    }
  }

  /**
   * Marks the folder failed with {@code reason} and the virtual time reached, says so in one
   * paragraph and returns {@code code}; if even the failure cannot be written, says that and
   * returns {@link #EXIT_NOT_WRITTEN} (the folder keeps its .incomplete name).
   */
  private int failed(Manifest manifest, String reason, int code) {
    if (!claimForRun()) {
      return EXIT_FAILED; // the interrupt hook has marked the folder failed
    }
    double reached = reachedSeconds;
    // A reason may be a sentence of its own; the paragraph below ends it.
    String cause = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    String full = "the run stopped at virtual time " + Durations.human(reached) + ": " + cause;
    try {
      if (!folder.isFinished()) {
        folder.fail(asRun.recorded(manifest.finished(Clock.systemUTC(), reached)), full);
      }
      err.println("Error: " + full + ". Partial results are in " + folder.workingDir()
          + " (marked failed).");
      return code;
    } catch (RuntimeException | OutOfMemoryError e) {
      err.println("Error: " + full + ". The results folder " + folder.workingDir()
          + " could not be marked failed either (" + e.getMessage() + "); its name still ends in "
          + ResultsFolder.INCOMPLETE_SUFFIX + ", so it is not taken for a complete run.");
      return EXIT_NOT_WRITTEN;
    }
  }

  /** Takes the folder's final state for the run; false if the interrupt hook took it first. */
  private boolean claimForRun() {
    if (!runOwns) {
      runOwns = settled.compareAndSet(false, true);
    }
    return runOwns;
  }

  private static String outOfMemory(String cause) {
    long maxMegabytes = Runtime.getRuntime().maxMemory() >> 20;
    return "out of memory: the Java heap (at most " + maxMegabytes + " MB) filled up ("
        + cause.replace("out of memory: ", "") + "). Give the run more heap with PATCHSTORM_HEAP"
        + " (e.g. PATCHSTORM_HEAP=8g), or fewer entities";
  }

  private Manifest startingManifest() {
    return Manifest.starting(
        experiment.name(),
        experimentFile.toString(),
        experiment.seed(),
        target.members(),
        experiment.partitions(),
        Settings.spelling(experiment.hosting()),
        Clock.systemUTC());
  }

  private int runAndWrite(Manifest manifest) {
    List<String> columns = experiment.model().schema().columns();
    MetricsTable table = new MetricsTable(columns);
    double endSeconds = experiment.durationMicros() / 1e6;
    BenchLine bench = new BenchLine();
    LiveRun live = onLive == null ? null : new LiveRun(columns, endSeconds,
        experiment.model().injections(),
        () -> completedAt != null ? completedAt : folder.workingDir());
    LocalRun.Outcome outcome;
    try (CsvWriter csv = folder.openCsv("metrics.csv", header(columns));
        Progress progress = new Progress(endSeconds, quiet, System.console() != null, err)) {
      bench.started();
      outcome =
          target.run(
              Partition.Plan.of(experiment, live != null),
              listening(live, new RunListener() {
                @Override
                public void setupDone(int entities) {
                  bench.setupDone();
                  progress.started();
                }

                @Override
                public void row(double timeSeconds, double[] values, long events) {
                  if (interruptedFirst) {
                    return; // the folder is marked failed; the process is on its way out
                  }
                  try {
                    csv.row(timeSeconds, values);
                  } catch (ResultsWriteFailure e) {
                    writeFailure = e;
                    throw e; // the coordinator ends the run
                  }
                  table.add(timeSeconds, values);
                  reachedSeconds = timeSeconds;
                  progress.reached(timeSeconds, events);
                  bench.row(events);
                }

                @Override
                public void roundStats(RoundStats stats) {
                  bench.roundStats(stats);
                }

                @Override
                public void finished() {
                  // Every entity is still alive here: the heap now is the run's footprint.
                  bench.finished(measureBench && !target.distributed());
                }

                @Override
                public void failed(String reason) {
                  // the run's outcome says why; nothing to measure
                }

                @Override
                public void injected(long atMicros, String label, String timelineEntry) {
                  asRun.record(atMicros, label, timelineEntry);
                }
              }));
    }
    double reached = table.rowCount() == 0 ? 0 : table.time(table.rowCount() - 1);
    reachedSeconds = reached;
    manifest = manifest.finished(Clock.systemUTC(), reached);
    if (!claimForRun()) {
      return EXIT_FAILED; // interrupted: the hook has marked the folder failed
    }
    if (!outcome.completed()) {
      if (writeFailure != null) {
        return failed(manifest, "the results could not be written: " + writeFailure.getMessage(),
            EXIT_NOT_WRITTEN);
      }
      if (HeapWatch.isOutOfMemory(outcome.failure())) {
        return failed(manifest, outOfMemory(outcome.failure()), EXIT_OUT_OF_MEMORY);
      }
      return failed(manifest, outcome.failure(), EXIT_FAILED);
    }
    RunSummary summary;
    try {
      summary = RunSummary.of(experiment, table);
    } catch (RuntimeException e) {
      // A bug in the analysis must not hide the metrics: keep them, say what failed.
      return failed(manifest, "the run completed but its summary could not be computed: "
          + e.getMessage() + "; the metrics are kept", EXIT_FAILED);
    }
    folder.writeJson("summary.json", summary.json());
    Map<String, byte[]> charts;
    try {
      charts = Charts.renderPngs(toSeries(table), Charts.defaultSpecs(Set.copyOf(columns)),
          summary.chartOverlays(), RunReport.markers(experiment));
    } catch (IOException e) {
      return failed(manifest, "the run completed but its charts could not be drawn: "
          + e.getMessage(), EXIT_FAILED);
    }
    List<Path> chartFiles = new java.util.ArrayList<>();
    for (Map.Entry<String, byte[]> png : charts.entrySet()) {
      folder.writeBytes(png.getKey(), png.getValue());
      chartFiles.add(folder.workingDir().resolve(png.getKey()));
    }
    folder.writeString("report.html", RunReport.html(
        asRun.recorded(manifest.withStatus(Manifest.Status.COMPLETE, null)),
        summary.json(), summary.human(), asRun.text(), chartFiles));
    String additional = "";
    if (addition != null) {
      inAddition.set(true);
      String failure = null;
      try {
        additional = addition.write(table, summary, folder);
      } catch (AdditionFailed e) {
        failure = e.getMessage();
      } catch (RuntimeException e) {
        if (inAddition.get()) {
          throw e;
        }
      }
      if (!inAddition.compareAndSet(true, false)) {
        return EXIT_FAILED; // interrupted: the hook has marked the folder failed
      }
      if (failure != null) {
        return failed(manifest, failure + "; the run's own results are kept", EXIT_FAILED);
      }
    }
    Path done =
        folder.complete(asRun.recorded(manifest.withStatus(Manifest.Status.COMPLETE, null)));
    completedAt = done;
    if (!quiet) {
      out.println(summary.human());
      if (live != null && live.status().pace() > 0) {
        out.println(String.format(Locale.ROOT, "Pace: asked %s, achieved %.1f virtual seconds per"
            + " wall second (first row to last)", java.math.BigDecimal.valueOf(live.status().pace())
            .stripTrailingZeros().toPlainString(), live.achievedPace()));
      }
      if (!additional.isEmpty()) {
        out.println(additional);
      }
      out.println("Results: " + done);
    }
    String benchLine = measureBench ? bench.format(experiment, table, target, merged) : null;
    if (benchLine != null) {
      out.println(benchLine);
    }
    return 0;
  }

  private static List<String> header(List<String> columns) {
    List<String> header = new java.util.ArrayList<>();
    header.add(TimeSeries.TIME_COLUMN);
    header.addAll(columns);
    return header;
  }

  /** {@code listener} as seen by the live control, which then starts, or as it is. */
  private RunListener listening(LiveRun live, RunListener listener) {
    if (live == null) {
      return listener;
    }
    onLive.accept(live);
    return live.listening(listener);
  }

  static TimeSeries toSeries(MetricsTable table) {
    double[] times = new double[table.rowCount()];
    for (int r = 0; r < times.length; r++) {
      times[r] = table.time(r);
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (String c : table.columns()) {
      columns.put(c, table.column(c));
    }
    return TimeSeries.of(times, columns);
  }
}
