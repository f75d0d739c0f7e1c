package org.patchstorm.core.engine;

import java.util.random.RandomGenerator;

/**
 * An entity's random stream: the same numbers as {@code new SplittableRandom(seed)} gives (its
 * SplitMix64 steps with the default gamma; every other draw is RandomGenerator's, built on these
 * two as SplittableRandom's are), in 24 bytes instead of 48: no gamma of its own and no proxy
 * for splitting, which entities never do. Every peer has one (its {@link EntitySlot} is one).
 */
class SplitMix64 implements RandomGenerator {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long seed;

  SplitMix64(long seed) {
    this.seed = seed;
  }

  @Override
  public long nextLong() {
    long z = seed += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt() {
    long z = seed += GOLDEN_GAMMA;
    z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
    return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
  }
}
