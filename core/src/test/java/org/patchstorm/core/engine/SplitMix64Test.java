package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

  /** Every kind of draw the models make, interleaved, gives what SplittableRandom gave. */
  @Test
  void drawsTheSameNumbersAsSplittableRandom() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MIN_VALUE, 0x9E3779B97F4A7C15L, 123_456_789_012L}) {
      RandomGenerator ours = new SplitMix64(seed);
      RandomGenerator jdk = new SplittableRandom(seed);
      RandomGenerator pattern = new SplittableRandom(seed ^ 0x5DEECE66DL);
      for (int i = 0; i < 20_000; i++) {
        String at = "seed " + seed + ", draw " + i;
        int bound = 1 + pattern.nextInt(1_000_000);
        switch (pattern.nextInt(13)) {
          case 0 -> assertEquals(jdk.nextLong(), ours.nextLong(), at);
          case 1 -> assertEquals(jdk.nextInt(), ours.nextInt(), at);
          case 2 -> assertEquals(jdk.nextInt(bound), ours.nextInt(bound), at);
          case 3 -> assertEquals(jdk.nextInt(-bound, bound), ours.nextInt(-bound, bound), at);
          case 4 -> assertEquals(jdk.nextLong(bound * 977L), ours.nextLong(bound * 977L), at);
          case 5 -> assertEquals(jdk.nextDouble(), ours.nextDouble(), 0.0, at);
          case 6 -> assertEquals(jdk.nextBoolean(), ours.nextBoolean(), at);
          case 7 -> assertEquals(jdk.nextExponential(), ours.nextExponential(), 0.0, at);
          case 8 -> assertEquals(jdk.nextGaussian(), ours.nextGaussian(), 0.0, at);
          case 9 -> assertEquals(jdk.nextFloat(), ours.nextFloat(), 0.0f, at);
          case 10 -> assertEquals(jdk.nextDouble(0.5, bound), ours.nextDouble(0.5, bound), 0.0, at);
          case 11 -> assertEquals(jdk.nextLong(-bound, bound * 31L), ours.nextLong(-bound, bound * 31L), at);
          default -> assertEquals(jdk.nextGaussian(3, 2), ours.nextGaussian(3, 2), 0.0, at);
        }
      }
    }
  }

  @Test
  void anEntitysStreamDependsOnSeedAndIdOnly() {
    assertEquals(EntitySlot.streamFor(9, 1234).nextLong(), EntitySlot.streamFor(9, 1234).nextLong());
    assertEquals(false, EntitySlot.streamFor(9, 1234).nextLong() == EntitySlot.streamFor(9, 1235).nextLong());
  }
}
