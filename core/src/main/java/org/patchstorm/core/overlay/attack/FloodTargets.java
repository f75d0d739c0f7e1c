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
  private int count;
  private int bootstrapCount;

  /**
   * {@code first}: the targets the botnet starts with; {@code capacity}: how many the list may
   * grow to (at least {@code first.length}).
   */
  public FloodTargets(int[] first, int capacity, IntPredicate isBootstrap, double bootstrapWeight) {
    if (capacity < first.length || !(bootstrapWeight > 0)) {
      throw new IllegalArgumentException("flood targets: capacity >= first targets, bootstrap weight > 0");
    }
    this.ids = new int[capacity];
    this.isBootstrap = isBootstrap;
    this.bootstrapWeight = bootstrapWeight;
    for (int id : first) {
      add(id);
    }
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
    if (isFull() || contains(id)) {
      return;
    }
    if (isBootstrap.test(id)) {
      ids[count++] = ids[bootstrapCount]; // the first peer target moves to the end
      ids[bootstrapCount++] = id;
    } else {
      ids[count++] = id;
    }
  }

  /** Drops {@code id} if it is a target; the others keep their places but for one moved in. */
  public void remove(int id) {
    int i = indexOf(id);
    if (i < 0) {
      return;
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
