package org.patchstorm.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;
import org.patchstorm.core.metrics.MetricsSchema.Stat;

class MetricsRowsTest {
  private static final MetricsSchema SCHEMA =
      new MetricsSchema(
          List.of(
              new MetricsSchema.Counter("logins", CounterKind.PER_INTERVAL),
              new MetricsSchema.Counter("online", CounterKind.LEVEL)),
          List.of(
              new MetricsSchema.Histogram(
                  "latency_ms", 100_000, 1000.0, List.of(Stat.COUNT, Stat.MEAN, Stat.MAX))));
  private static final int LOGINS = 0;
  private static final int ONLINE = 1;
  private static final int LATENCY = 0;

  @Test
  void columnsFollowTheSchema() {
    assertEquals(
        List.of("logins", "online", "latency_ms_count", "latency_ms_mean", "latency_ms_max"),
        SCHEMA.columns());
  }

  @Test
  void perIntervalCountersGiveDifferencesAndLevelsGiveTotals() {
    PartitionMetrics m = new PartitionMetrics(SCHEMA);
    MetricsRows rows = new MetricsRows(SCHEMA);

    m.add(LOGINS, 5);
    m.add(ONLINE, 5);
    m.record(LATENCY, 1000);
    m.record(LATENCY, 2000);
    double[] first = rows.values(m.snapshot(1, 0));
    // 1 ms and 2 ms: mean 1.5 ms, max 2 ms. Values below 2048 are exact in a 3-digit HdrHistogram.
    assertArrayEquals(new double[] {5, 5, 2, 1.5, 2.0}, first);

    m.add(LOGINS, 3);
    m.add(ONLINE, -2);
    double[] second = rows.values(m.snapshot(2, 0));
    // 3 new logins; 5 - 2 = 3 online; no latency recorded in this interval.
    assertEquals(3, second[0]);
    assertEquals(3, second[1]);
    assertEquals(0, second[2], "COUNT of an empty interval is 0, not NaN");
    assertEquals(Double.NaN, second[3]);
    assertEquals(Double.NaN, second[4]);

    double[] third = rows.values(m.snapshot(3, 0));
    assertEquals(0, third[0], "nothing happened: no logins");
    assertEquals(3, third[1], "but the level stays");
  }

  @Test
  void mergingPartitionSnapshotsEqualsRecordingEverythingInOne() {
    PartitionMetrics a = new PartitionMetrics(SCHEMA);
    PartitionMetrics b = new PartitionMetrics(SCHEMA);
    PartitionMetrics all = new PartitionMetrics(SCHEMA);
    MetricsRows merged = new MetricsRows(SCHEMA);
    MetricsRows single = new MetricsRows(SCHEMA);
    for (int row = 1; row <= 3; row++) {
      for (int i = 0; i < 50 * row; i++) {
        PartitionMetrics target = i % 3 == 0 ? a : b;
        long value = 1000L * ((i * 37L + row) % 90);
        target.add(LOGINS, 1);
        target.add(ONLINE, i % 2 == 0 ? 1 : -1);
        target.record(LATENCY, value);
        all.add(LOGINS, 1);
        all.add(ONLINE, i % 2 == 0 ? 1 : -1);
        all.record(LATENCY, value);
      }
      IntervalSnapshot sa = a.snapshot(row, 10);
      IntervalSnapshot sb = b.snapshot(row, 20);
      IntervalSnapshot sum = sa.plus(sb);
      assertEquals(30, sum.eventsDelivered());
      assertArrayEquals(single.values(all.snapshot(row, 0)), merged.values(sum), "row " + row);
    }
  }

  @Test
  void snapshotsOfDifferentRowsDoNotMerge() {
    PartitionMetrics m = new PartitionMetrics(SCHEMA);
    IntervalSnapshot one = m.snapshot(1, 0);
    IntervalSnapshot two = m.snapshot(2, 0);
    assertThrows(IllegalArgumentException.class, () -> one.plus(two));
  }

  @Test
  void valuesBeyondTheTrackableRangeAreClampedNotLost() {
    PartitionMetrics m = new PartitionMetrics(SCHEMA);
    m.record(LATENCY, -5);
    m.record(LATENCY, 10_000_000);
    double[] v = new MetricsRows(SCHEMA).values(m.snapshot(1, 0));
    assertEquals(2, v[2]);
    // The max is the highest trackable value, 100 ms, within HdrHistogram's 3-digit precision.
    assertEquals(100.0, v[4], 0.1);
  }
}
