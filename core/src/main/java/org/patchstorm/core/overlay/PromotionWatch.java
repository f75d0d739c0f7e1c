package org.patchstorm.core.overlay;

import java.util.random.RandomGenerator;

/**
 * Whether an eligible client should start serving: it remembers the last sign of supernode
 * shortage (full or busy supernodes, failed connect rounds) and the cooldown after it last
 * stopped serving. Load-aware healing promotes at the sign itself; otherwise at a periodic
 * check that saw shortage since the previous one. Either way only after the minimum uptime.
 */
final class PromotionWatch {

  private long shortageAt = Long.MIN_VALUE;
  private long cooldownUntil;

  /** Notes a sign of shortage; true when the healing tries to promote at once (load-aware). */
  boolean noteShortage(long now, OverlayParams.Healing h) {
    shortageAt = now;
    return h.loadAware();
  }

  /** At a periodic check: whether shortage was seen within the last check interval. */
  boolean shortageSeen(long now, OverlayParams.Healing h) {
    return shortageAt >= now - h.promotionCheckInterval();
  }

  /** The peer stopped serving: no promotion again before the cooldown is over. */
  void coolDown(long now, OverlayParams.Healing h) {
    cooldownUntil = now + h.cooldown();
  }

  /**
   * Whether a candidate up since {@code upSince} starts serving now: past the minimum uptime and
   * the cooldown, then with the promotion probability (one draw, only when it gets that far).
   */
  boolean promote(long now, long upSince, OverlayParams.Healing h, RandomGenerator random) {
    if (now - upSince < h.minUptime() || now < cooldownUntil) {
      return false;
    }
    return random.nextDouble() < h.promotionProbability();
  }

  /** The wait until the next periodic check: half to one and a half intervals. */
  static long checkDelay(OverlayParams.Healing h, RandomGenerator random) {
    long interval = h.promotionCheckInterval();
    return interval / 2 + (long) (random.nextDouble() * interval);
  }
}
