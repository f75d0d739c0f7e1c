package org.patchstorm.core.overlay.attack;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * A bot's current targets, and the draw of the next one. Each target draws its share of the
 * flood in proportion to what it serves: a peer supernode counts once, a bootstrap node {@code
 * bootstrapWeight} times (its service rate in peer supernodes). A bootstrap node stands for the
 * operator's machines behind one address, as many as the overlay's size needs; a bot that
 * floods every address it learns floods each of them, so the node draws their sum. With even
 * shares the seven bootstrap nodes drew the same flood at any size while their links scaled,
 * and the same attack cut Europe to half its users at 20 k peers and to 0.98 at 1 M.
 *
 * <p>Bootstrap targets are kept first in the array, so that a draw is one random number.
 */
public final class FloodTargets {

  private final int[] ids;
  private final IntPredicate isBootstrap;
  private final double bootstrapWeight;
  /** Whether {@link #ids} is the botnet's shared list, which no bot may change. */
  private final boolean fixed;
  private int count;
  private int bootstrapCount;

  private FloodTargets(int[] ids, int count, IntPredicate isBootstrap, double bootstrapWeight, boolean fixed) {
    if (!(bootstrapWeight > 0)) {
      throw new IllegalArgumentException("flood targets: bootstrap weight > 0");
    }
    this.ids = ids;
    this.count = count;
    this.isBootstrap = isBootstrap;
    this.bootstrapWeight = bootstrapWeight;
    this.fixed = fixed;
  }

  /**
   * A list that never changes, sharing {@code first} (distinct, bootstrap nodes first, as the
   * botnet's targets come: ascending, and bootstrap ids are below the peers') with every bot of
   * the botnet.
   */
  public static FloodTargets fixed(int[] first, IntPredicate isBootstrap, double bootstrapWeight) {
    FloodTargets t = new FloodTargets(first, first.length, isBootstrap, bootstrapWeight, true);
    while (t.bootstrapCount < first.length && isBootstrap.test(first[t.bootstrapCount])) {
      t.bootstrapCount++;
    }
    for (int i = t.bootstrapCount; i < first.length; i++) {
      if (isBootstrap.test(first[i])) {
        throw new IllegalArgumentException("flood targets: bootstrap nodes must come first");
      }
    }
    return t;
  }

  /**
   * A list a crawling bot keeps current: {@code first} (distinct) copied, growing to at most
   * {@code capacity} targets.
   */
  public static FloodTargets growing(int[] first, int capacity, IntPredicate isBootstrap, double bootstrapWeight) {
    if (capacity < first.length) {
      throw new IllegalArgumentException("flood targets: capacity >= first targets");
    }
    FloodTargets t = new FloodTargets(new int[capacity], 0, isBootstrap, bootstrapWeight, false);
    for (int id : first) {
      t.append(id);
    }
    return t;
  }

  public int count() {
    return count;
  }

  public boolean isFull() {
    return count == ids.length;
  }

  public boolean contains(int id) {
    return indexOf(id) >= 0;
  }

  /** Adds {@code id} unless it is already a target or the list is full. */
  public void add(int id) {
    if (!isFull() && !contains(id)) {
      append(id);
    }
  }

  private void append(int id) {
    if (fixed) {
      throw new UnsupportedOperationException("flood targets: a fixed list does not change");
    }
    if (isBootstrap.test(id)) {
      ids[count++] = ids[bootstrapCount]; // the first peer target moves to the end
      ids[bootstrapCount++] = id;
    } else {
      ids[count++] = id;
    }
  }

  /**
   * Drops {@code id} if it is a target. The others keep their places, but for the last target
   * moved into the gap (and, for a bootstrap node, the last bootstrap node with it).
   */
  public void remove(int id) {
    int i = indexOf(id);
    if (i < 0) {
      return;
    }
    if (fixed) {
      throw new UnsupportedOperationException("flood targets: a fixed list does not change");
    }
    if (i < bootstrapCount) {
      ids[i] = ids[--bootstrapCount];
      ids[bootstrapCount] = ids[--count];
    } else {
      ids[i] = ids[--count];
    }
  }

  /** A uniformly drawn target, whatever its weight (a crawler's probe); -1 when none. */
  public int anyTarget(RandomGenerator random) {
    return count == 0 ? -1 : ids[random.nextInt(count)];
  }

  /** The next target of the flood, drawn by weight; -1 when none. */
  public int next(RandomGenerator random) {
    if (count == 0) {
      return -1;
    }
    if (bootstrapCount == 0 || bootstrapCount == count || bootstrapWeight == 1) {
      return ids[random.nextInt(count)]; // even shares: one uniform draw
    }
    double bootstrapShare = bootstrapCount * bootstrapWeight;
    double x = random.nextDouble() * (bootstrapShare + (count - bootstrapCount));
    if (x < bootstrapShare) {
      return ids[Math.min(bootstrapCount - 1, (int) (x / bootstrapWeight))];
    }
    return ids[Math.min(count - 1, bootstrapCount + (int) (x - bootstrapShare))];
  }

  /** The current targets, bootstrap nodes first (a copy). */
  public int[] toArray() {
    return Arrays.copyOf(ids, count);
  }

  private int indexOf(int id) {
    for (int i = 0; i < count; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
