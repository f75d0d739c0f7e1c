package org.patchstorm.core.overlay;

import java.util.random.RandomGenerator;

/**
 * How much failure a user takes before losing heart: the give-ups in a row since they last got on
 * line. Once they reach the discouragement's count the user stays away for its {@code away} time
 * (the next day or later) instead of trying again within the session. Signing in restores their
 * patience: the peer's schedule then drops this object (a fresh one counts from zero). Only
 * failed log-ins and connections lead to give-ups, so an ordinary day never discourages anyone;
 * an outage does, for everyone who tried to get on line during it.
 */
final class UserPatience {

  private int giveUpsInARow;

  /**
   * The user gave up once more: the time they now stay away (at least 1 us), or -1 if they still
   * try again as usual. Draws from {@code random} only when the user loses heart.
   */
  long awayAfterGiveUp(OverlayParams.Discouragement d, RandomGenerator random) {
    giveUpsInARow++;
    if (!d.enabled() || giveUpsInARow < d.afterGiveUps()) {
      return -1;
    }
    return Math.max(1, d.away().sampleMicros(random));
  }
}
