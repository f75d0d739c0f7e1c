package org.patchstorm.core.metrics;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns merged interval snapshots, in row order, into CSV values: totals for LEVEL counters,
 * differences for PER_INTERVAL counters, and the chosen statistics of each histogram (NaN when an
 * interval recorded nothing).
 */
public final class MetricsRows {
  private final MetricsSchema schema;
  private long[] previousTotals;

  public MetricsRows(MetricsSchema schema) {
    this.schema = schema;
    this.previousTotals = new long[schema.counters().size()];
  }

  public double[] values(IntervalSnapshot merged) {
    double[] values = new double[schema.columns().size()];
    int c = 0;
    List<MetricsSchema.Counter> counters = schema.counters();
    for (int i = 0; i < counters.size(); i++) {
      long total = merged.counterTotals()[i];
      values[c++] =
          counters.get(i).kind() == MetricsSchema.CounterKind.LEVEL
              ? total
              : total - previousTotals[i];
    }
    previousTotals = merged.counterTotals().clone();
    List<MetricsSchema.Histogram> histograms = schema.histograms();
    for (int i = 0; i < histograms.size(); i++) {
      MetricsSchema.Histogram spec = histograms.get(i);
      Histogram h = merged.histograms()[i];
      for (MetricsSchema.Stat stat : spec.stats()) {
        values[c++] = stat(h, stat, spec.scale());
      }
    }
    return values;
  }

  private static double stat(Histogram h, MetricsSchema.Stat stat, double scale) {
    if (stat == MetricsSchema.Stat.COUNT) {
      return h.getTotalCount();
    }
    if (h.getTotalCount() == 0) {
      return Double.NaN;
    }
    double raw =
        switch (stat) {
          case MEAN -> h.getMean();
          case P50 -> h.getValueAtPercentile(50);
          case P99 -> h.getValueAtPercentile(99);
          case MAX -> h.getMaxValue();
          case COUNT -> throw new AssertionError();
        };
    return raw / scale;
  }
}
