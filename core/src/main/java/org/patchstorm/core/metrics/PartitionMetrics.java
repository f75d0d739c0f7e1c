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
  private final long[] highest;  // values above a column's highest are recorded as it

  public PartitionMetrics(MetricsSchema schema) {
    this.schema = schema;
    counters = new long[schema.counters().size()];
    histograms = new Histogram[schema.histograms().size()];
    highest = new long[histograms.length];
    for (int i = 0; i < histograms.length; i++) {
      histograms[i] = newHistogram();
      highest[i] = highest(schema.histograms().get(i));
    }
  }

  /**
   * A histogram of three significant digits that grows to the largest value it records: the same
   * buckets as one sized to {@code spec}'s highest value at once (so the same figures), but an
   * interval's latencies take a few kilobytes instead of ~320 KB. Every partition hands over one
   * per histogram column per row, and a runner that merges slower than the partitions report
   * held thousands of them (an 8-partition storm of 2,000 peers reached 3 GB).
   */
  static Histogram newHistogram() {
    return new Histogram(3);
  }

  private static long highest(MetricsSchema.Histogram spec) {
    return Math.max(2, spec.highestTrackable());
  }

  @Override
  public void add(int counter, long delta) {
    counters[counter] += delta;
  }

  @Override
  public void record(int histogram, long value) {
    histograms[histogram].recordValue(Math.min(Math.max(0, value), highest[histogram]));
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
      histograms[i] = newHistogram();
    }
    return new IntervalSnapshot(row, totals, taken, eventsDelivered);
  }

  public MetricsSchema schema() {
    return schema;
  }
}
