package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.patchstorm.actors.engine.RunTarget;

/** A sweep's runs in this JVM, {@code parallel} at a time, each on its own actor system. */
final class LocalSweepRuns implements SweepRuns {
  /**
   * The runs' actor systems keep their event-stream logging to themselves (e.g. slow-shutdown
   * warnings under load): a run that fails says why in its manifest and in runs.csv, and log
   * lines of parallel runs would break up the progress display.
   */
  private static final Config QUIET_RUNTIME =
      ConfigFactory.parseString("pekko.loglevel = OFF\npekko.stdout-loglevel = OFF");

  private final int parallel;

  LocalSweepRuns(int parallel) {
    this.parallel = parallel;
  }

  @Override
  public String describe() {
    return parallel + " at a time in this JVM";
  }

  @Override
  public void carryOut(List<SweepRunner.Task> tasks, BiConsumer<SweepRunner.Task, RunTarget> write) {
    ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
      Thread thread = new Thread(runnable, "patchstorm-sweep-run");
      thread.setDaemon(true);
      return thread;
    });
    for (SweepRunner.Task task : tasks) {
      pool.execute(() -> write.accept(task,
          RunTarget.local(QUIET_RUNTIME.withFallback(task.point().merged()))));
    }
    pool.shutdown();
    awaitQuietly(pool);
  }

  static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
        // keep waiting: runs may be long
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }
}
