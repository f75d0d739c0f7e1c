package org.patchstorm.actors.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The one look of Patchstorm's progress bars (a run's virtual time, a sweep's runs). */
final class ProgressBars {
  private ProgressBars() {}

  /** A bar on the terminal, or null when there is none to draw on (quiet, logs, CI). */
  static ProgressBar onTerminal(boolean quiet, boolean terminal, String task, long max,
      long startsFrom, String unit, PrintStream log) {
    if (quiet || !terminal) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .startsFrom(startsFrom, Duration.ZERO)
        .setUnit(unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(log))
        .build();
  }
}
