package org.patchstorm.actors.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows how far a run has come: a progress bar on a terminal, plain periodic lines otherwise (for
 * logs and CI), nothing with --quiet. Wall time is read only for this display.
 */
final class Progress implements AutoCloseable {
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final double endSeconds;
  private final PrintStream log;
  private final ProgressBar bar;
  private final boolean quiet;
  private long loopStartNanos;
  private long lastLogNanos;

  Progress(double endSeconds, boolean quiet, boolean terminal, PrintStream log) {
    this.endSeconds = endSeconds;
    this.quiet = quiet;
    this.log = log;
    this.bar = ProgressBars.onTerminal(quiet, terminal, "virtual time",
        Math.max(1, Math.round(endSeconds)), 0, " vs", log);
  }

  void started() {
    loopStartNanos = System.nanoTime();
    lastLogNanos = loopStartNanos;
  }

  void reached(double virtualSeconds, long eventsDelivered) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    double wall = Math.max(1e-9, (now - loopStartNanos) / 1e9);
    String speed =
        String.format(
            java.util.Locale.ROOT,
            "%.1f vs/s, %.2f M events/s",
            virtualSeconds / wall,
            eventsDelivered / wall / 1e6);
    if (bar != null) {
      bar.stepTo(Math.round(virtualSeconds));
      bar.setExtraMessage(" " + speed);
    } else if (now - lastLogNanos >= LOG_EVERY_NANOS || virtualSeconds >= endSeconds) {
      lastLogNanos = now;
      double eta = virtualSeconds > 0 ? wall * (endSeconds - virtualSeconds) / virtualSeconds : 0;
      log.printf(
          java.util.Locale.ROOT,
          "progress: %s of %s virtual (%.1f%%), %s, ETA %.0f s%n",
          Durations.human(virtualSeconds),
          Durations.human(endSeconds),
          100 * virtualSeconds / endSeconds,
          speed,
          eta);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
