package org.patchstorm.actors.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * One progress display for a whole sweep: runs done, runs failed and an ETA; a bar on a terminal,
 * a line per finished run otherwise (logs, CI), nothing with --quiet. Wall time is read only for
 * this display.
 */
final class SweepProgress implements AutoCloseable {
  private final PrintStream log;
  private final ProgressBar bar;
  private final boolean quiet;
  private final int total;
  private final int alreadyDone;
  private final long startNanos = System.nanoTime();
  private int done;
  private int failed;

  SweepProgress(int total, int alreadyDone, boolean quiet, boolean terminal, PrintStream log) {
    this.total = total;
    this.alreadyDone = alreadyDone;
    this.done = alreadyDone;
    this.quiet = quiet;
    this.log = log;
    this.bar = ProgressBars.onTerminal(quiet, terminal, "sweep", total, alreadyDone, " runs", log);
  }

  /** A run ended (completed or failed). */
  synchronized void runEnded(boolean completed) {
    done++;
    if (!completed) {
      failed++;
    }
    if (quiet) {
      return;
    }
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(failed == 0 ? "" : " " + failed + " failed");
      return;
    }
    double wall = (System.nanoTime() - startNanos) / 1e9;
    int fresh = done - alreadyDone;
    double eta = fresh == 0 ? 0 : wall / fresh * (total - done);
    log.printf(Locale.ROOT, "sweep: %d of %d runs done, %d failed, ETA %s%n",
        done, total, failed, Durations.human(eta));
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
