package org.patchstorm.core.overlay;

/**
 * A supernode's access link as the rate of traffic offered to it (work units per second,
 * averaged over the last {@link #WINDOW} or so). Beyond the link's capacity the excess is lost,
 * whatever it carries: a flood that saturates the link takes the clients' requests and
 * keep-alives down with it, as a volumetric DDoS does. No events: the average decays when read.
 */
final class LinkLoad {

  /** The averaging time of the offered rate: a few of a bot's requests, far below a keep-alive. */
  static final long WINDOW = 10 * OverlayParams.SECOND;

  private double rate;
  private long rateAt;

  /** {@code units} of traffic arrive at {@code now}. */
  void offer(long now, int units) {
    rate = rate(now) + units * (double) OverlayParams.SECOND / WINDOW;
    rateAt = now;
  }

  /** The offered rate at {@code now}, in units per second. */
  double rate(long now) {
    // StrictMath: the same bits on every JVM and member, as the results must be.
    return rate == 0 ? 0 : rate * StrictMath.exp(-(double) (now - rateAt) / WINDOW);
  }

  /** The share of the traffic lost at {@code now} on a link carrying {@code capacity} units/s. */
  double lossProbability(long now, double capacity) {
    double offered = rate(now);
    return offered <= capacity ? 0 : 1 - capacity / offered;
  }
}
