package org.patchstorm.actors.cli;

import java.util.Locale;

/** Formats virtual durations for people: 45 s, 12.5 min, 3.2 h, 1.5 d. */
final class Durations {
  private Durations() {}

  static String human(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    if (seconds < 172_800) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
  }
}
