package org.patchstorm.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * The metrics of one partition: exact counters and histograms, recorded by its entities in the
 * partition's own thread, so nothing here needs to be thread-safe. Sums and counts do not depend
 * on the order of recording. Snapshots are taken between epochs, when no entity runs.
 */
public final class PartitionMetrics implements MetricsSink {
  private final MetricsSchema schema;
  private final long[] counters;
  private final Histogram[] histograms;  // replaced at each snapshot

  public PartitionMetrics(MetricsSchema schema) {
    this.schema = schema;
    counters = new long[schema.counters().size()];
    histograms = new Histogram[schema.histograms().size()];
    for (int i = 0; i < histograms.length; i++) {
      histograms[i] = newHistogram(schema.histograms().get(i));
    }
  }

  static Histogram newHistogram(MetricsSchema.Histogram spec) {
    return new Histogram(Math.max(2, spec.highestTrackable()), 3);
  }

  @Override
  public void add(int counter, long delta) {
    counters[counter] += delta;
  }

  @Override
  public void record(int histogram, long value) {
    Histogram h = histograms[histogram];
    h.recordValue(Math.min(Math.max(0, value), h.getHighestTrackableValue()));
  }

  /**
   * Counter totals so far and this interval's histograms; resets the histograms. Call only while
   * no entity of the partition runs.
   */
  public IntervalSnapshot snapshot(int row, long eventsDelivered) {
    long[] totals = counters.clone();
    Histogram[] taken = new Histogram[histograms.length];
    for (int i = 0; i < taken.length; i++) {
      // Hand over the interval's histogram and record into a fresh one: cheaper than copy+reset.
      taken[i] = histograms[i];
      histograms[i] = newHistogram(schema.histograms().get(i));
    }
    return new IntervalSnapshot(row, totals, taken, eventsDelivered);
  }

  public MetricsSchema schema() {
    return schema;
  }
}
