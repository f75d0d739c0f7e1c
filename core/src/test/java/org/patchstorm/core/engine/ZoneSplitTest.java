package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZoneSplitTest {
  // The shipped geography: americas, europe, asia, oceania (ms, in µs below).
  private static final long[][] SHIPPED = micros(new long[][] {
      {20, 45, 90, 80}, {45, 15, 80, 140}, {90, 80, 25, 60}, {80, 140, 60, 15}});
  private static final long[] SHIPPED_LOAD = {30, 40, 25, 5};

  @Test
  void theShippedRegionsOnTwoMembersAreBalancedAndMeetEvery45Ms() {
    ZoneSplit split = ZoneSplit.choose(SHIPPED_LOAD, SHIPPED, 2);
    // The best balance is americas + asia (55) against europe + oceania (45); the split with
    // 80 ms between members (americas + europe = 70) is too unbalanced to win.
    int[] m = split.memberOfZone();
    assertEquals(m[0], m[2]);
    assertEquals(m[1], m[3]);
    assertTrue(m[0] != m[1]);
    assertEquals(45_000, split.crossMemberLatencyMicros());
  }

  @Test
  void latencyWinsAmongSplitsThatAreNearlyAsBalanced() {
    // Zones 0 and 1 are close to each other, 2 and 3 too; every split into pairs is balanced, and
    // only {0,1} | {2,3} keeps the close pairs together.
    long[][] latency = micros(new long[][] {
        {10, 12, 90, 90}, {12, 10, 90, 90}, {90, 90, 10, 12}, {90, 90, 12, 10}});
    ZoneSplit split = ZoneSplit.choose(new long[] {25, 25, 25, 25}, latency, 2);
    int[] m = split.memberOfZone();
    assertEquals(m[0], m[1]);
    assertEquals(m[2], m[3]);
    assertEquals(90_000, split.crossMemberLatencyMicros());
  }

  @Test
  void everyMemberGetsAZone() {
    ZoneSplit split = ZoneSplit.choose(SHIPPED_LOAD, SHIPPED, 4);
    int[] m = split.memberOfZone().clone();
    java.util.Arrays.sort(m);
    assertArrayEquals(new int[] {0, 1, 2, 3}, m);
    assertEquals(45_000, split.crossMemberLatencyMicros());
  }

  @Test
  void noSplitWithFewerZonesThanMembersOrOneMember() {
    assertNull(ZoneSplit.choose(new long[] {10}, new long[][] {{10_000}}, 2));
    assertNull(ZoneSplit.choose(SHIPPED_LOAD, SHIPPED, 5));
    assertNull(ZoneSplit.choose(SHIPPED_LOAD, SHIPPED, 1));
  }

  private static long[][] micros(long[][] ms) {
    long[][] us = new long[ms.length][];
    for (int i = 0; i < ms.length; i++) {
      us[i] = java.util.Arrays.stream(ms[i]).map(v -> v * 1000).toArray();
    }
    return us;
  }
}
