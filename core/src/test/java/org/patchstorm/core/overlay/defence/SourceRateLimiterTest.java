package org.patchstorm.core.overlay.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

  private static final long S = 1_000_000L;

  @Test
  void burstThenRefillAtTheRate() {
    SourceRateLimiter limiter = new SourceRateLimiter();
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire(7, 0, 1, 5), "burst of 5, request " + i);
    }
    assertFalse(limiter.tryAcquire(7, 0, 1, 5));
    // 2 s at 1/s refill two tokens.
    assertTrue(limiter.tryAcquire(7, 2 * S, 1, 5));
    assertTrue(limiter.tryAcquire(7, 2 * S, 1, 5));
    assertFalse(limiter.tryAcquire(7, 2 * S, 1, 5));
    // A long pause refills only up to the burst.
    int passed = 0;
    for (int i = 0; i < 10; i++) {
      passed += limiter.tryAcquire(7, 1000 * S, 1, 5) ? 1 : 0;
    }
    assertEquals(5, passed);
  }

  @Test
  void sourcesHaveTheirOwnBuckets() {
    SourceRateLimiter limiter = new SourceRateLimiter();
    assertTrue(limiter.tryAcquire(1, 0, 1, 1));
    assertFalse(limiter.tryAcquire(1, 0, 1, 1));
    assertTrue(limiter.tryAcquire(2, 0, 1, 1), "another source is not charged for the first");
    assertEquals(2, limiter.sources());
  }

  @Test
  void aSustainedFloodIsCutToTheRate() {
    // 100 requests/s for 100 s against 2/s burst 10: 10 + 2 * 100 pass (within one token).
    SourceRateLimiter limiter = new SourceRateLimiter();
    int passed = 0;
    for (long t = 0; t < 100 * S; t += S / 100) {
      passed += limiter.tryAcquire(3, t, 2, 10) ? 1 : 0;
    }
    assertEquals(210, passed, 1);
  }

  @Test
  void tableKeepsManySources() {
    SourceTable table = new SourceTable();
    for (int s = 0; s < 20_000; s++) {
      assertEquals(s, table.add(s * 7919));
    }
    for (int s = 0; s < 20_000; s++) {
      assertEquals(s, table.find(s * 7919));
    }
    assertEquals(-1, table.find(1));
  }
}
