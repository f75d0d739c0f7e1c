package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {

  private static List<String> payloads(EventBuffer b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      out.add((String) b.payload(i));
    }
    return out;
  }

  @Test
  void sortsByTargetThenTimeThenSenderThenSequence() {
    EventBuffer b = new EventBuffer(4);
    // Added in a scrambled order; names spell the expected position.
    b.add(500, 2, 9, 0, "t2-500-s9");
    b.add(500, 1, 7, 3, "t1-500-s7-q3");
    b.add(100, 2, 1, 0, "t2-100");
    b.add(500, 1, 7, 1, "t1-500-s7-q1");
    b.add(500, 1, 3, 8, "t1-500-s3");
    b.add(400, 1, 9, 0, "t1-400");
    b.add(500, 0, 0, 0, "t0-500");
    b.add(500, 2, 4, 0, "t2-500-s4");

    EventBuffer sorted = b.sortedCanonically();

    assertEquals(
        List.of(
            "t0-500",
            "t1-400",
            "t1-500-s3", // same time: lower sender first, whatever its sequence
            "t1-500-s7-q1", // same time and sender: lower sequence first
            "t1-500-s7-q3",
            "t2-100",
            "t2-500-s4",
            "t2-500-s9"),
        payloads(sorted));
    assertEquals(8, b.size(), "sorting returns a copy and leaves the original alone");
  }

  @Test
  void sortedOrderDoesNotDependOnInsertionOrder() {
    EventBuffer forward = new EventBuffer(1);
    EventBuffer backward = new EventBuffer(1);
    int n = 200;
    for (int i = 0; i < n; i++) {
      int j = n - 1 - i;
      forward.add(1000 + i % 3, i % 5, i % 7, i, "e" + i);
      backward.add(1000 + j % 3, j % 5, j % 7, j, "e" + j);
    }
    assertEquals(payloads(forward.sortedCanonically()), payloads(backward.sortedCanonically()));
  }

  @Test
  void growsFromTinyCapacityKeepingEveryField() {
    EventBuffer b = new EventBuffer(0);
    for (int i = 0; i < 1000; i++) {
      b.add(10L * i, i + 1, i + 2, i + 3, "p" + i);
    }
    assertEquals(1000, b.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(10L * i, b.time(i));
      assertEquals(i + 1, b.target(i));
      assertEquals(i + 2, b.sender(i));
      assertEquals(i + 3, b.seq(i));
      assertEquals("p" + i, b.payload(i));
    }
  }

  @Test
  void minTimeAndClear() {
    EventBuffer b = new EventBuffer(2);
    assertEquals(Long.MAX_VALUE, b.minTime());
    b.add(70, 0, 0, 0, "a");
    b.add(30, 0, 0, 1, "b");
    b.add(50, 0, 0, 2, "c");
    assertEquals(30, b.minTime());
    b.clear();
    assertTrue(b.isEmpty());
    assertEquals(Long.MAX_VALUE, b.minTime());
  }

  @Test
  void addFromCopiesOneEvent() {
    EventBuffer a = new EventBuffer(2);
    a.add(1, 2, 3, 4, "x");
    a.add(5, 6, 7, 8, "y");
    EventBuffer b = new EventBuffer(1);
    b.addFrom(a, 1);
    assertEquals(1, b.size());
    assertEquals(5, b.time(0));
    assertEquals(6, b.target(0));
    assertEquals(7, b.sender(0));
    assertEquals(8, b.seq(0));
    assertEquals("y", b.payload(0));
  }
}
