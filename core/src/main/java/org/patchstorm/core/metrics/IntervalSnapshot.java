package org.patchstorm.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * One partition's metrics at the end of reporting interval {@code row}: counter totals since the
 * start, the histograms of the interval, and how many events the runtime delivered in total (for
 * progress and speed figures, not a model metric). Snapshots of all partitions add up to the row.
 */
public record IntervalSnapshot(
    int row, long[] counterTotals, Histogram[] histograms, long eventsDelivered) {

  /** Adds {@code other} into a fresh snapshot. */
  public IntervalSnapshot plus(IntervalSnapshot other) {
    if (other.row != row) {
      throw new IllegalArgumentException("rows differ: " + row + " vs " + other.row);
    }
    long[] totals = counterTotals.clone();
    for (int i = 0; i < totals.length; i++) {
      totals[i] += other.counterTotals[i];
    }
    Histogram[] sums = new Histogram[histograms.length];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = histograms[i].copy();
      sums[i].setAutoResize(true); // the other may have grown further (or come decoded, fixed-size)
      sums[i].add(other.histograms[i]);
    }
    return new IntervalSnapshot(row, totals, sums, eventsDelivered + other.eventsDelivered);
  }
}
