package org.patchstorm.core.overlay;

import java.util.random.RandomGenerator;

/**
 * A peer's host cache: the supernodes it knows (for a supernode, also its list for gossip). A
 * bounded array without duplicates or the owner itself; when full, a new entry replaces a
 * random one, so fresh news keeps trickling in while stale entries age out by chance.
 */
final class HostCache {

  private final int owner;
  private final int[] ids;
  private int size;

  HostCache(int owner, int capacity) {
    this.owner = owner;
    this.ids = new int[capacity];
  }

  /** The initial cache: all initial supernodes if they fit, else a random distinct subset. */
  void seed(int[] initial, RandomGenerator random) {
    if (initial.length <= ids.length) {
      for (int sn : initial) {
        if (sn != owner) {
          ids[size++] = sn;
        }
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
    if (size < ids.length) {
      ids[size++] = sn;
    } else {
      ids[random.nextInt(size)] = sn;
    }
  }

  void merge(int[] sns, RandomGenerator random) {
    for (int sn : sns) {
      add(sn, random);
    }
  }

  void remove(int sn) {
    for (int i = 0; i < size; i++) {
      if (ids[i] == sn) {
        ids[i] = ids[--size];
        return;
      }
    }
  }

  /** One entry at random; the cache must not be empty. */
  int pick(RandomGenerator random) {
    return ids[random.nextInt(size)];
  }

  /** Up to {@code max} entries drawn at random (with repeats), as gossip and replies carry. */
  int[] sample(int max, RandomGenerator random) {
    int n = Math.min(max, size);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ids[random.nextInt(size)];
    }
    return out;
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
