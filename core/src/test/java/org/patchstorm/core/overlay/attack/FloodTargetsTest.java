package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class FloodTargetsTest {

  /** Ids below 10 are bootstrap nodes. */
  private static final IntPredicate BOOTSTRAP = id -> id < 10;

  @Test
  void aBootstrapNodeDrawsItsWeightInPeerSupernodesShares() {
    for (double weight : new double[] {0.5, 2, 10, 100}) {
      for (int seed = 1; seed <= 3; seed++) {
        FloodTargets t = FloodTargets.growing(new int[] {3, 5, 7, 20, 21, 22, 23}, 8, BOOTSTRAP, weight);
        SplittableRandom random = new SplittableRandom(seed);
        int n = 400_000;
        int[] hits = new int[30];
        for (int i = 0; i < n; i++) {
          hits[t.next(random)]++;
        }
        double peerShare = 1 / (3 * weight + 4);
        for (int peer = 20; peer <= 23; peer++) {
          assertEquals(1, hits[peer] / (n * peerShare), tolerance(peerShare, n), "peer " + peer + " at weight " + weight);
        }
        for (int bootstrap : new int[] {3, 5, 7}) {
          double expected = weight * peerShare;
          assertEquals(1, hits[bootstrap] / (n * expected), tolerance(expected, n),
              "bootstrap node " + bootstrap + " at weight " + weight);
        }
      }
    }
  }

  /** Five standard deviations of a binomial share's relative error: chance never fails it. */
  private static double tolerance(double p, int n) {
    return 5 * Math.sqrt((1 - p) / (n * p));
  }

  @Test
  void evenSharesWhenAllTargetsAreOfOneKindDrawLikeAUniformPick() {
    int[] peers = {20, 21, 22, 23};
    FloodTargets t = FloodTargets.fixed(peers, BOOTSTRAP, 10);
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      assertEquals(peers[b.nextInt(peers.length)], t.next(a));
    }
  }

  @Test
  void bootstrapNodesStayFirstThroughAddsAndRemovals() {
    FloodTargets t = FloodTargets.growing(new int[] {1, 20, 21}, 8, BOOTSTRAP, 5);
    t.add(22);
    t.add(2);
    t.add(21); // already there
    assertArrayEquals(new int[] {1, 2, 21, 22, 20}, t.toArray()); // 20 made room for 2
    t.remove(1);
    t.remove(20);
    t.remove(99); // not a target
    assertArrayEquals(new int[] {2, 22, 21}, t.toArray());
    assertTrue(t.contains(2));
    assertFalse(t.contains(1));
    for (int id : new int[] {30, 31, 32, 33, 34, 35}) {
      t.add(id);
    }
    assertEquals(8, t.count());
    assertTrue(t.isFull());
    assertFalse(t.contains(35), "a full list takes no more");
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      assertTrue(t.contains(t.next(random)));
    }
  }

  @Test
  void anEmptyListHasNoTargetAndDrawsNothing() {
    FloodTargets t = FloodTargets.growing(new int[] {20}, 4, BOOTSTRAP, 3);
    t.remove(20);
    SplittableRandom random = new SplittableRandom(1);
    SplittableRandom untouched = new SplittableRandom(1);
    assertEquals(-1, t.next(random));
    assertEquals(-1, t.anyTarget(random));
    assertEquals(untouched.nextLong(), random.nextLong(), "no draw spent on an empty list");
  }

  @Test
  void aFixedListSharesTheBotnetsArrayAndRefusesToChangeIt() {
    int[] first = {1, 2, 20, 21};
    FloodTargets t = FloodTargets.fixed(first, BOOTSTRAP, 4);
    assertThrows(UnsupportedOperationException.class, () -> t.remove(20));
    t.add(22); // full: nothing to add
    assertArrayEquals(new int[] {1, 2, 20, 21}, first, "the shared array is untouched");
    SplittableRandom random = new SplittableRandom(3);
    int bootstrapHits = 0;
    for (int i = 0; i < 100_000; i++) {
      bootstrapHits += t.next(random) < 10 ? 1 : 0;
    }
    assertEquals(0.8, bootstrapHits / 100_000.0, 0.01, "two bootstrap nodes of weight 4 against two peers");
  }

  @Test
  void refusesAListSmallerThanItsFirstTargetsANonPositiveWeightOrAFixedListOutOfOrder() {
    assertThrows(IllegalArgumentException.class, () -> FloodTargets.growing(new int[] {1, 2}, 1, BOOTSTRAP, 1));
    assertThrows(IllegalArgumentException.class, () -> FloodTargets.growing(new int[] {1}, 2, BOOTSTRAP, 0));
    assertThrows(IllegalArgumentException.class, () -> FloodTargets.fixed(new int[] {20, 1}, BOOTSTRAP, 1));
  }
}
