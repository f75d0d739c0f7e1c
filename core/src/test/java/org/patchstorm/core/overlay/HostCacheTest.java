package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HostCacheTest {

  private final RandomGenerator random = new SplittableRandom(1);

  private static Set<Integer> entries(HostCache cache, int... candidates) {
    Set<Integer> in = new HashSet<>();
    for (int c : candidates) {
      if (cache.contains(c)) {
        in.add(c);
      }
    }
    return in;
  }

  @Test
  void addKeepsOneEntryPerSupernodeAndNeverTheOwnerOrNoSupernode() {
    HostCache cache = new HostCache(7, 4);
    cache.add(3, random);
    cache.add(3, random);
    cache.add(7, random);
    cache.add(-1, random);
    assertEquals(1, cache.size());
    assertTrue(cache.contains(3));
    assertFalse(cache.contains(7));
  }

  @Test
  void aFullCacheReplacesOneEntryWithTheNewcomer() {
    HostCache cache = new HostCache(0, 3);
    cache.merge(new int[] {1, 2, 3}, random);
    cache.add(4, random);
    assertEquals(3, cache.size());
    assertTrue(cache.contains(4));
    assertEquals(2, entries(cache, 1, 2, 3).size(), "exactly one old entry evicted");
  }

  @Test
  void removeDropsOnlyThatEntry() {
    HostCache cache = new HostCache(0, 5);
    cache.merge(new int[] {1, 2, 3}, random);
    cache.remove(2);
    cache.remove(9);
    assertEquals(2, cache.size());
    assertEquals(Set.of(1, 3), entries(cache, 1, 2, 3));
  }

  @Test
  void sampleDrawsUpToItsSizeFromTheEntries() {
    HostCache cache = new HostCache(0, 8);
    assertArrayEquals(new int[0], cache.sample(3, random));
    cache.merge(new int[] {10, 11, 12, 13, 14}, random);
    int[] three = cache.sample(3, random);
    assertEquals(3, three.length);
    assertEquals(5, cache.sample(10, random).length);
    for (int sn : three) {
      assertTrue(cache.contains(sn), sn + " is not in the cache");
      assertTrue(cache.contains(cache.pick(random)));
    }
  }

  @Test
  void seedTakesEveryInitialSupernodeButTheOwnerWhenTheyFit() {
    HostCache cache = new HostCache(5, 4);
    cache.seed(new int[] {1, 5, 9}, random);
    assertEquals(2, cache.size());
    assertEquals(Set.of(1, 9), entries(cache, 1, 5, 9));
  }

  @Test
  void seedTakesADistinctRandomSubsetWhenTheyDoNotFit() {
    int[] initial = IntStream.range(100, 200).toArray();
    HostCache a = new HostCache(0, 10);
    a.seed(initial, new SplittableRandom(1));
    HostCache b = new HostCache(0, 10);
    b.seed(initial, new SplittableRandom(2));
    assertEquals(10, a.size(), "filled up");
    assertEquals(10, entries(a, initial).size(), "distinct initial supernodes");
    assertNotEquals(entries(a, initial), entries(b, initial), "a random subset, not the first ten");
  }

  @Test
  void seedingFromMoreThanFitDrawsAsAddingOneByOneWould() {
    // The seed's table must give the cache add() would build from the same draws, for any size,
    // with the owner among the candidates, repeats, and a cache that already holds entries.
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom sizes = new SplittableRandom(seed);
      int capacity = 1 + sizes.nextInt(300);
      int[] initial = new int[capacity + 1 + sizes.nextInt(5_000)];
      for (int i = 0; i < initial.length; i++) {
        initial[i] = sizes.nextInt(3 * initial.length);
      }
      int owner = initial[sizes.nextInt(initial.length)];
      HostCache seeded = new HostCache(owner, capacity);
      HostCache added = new HostCache(owner, capacity);
      int before = sizes.nextInt(Math.min(capacity, 3));
      for (int i = 0; i < before; i++) {
        seeded.add(initial[i], random);
        added.add(initial[i], random);
      }
      SplittableRandom a = new SplittableRandom(seed);
      SplittableRandom b = new SplittableRandom(seed);
      seeded.seed(initial, a);
      for (int tries = 0; added.size() < capacity && tries < 4 * capacity; tries++) {
        added.add(initial[b.nextInt(initial.length)], b);
      }
      assertEquals(inOrder(added), inOrder(seeded), "seed " + seed);
      assertEquals(b.nextLong(), a.nextLong(), "the same number of draws, seed " + seed);
    }
  }

  /** The entries, oldest first (entries(...) above asks only which candidates are in). */
  private static List<Integer> inOrder(HostCache cache) {
    List<Integer> out = new ArrayList<>();
    for (int age = cache.size() - 1; age >= 0; age--) {
      out.add(cache.newest(age));
    }
    return out;
  }

  @Test
  void theNewestEntriesGetHalfOfThePicks() {
    // 200 old entries, then one newcomer: uniform picks would choose it 1 time in 201.
    HostCache cache = new HostCache(0, 300);
    cache.merge(IntStream.range(1, 201).toArray(), random);
    cache.add(999, random);
    int newcomer = 0;
    int fresh = 0;
    int draws = 20_000;
    Set<Integer> newest = new HashSet<>();
    for (int age = 0; age < HostCache.FRESH; age++) {
      newest.add(cache.newest(age));
    }
    assertEquals(HostCache.FRESH, newest.size());
    assertTrue(newest.contains(999) && newest.contains(200) && !newest.contains(1),
        "the newest are the last added: " + newest);
    for (int i = 0; i < draws; i++) {
      int sn = cache.pick(random);
      newcomer += sn == 999 ? 1 : 0;
      fresh += newest.contains(sn) ? 1 : 0;
    }
    // Expected: 1/2 * 1/16 + 1/2 * 1/201 = 3.4% for the newcomer, ~54% for the 16 newest.
    assertTrue(newcomer > 0.025 * draws && newcomer < 0.045 * draws, "newcomer picked " + newcomer);
    assertTrue(fresh > 0.5 * draws && fresh < 0.6 * draws, "newest 16 picked " + fresh);
  }

  @Test
  void aFullCacheKeepsTheNewcomerAsItsNewestEntry() {
    HostCache cache = new HostCache(0, 3);
    cache.merge(new int[] {1, 2, 3}, random);
    cache.add(4, random);
    assertEquals(4, cache.newest(0));
    cache.remove(4);
    cache.add(5, random);
    assertEquals(5, cache.newest(0), "removal keeps the order of the rest");
  }

  @Test
  void seededCachesPutTheirInitialSupernodesInDifferentOrders() {
    // The newest entries get half the picks: every peer with the same newest would send its
    // connections to the same few supernodes.
    int[] initial = IntStream.range(100, 160).toArray();
    HostCache a = new HostCache(0, 200);
    a.seed(initial, new SplittableRandom(1));
    HostCache b = new HostCache(0, 200);
    b.seed(initial, new SplittableRandom(2));
    assertEquals(60, a.size());
    Set<Integer> newestA = new HashSet<>();
    Set<Integer> newestB = new HashSet<>();
    for (int age = 0; age < HostCache.FRESH; age++) {
      newestA.add(a.newest(age));
      newestB.add(b.newest(age));
    }
    assertNotEquals(newestA, newestB);
    assertNotEquals(Set.copyOf(IntStream.range(144, 160).boxed().toList()), newestA, "not the seed order");
  }
}
