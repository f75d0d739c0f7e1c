package org.patchstorm.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics a model records: named counters and histograms, addressed by index from entity
 * code. The schema fixes the columns of {@code metrics.csv}.
 */
public record MetricsSchema(List<Counter> counters, List<Histogram> histograms) {

  /** How a counter appears in the CSV. */
  public enum CounterKind {
    /** The amount added during each reporting interval (e.g. log-in attempts). */
    PER_INTERVAL,
    /** The running total at the end of each interval (e.g. online peers, via +1/-1). */
    LEVEL
  }

  /** Statistics of a histogram written per interval. */
  public enum Stat {
    COUNT, MEAN, P50, P99, MAX
  }

  public record Counter(String column, CounterKind kind) {}

  /**
   * A histogram of values in [0, highestTrackable]; {@code scale} divides values for output (e.g.
   * 1000 to record microseconds and print milliseconds).
   */
  public record Histogram(String column, long highestTrackable, double scale, List<Stat> stats) {}

  public MetricsSchema {
    counters = List.copyOf(counters);
    histograms = List.copyOf(histograms);
  }

  /** Column names of the CSV, after the leading {@code time_s} column. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>();
    for (Counter c : counters) {
      columns.add(c.column());
    }
    for (Histogram h : histograms) {
      for (Stat s : h.stats()) {
        columns.add(h.column() + "_" + s.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return columns;
  }

  /** Index of a counter by column name; throws if absent. */
  public int counter(String column) {
    for (int i = 0; i < counters.size(); i++) {
      if (counters.get(i).column().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no counter " + column);
  }

  /** Index of a histogram by column name; throws if absent. */
  public int histogram(String column) {
    for (int i = 0; i < histograms.size(); i++) {
      if (histograms.get(i).column().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no histogram " + column);
  }
}
