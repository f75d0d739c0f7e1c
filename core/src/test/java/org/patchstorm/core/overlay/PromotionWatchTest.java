package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;
import static org.patchstorm.core.overlay.OverlayParams.SECOND;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PromotionWatchTest {

  /** Periodic checks every 10 min, 2 h minimum uptime, 2 h cooldown, always promote. */
  private static OverlayParams.Healing healing(boolean loadAware, double probability) {
    return new OverlayParams.Healing(0.005, 2 * HOUR, loadAware, probability, 10 * MINUTE, 0.75, 0.3,
        30 * MINUTE, true, 0.85, 20 * SECOND, 2 * HOUR);
  }

  /** A random stream whose doubles are all {@code value}; counts the draws. */
  private static final class Fixed implements RandomGenerator {
    final long bits;
    int draws;

    Fixed(double value) {
      bits = ((long) (value * (1L << 53))) << 11;
    }

    @Override
    public long nextLong() {
      draws++;
      return bits;
    }
  }

  @Test
  void aPeriodicCheckPromotesOnlyIfItSawShortageWithinItsInterval() {
    OverlayParams.Healing h = healing(false, 1);
    PromotionWatch watch = new PromotionWatch();
    assertFalse(watch.shortageSeen(5 * HOUR, h), "no shortage yet");
    watch.noteShortage(5 * HOUR, h);
    assertTrue(watch.shortageSeen(5 * HOUR + h.promotionCheckInterval(), h));
    assertFalse(watch.shortageSeen(5 * HOUR + h.promotionCheckInterval() + 1, h), "too long ago");
  }

  @Test
  void onlyLoadAwareHealingPromotesAtTheSignOfShortage() {
    assertTrue(new PromotionWatch().noteShortage(0, healing(true, 1)));
    assertFalse(new PromotionWatch().noteShortage(0, healing(false, 1)));
  }

  @Test
  void noPromotionBeforeTheMinimumUptimeAndNoDrawForIt() {
    OverlayParams.Healing h = healing(false, 1);
    PromotionWatch watch = new PromotionWatch();
    Fixed random = new Fixed(0);
    assertFalse(watch.promote(3 * HOUR - 1, HOUR, h, random));
    assertEquals(0, random.draws);
    assertTrue(watch.promote(3 * HOUR, HOUR, h, random));
    assertEquals(1, random.draws);
  }

  @Test
  void theCooldownBlocksRePromotion() {
    OverlayParams.Healing h = healing(true, 1);
    PromotionWatch watch = new PromotionWatch();
    watch.coolDown(10 * HOUR, h);
    assertFalse(watch.promote(10 * HOUR + h.cooldown() - 1, 0, h, new Fixed(0)));
    assertTrue(watch.promote(10 * HOUR + h.cooldown(), 0, h, new Fixed(0)));
  }

  @Test
  void theDrawDecidesWithThePromotionProbability() {
    OverlayParams.Healing h = healing(false, 0.1);
    assertTrue(new PromotionWatch().promote(5 * HOUR, 0, h, new Fixed(0.05)));
    assertFalse(new PromotionWatch().promote(5 * HOUR, 0, h, new Fixed(0.5)));
  }

  @Test
  void checksComeHalfToOneAndAHalfIntervalsApart() {
    OverlayParams.Healing h = healing(false, 1);
    RandomGenerator random = new SplittableRandom(4);
    long interval = h.promotionCheckInterval();
    for (int i = 0; i < 1000; i++) {
      long delay = PromotionWatch.checkDelay(h, random);
      assertTrue(delay >= interval / 2 && delay < interval * 3 / 2, "delay " + delay);
    }
  }
}
