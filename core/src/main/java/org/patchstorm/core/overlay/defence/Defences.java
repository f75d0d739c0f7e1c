package org.patchstorm.core.overlay.defence;

import org.patchstorm.core.config.SettableKeys;

/**
 * The operator's server-side defences against floods, each switchable and tunable on the
 * timeline through {@link #with(String, double)}. Client-side throttling and added capacity are
 * parameters of the login and supernode sections; these are the ones servers apply per request.
 */
public record Defences(RateLimit rateLimit, Admission admission, Blocking blocking) {

  /**
   * Per-source token bucket: {@code perSecond} requests/s, {@code burst} at once. Requests over
   * the limit are refused at almost no cost.
   */
  public record RateLimit(boolean enabled, Scope scope, double perSecond, double burst) {
    public RateLimit {
      require(perSecond > 0, "rate-limit: per-second > 0");
      require(burst >= 1, "rate-limit: burst >= 1");
    }

    RateLimit with(boolean on, double perSecond, double burst) {
      return new RateLimit(on, scope, perSecond, burst);
    }
  }

  /**
   * Admission control: shed new work early (a cheap refusal instead of queueing) once the queue
   * holds {@code threshold} of its capacity, so that what is admitted is served before its
   * client gives up.
   */
  public record Admission(boolean enabled, Scope scope, double threshold) {
    public Admission {
      require(threshold > 0 && threshold <= 1, "admission: threshold in (0, 1]");
    }

    /** Whether work may enter a queue holding {@code queued} of {@code capacity}. */
    public boolean admits(double queued, double capacity) {
      return !enabled || queued < threshold * capacity;
    }
  }

  /**
   * Blocking detected sources (see {@link SourceBlocker}): rate detector threshold ({@code
   * detectRate} requests/s over {@code window}; 0 = off), classifier detection and false-positive
   * probabilities, the delay from detection to block, and the block's length (0 = for good).
   */
  public record Blocking(
      boolean enabled,
      Scope scope,
      long detectionDelay,
      double detectRate,
      long window,
      double botDetection,
      double falsePositive,
      long blockFor) {
    public Blocking {
      require(detectionDelay >= 0, "blocking: detection-delay >= 0");
      require(detectRate >= 0, "blocking: detect-rate >= 0");
      require(window > 0, "blocking: window > 0");
      require(botDetection >= 0 && botDetection <= 1, "blocking: bot-detection in [0, 1]");
      require(falsePositive >= 0 && falsePositive <= 1, "blocking: false-positive in [0, 1]");
      require(blockFor >= 0, "blocking: block-for >= 0");
    }

    /** This with one field changed (durations µs, booleans 1/0). */
    Blocking with(String field, double v) {
      return new Blocking(
          field.equals("enabled") ? v != 0 : enabled,
          scope,
          field.equals("detection-delay") ? (long) v : detectionDelay,
          field.equals("detect-rate") ? v : detectRate,
          window,
          field.equals("bot-detection") ? v : botDetection,
          field.equals("false-positive") ? v : falsePositive,
          field.equals("block-for") ? (long) v : blockFor);
    }
  }

  /** All off, with sensible values for when they are switched on. */
  public static Defences none() {
    return new Defences(
        new RateLimit(false, Scope.ALL, 1, 5),
        new Admission(false, Scope.ALL, 0.5),
        new Blocking(false, Scope.ALL, 10 * 60_000_000L, 0, 60_000_000L, 0.9, 0.001, 0));
  }

  private static final long YEAR = 366 * 86_400_000_000L;

  /** Keys a timeline event may change (booleans 1/0, durations µs), relative to the section. */
  public static final SettableKeys<Defences> SETTABLE = SettableKeys.<Defences>of("defence")
      .bool("rate-limit.enabled", (d, v) -> d.withRateLimit(d.rateLimit.with(v != 0, d.rateLimit.perSecond, d.rateLimit.burst)))
      .key("rate-limit.per-second", SettableKeys.Type.NUMBER, 1e-6, 1e6,
          (d, v) -> d.withRateLimit(d.rateLimit.with(d.rateLimit.enabled, v, d.rateLimit.burst)))
      .key("rate-limit.burst", SettableKeys.Type.NUMBER, 1, 1e6,
          (d, v) -> d.withRateLimit(d.rateLimit.with(d.rateLimit.enabled, d.rateLimit.perSecond, v)))
      .bool("admission.enabled", (d, v) -> d.withAdmission(new Admission(v != 0, d.admission.scope(), d.admission.threshold())))
      .key("admission.threshold", SettableKeys.Type.NUMBER, 0.001, 1,
          (d, v) -> d.withAdmission(new Admission(d.admission.enabled(), d.admission.scope(), v)))
      .bool("blocking.enabled", (d, v) -> d.withBlocking(d.blocking.with("enabled", v)))
      .key("blocking.detection-delay", SettableKeys.Type.DURATION, 0, YEAR, (d, v) -> d.withBlocking(d.blocking.with("detection-delay", v)))
      .key("blocking.detect-rate", SettableKeys.Type.NUMBER, 0, 1e6, (d, v) -> d.withBlocking(d.blocking.with("detect-rate", v)))
      .fraction("blocking.bot-detection", (d, v) -> d.withBlocking(d.blocking.with("bot-detection", v)))
      .fraction("blocking.false-positive", (d, v) -> d.withBlocking(d.blocking.with("false-positive", v)))
      .key("blocking.block-for", SettableKeys.Type.DURATION, 0, YEAR, (d, v) -> d.withBlocking(d.blocking.with("block-for", v)))
      .build();

  /** This with one parameter changed; {@code key} is one of {@link #SETTABLE}. */
  public Defences with(String key, double value) {
    return SETTABLE.apply(this, key, value);
  }

  public Defences withRateLimit(RateLimit r) {
    return new Defences(r, admission, blocking);
  }

  public Defences withAdmission(Admission a) {
    return new Defences(rateLimit, a, blocking);
  }

  public Defences withBlocking(Blocking b) {
    return new Defences(rateLimit, admission, b);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
