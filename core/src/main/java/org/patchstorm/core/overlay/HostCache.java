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

  /** Seeding's table of the entries drawn so far; one per thread, as partitions seed at once. */
  private static final ThreadLocal<DrawnSet> DRAWN = ThreadLocal.withInitial(DrawnSet::new);

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
    // The same draws as add() one by one, with a table for "already in": a linear search of the
    // cache for each of ~200 draws took ~5 us a peer, most of starting a million peers.
    DrawnSet drawn = DRAWN.get();
    drawn.clear(ids.length);
    for (int i = 0; i < size; i++) {
      drawn.add(ids[i]);
    }
    for (int tries = 0; size < ids.length && tries < 4 * ids.length; tries++) {
      int sn = initial[random.nextInt(initial.length)];
      if (sn >= 0 && sn != owner && drawn.add(sn)) {
        ids[size++] = sn;
      }
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

  /**
   * A set of non-negative ids, emptied in constant time: each slot holds its id with the stamp of
   * the filling it belongs to, and a new filling takes a new stamp.
   */
  static final class DrawnSet {
    private long[] slots = new long[0];
    private long stamp;

    /** Empties the set, with room for {@code n} ids. */
    void clear(int n) {
      int wanted = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1; // a power of two >= 2n
      if (slots.length < wanted) {
        slots = new long[wanted];
        stamp = 0;
      }
      stamp++;
    }

    /** Adds {@code id} (>= 0); false if it was in the set already. */
    boolean add(int id) {
      int mask = slots.length - 1;
      int slot = (id * 0x9E3779B9 >>> 7) & mask;
      while (true) {
        long held = slots[slot];
        if (held >>> 32 != stamp) {
          slots[slot] = stamp << 32 | id;
          return true;
        }
        if ((int) held == id) {
          return false;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
}
