package org.patchstorm.core.overlay;

import java.util.random.RandomGenerator;

/**
 * A peer's host cache: the supernodes it knows (for a supernode, also its list for gossip). A
 * bounded array without duplicates or the owner itself, in the order learnt, newest last; when
 * full, a random entry makes room for the newest.
 *
 * <p>Picks (connection targets, list samples) lean on the newest: half of them come from the
 * {@link #FRESH} newest entries. With uniform picks a cache seeded with the supernodes of the
 * first hour almost never chose a newly promoted supernode: promoted ones got no clients and
 * were demoted, while the first ones took every newcomer and drifted over the self-shutdown line
 * by mid-morning, and the 2007 overlay collapsed without any trigger (measured at 20 k peers:
 * 89-100% of cached entries and 99% of new links went to first-hour supernodes).
 */
final class HostCache {

  /** How many of the newest entries share half of the picks. */
  static final int FRESH = 16;

  private final int owner;
  private final int[] ids;
  private int size;

  HostCache(int owner, int capacity) {
    this.owner = owner;
    this.ids = new int[capacity];
  }

  /**
   * The initial cache: all initial supernodes if they fit, in a random order (the same newest
   * entries for everyone would send every client to the same few supernodes), else a random
   * distinct subset.
   */
  void seed(int[] initial, RandomGenerator random) {
    if (initial.length <= ids.length) {
      for (int sn : initial) {
        if (sn != owner) {
          ids[size++] = sn;
        }
      }
      for (int i = size - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
      }
      return;
    }
    for (int tries = 0; size < ids.length && tries < 4 * ids.length; tries++) {
      add(initial[random.nextInt(initial.length)], random);
    }
  }

  void add(int sn, RandomGenerator random) {
    if (sn < 0 || sn == owner || contains(ids, size, sn)) {
      return;
    }
    if (size == ids.length) {
      removeAt(random.nextInt(size));
    }
    ids[size++] = sn;
  }

  void merge(int[] sns, RandomGenerator random) {
    for (int sn : sns) {
      add(sn, random);
    }
  }

  void remove(int sn) {
    for (int i = 0; i < size; i++) {
      if (ids[i] == sn) {
        removeAt(i);
        return;
      }
    }
  }

  private void removeAt(int i) {
    System.arraycopy(ids, i + 1, ids, i, size - i - 1);
    size--;
  }

  /** One entry: half the time among the FRESH newest, else any; the cache must not be empty. */
  int pick(RandomGenerator random) {
    return random.nextBoolean()
        ? ids[size - 1 - random.nextInt(Math.min(FRESH, size))]
        : ids[random.nextInt(size)];
  }

  /** Up to {@code max} picks (with repeats), as gossip and replies carry. */
  int[] sample(int max, RandomGenerator random) {
    int n = Math.min(max, size);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = pick(random);
    }
    return out;
  }

  /** The entry {@code age} places from the newest (0 = the newest), for tests. */
  int newest(int age) {
    return ids[size - 1 - age];
  }

  int size() {
    return size;
  }

  boolean contains(int sn) {
    return contains(ids, size, sn);
  }

  /** Whether {@code v} is among the first {@code n} entries of {@code a}. */
  static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }
}
