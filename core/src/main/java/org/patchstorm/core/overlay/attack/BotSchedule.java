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

  /**
   * For a bot that joined an attack whose waves count from {@code campaignStart} and that runs
   * until the coordinator stops it: the next request time strictly after {@code after}.
   */
  public static long nextRequestInCampaign(Botnet botnet, long campaignStart, long after, RandomGenerator random) {
    double meanGap = 1e6 / botnet.ratePerBot();
    long from = nextOn(botnet, campaignStart, after);
    while (true) {
      long until = onUntil(botnet, campaignStart, from);
      long at = from + Math.max(1, (long) Math.ceil(random.nextExponential() * meanGap));
      if (at < until) {
        return at;
      }
      from = nextOn(botnet, campaignStart, until);
    }
  }

  /** Whether the attack's pulse is on at {@code t} (always without waves). */
  public static boolean pulseOn(Botnet botnet, long campaignStart, long t) {
    long period = botnet.waveOn() + botnet.waveOff();
    return botnet.waveOn() == 0 || Math.floorMod(t - campaignStart, period) < botnet.waveOn();
  }

  private static long nextOn(Botnet botnet, long campaignStart, long t) {
    if (pulseOn(botnet, campaignStart, t)) {
      return t;
    }
    long period = botnet.waveOn() + botnet.waveOff();
    return campaignStart + (Math.floorDiv(t - campaignStart, period) + 1) * period;
  }

  private static long onUntil(Botnet botnet, long campaignStart, long t) {
    if (botnet.waveOn() == 0) {
      return Long.MAX_VALUE;
    }
    long period = botnet.waveOn() + botnet.waveOff();
    return campaignStart + Math.floorDiv(t - campaignStart, period) * period + botnet.waveOn();
  }
}
