package org.patchstorm.core.overlay.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SourceBlockerTest {

  private static final long S = 1_000_000L;

  private static Defences.Blocking blocking(long delay, double detectRate, double botDetection, double fp,
      long blockFor) {
    return new Defences.Blocking(true, Scope.ALL, delay, detectRate, 10 * S, botDetection, fp, blockFor);
  }

  @Test
  void rateDetectorBlocksAHeavySourceAfterTheDelayAndSparesALightOne() {
    // 10 requests/s against a 5/s threshold over a 10 s window: the decayed count passes 50
    // after about 7 s (count_n = (1 - e^{-0.01 n}) / (1 - e^{-0.01}), > 50 from n ~ 69),
    // so the block starts about 37 s in with a 30 s delay.
    Defences.Blocking p = blocking(30 * S, 5, 0, 0, 0);
    SourceBlocker blocker = new SourceBlocker();
    SplittableRandom r = new SplittableRandom(1);
    long firstDrop = -1;
    for (long t = 0; t < 60 * S; t += S / 10) {
      if (blocker.drop(1, true, t, p, r) && firstDrop < 0) {
        firstDrop = t;
      }
      if (t % (10 * S) == 0) {
        assertFalse(blocker.drop(2, false, t, p, r), "a light source next to a heavy one");
      }
    }
    assertTrue(firstDrop >= 36 * S && firstDrop <= 38 * S, "first drop at " + firstDrop);
    // A client sending once every 10 s never trips a 5/s detector.
    for (long t = 0; t < 3600 * S; t += 10 * S) {
      assertFalse(blocker.drop(3, false, t, p, r));
    }
  }

  @Test
  void classifierBlocksDetectedBotsAfterTheDelay() {
    Defences.Blocking p = blocking(60 * S, 0, 1, 0, 0);
    SourceBlocker blocker = new SourceBlocker();
    SplittableRandom r = new SplittableRandom(1);
    assertFalse(blocker.drop(5, true, 0, p, r));
    assertFalse(blocker.drop(5, true, 59 * S, p, r));
    assertTrue(blocker.drop(5, true, 60 * S, p, r));
    assertTrue(blocker.drop(5, true, 5000 * S, p, r), "block-for 0 blocks for good");
  }

  @Test
  void falsePositivesHitTheirShareOfLegitimateSources() {
    // 1% of 10,000 legitimate sources: 100 expected, binomial sd ~10.
    Defences.Blocking p = blocking(0, 0, 1, 0.01, 0);
    SourceBlocker blocker = new SourceBlocker();
    SplittableRandom r = new SplittableRandom(3);
    int blocked = 0;
    for (int s = 0; s < 10_000; s++) {
      blocked += blocker.drop(s, false, S, p, r) ? 1 : 0;
    }
    assertEquals(100, blocked, 50);
  }

  @Test
  void anExpiredBlockOfASuspectComesBackAfterAnotherDelay() {
    Defences.Blocking p = blocking(10 * S, 0, 1, 0, 100 * S);
    SourceBlocker blocker = new SourceBlocker();
    SplittableRandom r = new SplittableRandom(1);
    assertFalse(blocker.drop(9, true, 0, p, r));
    assertTrue(blocker.drop(9, true, 50 * S, p, r));
    // Blocked over [10 s, 110 s); flagged again at 110 s, blocked again from 120 s.
    assertFalse(blocker.drop(9, true, 110 * S, p, r));
    assertFalse(blocker.drop(9, true, 119 * S, p, r));
    assertTrue(blocker.drop(9, true, 120 * S, p, r));
  }
}
