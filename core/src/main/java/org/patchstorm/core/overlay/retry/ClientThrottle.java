package org.patchstorm.core.overlay.retry;

/**
 * Client-side throttling (the retry budget of the SRE book): a client that sees its requests
 * fail rejects new ones locally with probability max(0, (requests - k * accepts) / (requests +
 * 1)), counting requests and accepts over a sliding window. Disabled means never reject.
 */
public record ClientThrottle(boolean enabled, double k, long windowMicros) {

  public ClientThrottle {
    if (k < 1) {
      throw new IllegalArgumentException("throttle k must be >= 1");
    }
    if (windowMicros <= 0) {
      throw new IllegalArgumentException("throttle window must be > 0");
    }
  }

  public static ClientThrottle disabled() {
    return new ClientThrottle(false, 2, 120_000_000L);
  }

  /** The probability of rejecting the next request locally. */
  public double rejectProbability(double requests, double accepts) {
    if (!enabled) {
      return 0;
    }
    return Math.max(0, (requests - k * accepts) / (requests + 1));
  }

  /**
   * The factor by which counts recorded {@code elapsed} ago still weigh: counts decay
   * exponentially with the window as time constant, so no per-request history is stored.
   */
  public double decay(long elapsedMicros) {
    return Math.exp(-(double) elapsedMicros / windowMicros);
  }
}
