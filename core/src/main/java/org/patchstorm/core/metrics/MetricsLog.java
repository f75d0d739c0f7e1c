package org.patchstorm.core.metrics;

import java.util.Arrays;

/**
 * Metrics recorded for later: an entity that runs on its own records here, and its partition
 * replays the log into its own metrics in entity-id order, so the partition sees exactly the
 * operations, in the order, of entities that record into it directly.
 */
public final class MetricsLog implements MetricsSink {
  // A counter op holds its id, a histogram op the id's complement (negative).
  private int[] ids = new int[0];
  private long[] values = new long[0];
  private int size;

  @Override
  public void add(int counter, long delta) {
    append(counter, delta);
  }

  @Override
  public void record(int histogram, long value) {
    append(~histogram, value);
  }

  private void append(int id, long value) {
    if (size == ids.length) {
      int capacity = Math.max(4, size * 2);
      ids = Arrays.copyOf(ids, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    ids[size] = id;
    values[size] = value;
    size++;
  }

  public int size() {
    return size;
  }

  /** Applies every recorded operation to {@code sink}, in the order recorded. */
  public void replayInto(MetricsSink sink) {
    for (int i = 0; i < size; i++) {
      int id = ids[i];
      if (id >= 0) {
        sink.add(id, values[i]);
      } else {
        sink.record(~id, values[i]);
      }
    }
  }
}
