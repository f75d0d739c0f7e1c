package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

  // Supernodes 20..25 with client counts and regions.
  private final TargetPool pool = new TargetPool(new int[] {0, 1}, new int[] {10, 11, 12},
      new int[] {20, 21, 22, 23, 24, 25}, new int[] {5, 50, 7, 50, 1, 30}, new int[] {0, 1, 1, 0, 1, 2});

  private static Botnet aim(TargetKind kind, int count, int region, RequestKind request) {
    return new Botnet("b", 1, 1, 0, 1_000_000, 0, 0, 0, kind, count, region, request, 1);
  }

  @Test
  void busiestAreTheMostLoadedWithTiesByLowerId() {
    int[] t = TargetSelector.select(aim(TargetKind.BUSIEST_SUPERNODES, 3, -1, RequestKind.CONNECT), pool,
        new SplittableRandom(1));
    // 21 and 23 hold 50 each, then 25 with 30.
    assertArrayEquals(new int[] {21, 23, 25}, t);
  }

  @Test
  void regionOnlyPicksSupernodesOfThatRegion() {
    int[] t = TargetSelector.select(aim(TargetKind.REGION, 0, 1, RequestKind.SEARCH), pool, new SplittableRandom(1));
    assertArrayEquals(new int[] {21, 22, 24}, t);
  }

  @Test
  void randomPicksDistinctSupernodesAndZeroMeansAll() {
    for (int seed = 0; seed < 20; seed++) {
      int[] t = TargetSelector.select(aim(TargetKind.RANDOM_SUPERNODES, 4, -1, RequestKind.RELAY), pool,
          new SplittableRandom(seed));
      assertEquals(4, t.length);
      assertEquals(4, Arrays.stream(t).distinct().count());
      assertTrue(Arrays.stream(t).allMatch(id -> id >= 20 && id <= 25));
    }
    assertArrayEquals(new int[] {0, 1},
        TargetSelector.select(aim(TargetKind.LOGIN_SERVERS, 0, -1, RequestKind.LOGIN), pool, new SplittableRandom(1)));
    assertArrayEquals(new int[] {10, 11, 12},
        TargetSelector.select(aim(TargetKind.BOOTSTRAP, 9, -1, RequestKind.CONNECT), pool, new SplittableRandom(1)));
  }
}
