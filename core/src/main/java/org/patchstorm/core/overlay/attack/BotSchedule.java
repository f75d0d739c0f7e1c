package org.patchstorm.core.overlay.attack;

import java.util.random.RandomGenerator;

/**
 * The request times of one bot: Poisson arrivals at the bot's rate during the times it is
 * active. Because the exponential gap is memoryless, a gap that runs past the end of an
 * on-period is simply redrawn from the start of the next one, which keeps the rate exact.
 */
public final class BotSchedule {

  private BotSchedule() {}

  /**
   * The next request time strictly after {@code after}, or Long.MAX_VALUE when the bot is done.
   * Draws from {@code random} (the bot's own stream), so a bot's schedule is reproducible.
   */
  public static long nextRequest(Botnet botnet, int bot, long after, RandomGenerator random) {
    double meanGap = 1e6 / botnet.ratePerBot();
    long from = botnet.nextActive(bot, after);
    while (from != Long.MAX_VALUE) {
      long until = botnet.activeUntil(from);
      long at = from + Math.max(1, (long) Math.ceil(random.nextExponential() * meanGap));
      if (at < until) {
        return at;
      }
      from = botnet.nextActive(bot, until);
    }
    return Long.MAX_VALUE;
  }
}
