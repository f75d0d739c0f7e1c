package org.patchstorm.core.metrics;

/**
 * Where entities record metrics. Ids are the indexes of a {@link MetricsSchema}. Counters are
 * exact sums and histograms exact value counts, so the result does not depend on the order in
 * which concurrently running entities record.
 */
public interface MetricsSink {

  /** Adds {@code delta} (may be negative, e.g. for levels such as "online peers"). */
  void add(int counter, long delta);

  /** Records one value (>= 0) into a histogram. */
  void record(int histogram, long value);
}
