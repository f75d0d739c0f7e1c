package org.patchstorm.core.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one partition. Entities of the partition record concurrently (each from its own
 * actor), so counters are striped adders and histograms concurrent; both are exact and
 * order-independent. Snapshots are taken between epochs, when no entity runs.
 */
public final class PartitionMetrics implements MetricsSink {
  private final MetricsSchema schema;
  private final LongAdder[] counters;
  private final ConcurrentHistogram[] histograms;  // replaced at each snapshot

  public PartitionMetrics(MetricsSchema schema) {
    this.schema = schema;
    counters = new LongAdder[schema.counters().size()];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new LongAdder();
    }
    histograms = new ConcurrentHistogram[schema.histograms().size()];
    for (int i = 0; i < histograms.length; i++) {
      histograms[i] = newHistogram(schema.histograms().get(i));
    }
  }

  static ConcurrentHistogram newHistogram(MetricsSchema.Histogram spec) {
    return new ConcurrentHistogram(Math.max(2, spec.highestTrackable()), 3);
  }

  @Override
  public void add(int counter, long delta) {
    counters[counter].add(delta);
  }

  @Override
  public void record(int histogram, long value) {
    ConcurrentHistogram h = histograms[histogram];
    h.recordValue(Math.min(Math.max(0, value), h.getHighestTrackableValue()));
  }

  /**
   * Counter totals so far and this interval's histograms; resets the histograms. Call only while
   * no entity of the partition runs.
   */
  public IntervalSnapshot snapshot(int row, long eventsDelivered) {
    long[] totals = new long[counters.length];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = counters[i].sum();
    }
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
