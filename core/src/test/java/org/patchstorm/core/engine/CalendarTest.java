package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarTest {

  /** Payloads of an epoch, in canonical order. */
  private static List<Object> take(Calendar c, long epoch) {
    EventBuffer b = c.takeEpoch(epoch).sortedCanonically();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      assertEquals(epoch, c.epochOf(b.time(i)), "event returned in the wrong epoch");
      out.add(b.payload(i));
    }
    return out;
  }

  @Test
  void eventsComeBackByEpochAndEmptyStretchesAreSkipped() {
    Calendar c = new Calendar(1000, 8);
    c.add(2500, 1, 0, 0, "e2a");
    c.add(150, 1, 0, 1, "e0");
    c.add(2999, 1, 0, 2, "e2b");
    c.add(6000, 1, 0, 3, "e6");
    assertEquals(4, c.size());

    assertEquals(0, c.nextEpoch());
    assertEquals(List.of("e0"), take(c, 0));
    assertEquals(2, c.nextEpoch(), "epoch 1 is empty and must be skipped");
    assertEquals(List.of("e2a", "e2b"), take(c, 2));
    assertEquals(6, c.nextEpoch());
    assertEquals(List.of("e6"), take(c, 6));
    assertEquals(Long.MAX_VALUE, c.nextEpoch());
    assertEquals(0, c.size());
  }

  @Test
  void farFutureEventsBeyondTheRingArriveInOrder() {
    Calendar c = new Calendar(1000, 4); // the ring covers 4 epochs; the rest overflows
    c.add(1_000_500, 3, 1, 0, "e1000");
    c.add(9_200, 3, 1, 1, "e9a");
    c.add(50_000, 3, 1, 2, "e50");
    c.add(9_100, 3, 2, 0, "e9b-earlier");
    c.add(1_500, 3, 1, 3, "e1");
    c.add(10_000, 3, 1, 4, "e10");

    List<Object> seen = new ArrayList<>();
    List<Long> epochs = new ArrayList<>();
    long epoch = c.nextEpoch();
    while (epoch != Long.MAX_VALUE) {
      epochs.add(epoch);
      seen.addAll(take(c, epoch));
      if (epoch == 9) {
        // Added after the ring moved on: epoch 11 now fits in the ring (9..12).
        c.add(11_000, 3, 1, 5, "e11-late");
      }
      epoch = c.nextEpoch();
    }
    assertEquals(List.of(1L, 9L, 10L, 11L, 50L, 1000L), epochs);
    assertEquals(
        List.of("e1", "e9b-earlier", "e9a", "e10", "e11-late", "e50", "e1000"), seen);
    assertEquals(0, c.size());
  }

  @Test
  void eventsForAnEpochHeldPartlyInOverflowAndPartlyInTheRingAreAllReturned() {
    Calendar c = new Calendar(100, 2);
    c.add(550, 0, 0, 0, "a"); // epoch 5, overflow while the ring covers 0..1
    c.add(320, 0, 0, 1, "b"); // epoch 3, overflow
    assertEquals(List.of("b"), take(c, 3)); // ring now covers 3..4; epoch 5 still overflow
    c.add(410, 0, 0, 2, "c"); // epoch 4, in the ring
    assertEquals(4, c.nextEpoch());
    assertEquals(List.of("c"), take(c, 4)); // ring covers 4..5: epoch 5 moves in
    c.add(520, 0, 0, 3, "d"); // joins the bucket that came from overflow
    assertEquals(List.of("d", "a"), take(c, 5));
    assertEquals(Long.MAX_VALUE, c.nextEpoch());
  }

  @Test
  void addingInThePastThrows() {
    Calendar c = new Calendar(1000, 4);
    c.add(3500, 0, 0, 0, "x");
    take(c, 3);
    assertThrows(IllegalStateException.class, () -> c.add(2999, 0, 0, 1, "late"));
    c.add(3000, 0, 0, 2, "same epoch is still allowed");
    assertEquals(1, c.size());
  }

  @Test
  void takingAnEarlierEpochThanBeforeThrows() {
    Calendar c = new Calendar(1000, 4);
    c.add(5000, 0, 0, 0, "x");
    take(c, 5);
    assertThrows(IllegalStateException.class, () -> c.takeEpoch(4));
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThrows(IllegalArgumentException.class, () -> new Calendar(0, 4));
    assertThrows(IllegalArgumentException.class, () -> new Calendar(1000, 0));
  }

  /**
   * Against a plain sorted map: events added at random distances (within and far beyond the
   * ring, while time advances) come back in the epoch they belong to, each exactly once.
   */
  @Test
  void randomAddsAndTakesMatchASortedReference() {
    randomAddsAndTakes(false);
  }

  /**
   * The same with the partition's reuse: taken buffers and sorted ones go back to the calendar
   * as buckets, so a stale event or payload left in one would show up in a later epoch.
   */
  @Test
  void recycledBuffersReturnOnlyTheirNewEvents() {
    randomAddsAndTakes(true);
  }

  private static List<Object> takeRecycling(Calendar c, long epoch) {
    EventBuffer taken = c.takeEpoch(epoch);
    EventBuffer b = taken.sortedCanonically(c.spare(), new long[taken.size() + 3]);
    c.recycle(taken);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      assertEquals(epoch, c.epochOf(b.time(i)), "event returned in the wrong epoch");
      out.add(b.payload(i));
    }
    c.recycle(b);
    return out;
  }

  private static void randomAddsAndTakes(boolean recycle) {
    // Far adds reach thousands of overflow blocks: more than the calendar caches at once.
    for (int ringSize : new int[] {1, 3, 8, 64}) {
      Calendar calendar = new Calendar(10, ringSize);
      // Epoch -> (time, id) in canonical order (one sender, so time then sequence).
      java.util.TreeMap<Long, java.util.TreeMap<Long, Object>> reference = new java.util.TreeMap<>();
      java.util.SplittableRandom random = new java.util.SplittableRandom(ringSize);
      long now = 0;
      int id = 0;
      for (int step = 0; step < 2000; step++) {
        int adds = random.nextInt(4);
        for (int k = 0; k < adds; k++) {
          long at = now * 10 + 10 + (random.nextBoolean() ? random.nextLong(100) : random.nextLong(50_000));
          Object payload = id++;
          calendar.add(at, 1, 0, (Integer) payload, payload);
          reference.computeIfAbsent(at / 10, e -> new java.util.TreeMap<>()).put(at * 100_000 + id, payload);
        }
        long next = calendar.nextEpoch();
        assertEquals(reference.isEmpty() ? Long.MAX_VALUE : reference.firstKey(), next,
            "ring " + ringSize + ", step " + step);
        if (next == Long.MAX_VALUE) {
          continue;
        }
        List<Object> taken = recycle ? takeRecycling(calendar, next) : take(calendar, next);
        assertEquals(new ArrayList<>(reference.pollFirstEntry().getValue().values()), taken,
            "ring " + ringSize + ", epoch " + next);
        now = next;
      }
      assertEquals(reference.values().stream().mapToLong(java.util.Map::size).sum(), calendar.size());
    }
  }
}
