package org.patchstorm.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

  @Test
  void rowTotalsAndEveryHistogramCountSurvive() {
    Histogram latency = new Histogram(3_600_000_000L, 3);
    latency.recordValue(1);
    latency.recordValue(1);
    latency.recordValue(250_000);
    latency.recordValue(3_000_000_000L);
    Histogram empty = new Histogram(1000, 3);
    IntervalSnapshot snapshot =
        new IntervalSnapshot(17, new long[] {5, 0, Long.MAX_VALUE}, new Histogram[] {latency, empty}, 99);

    IntervalSnapshot back = SnapshotCodec.decode(SnapshotCodec.encode(snapshot));

    assertEquals(17, back.row());
    assertEquals(99, back.eventsDelivered());
    assertArrayEquals(new long[] {5, 0, Long.MAX_VALUE}, back.counterTotals());
    assertEquals(2, back.histograms().length);
    Histogram h = back.histograms()[0];
    assertEquals(4, h.getTotalCount());
    assertEquals(2, h.getCountAtValue(1));
    assertEquals(1, h.getCountAtValue(250_000));
    assertEquals(latency.getMaxValue(), h.getMaxValue());
    assertEquals(latency.getMean(), h.getMean());
    assertEquals(0, back.histograms()[1].getTotalCount());
  }

  @Test
  void decodedSnapshotsMergeLikeTheOriginals() {
    Histogram a = new Histogram(1_000_000, 3);
    a.recordValue(10);
    Histogram b = new Histogram(1_000_000, 3);
    b.recordValue(20);
    IntervalSnapshot left = new IntervalSnapshot(1, new long[] {1}, new Histogram[] {a}, 3);
    IntervalSnapshot right = new IntervalSnapshot(1, new long[] {2}, new Histogram[] {b}, 4);

    IntervalSnapshot merged =
        SnapshotCodec.decode(SnapshotCodec.encode(left))
            .plus(SnapshotCodec.decode(SnapshotCodec.encode(right)));

    assertArrayEquals(new long[] {3}, merged.counterTotals());
    assertEquals(7, merged.eventsDelivered());
    assertEquals(2, merged.histograms()[0].getTotalCount());
    assertEquals(15.0, merged.histograms()[0].getMean(), 0.01);
  }
}
