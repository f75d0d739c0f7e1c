package org.patchstorm.core.overlay.defence;

import java.util.List;
import java.util.Locale;

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
  }

  /** All off, with sensible values for when they are switched on. */
  public static Defences none() {
    return new Defences(
        new RateLimit(false, Scope.ALL, 1, 5),
        new Admission(false, Scope.ALL, 0.5),
        new Blocking(false, Scope.ALL, 10 * 60_000_000L, 0, 60_000_000L, 0.9, 0.001, 0));
  }

  /** Keys a timeline event may change (booleans 1/0, durations µs), relative to the section. */
  public static final List<String> SETTABLE = List.of(
      "rate-limit.enabled", "rate-limit.per-second", "rate-limit.burst",
      "admission.enabled", "admission.threshold",
      "blocking.enabled", "blocking.detection-delay", "blocking.detect-rate",
      "blocking.bot-detection", "blocking.false-positive", "blocking.block-for");

  /** This with one parameter changed; {@code key} is one of {@link #SETTABLE}. */
  public Defences with(String key, double value) {
    RateLimit r = rateLimit;
    Admission a = admission;
    Blocking b = blocking;
    return switch (key) {
      case "rate-limit.enabled" -> withRateLimit(new RateLimit(value != 0, r.scope(), r.perSecond(), r.burst()));
      case "rate-limit.per-second" -> withRateLimit(new RateLimit(r.enabled(), r.scope(), value, r.burst()));
      case "rate-limit.burst" -> withRateLimit(new RateLimit(r.enabled(), r.scope(), r.perSecond(), value));
      case "admission.enabled" -> withAdmission(new Admission(value != 0, a.scope(), a.threshold()));
      case "admission.threshold" -> withAdmission(new Admission(a.enabled(), a.scope(), value));
      case "blocking.enabled" -> withBlocking(new Blocking(value != 0, b.scope(), b.detectionDelay(),
          b.detectRate(), b.window(), b.botDetection(), b.falsePositive(), b.blockFor()));
      case "blocking.detection-delay" -> withBlocking(new Blocking(b.enabled(), b.scope(), (long) value,
          b.detectRate(), b.window(), b.botDetection(), b.falsePositive(), b.blockFor()));
      case "blocking.detect-rate" -> withBlocking(new Blocking(b.enabled(), b.scope(), b.detectionDelay(),
          value, b.window(), b.botDetection(), b.falsePositive(), b.blockFor()));
      case "blocking.bot-detection" -> withBlocking(new Blocking(b.enabled(), b.scope(), b.detectionDelay(),
          b.detectRate(), b.window(), value, b.falsePositive(), b.blockFor()));
      case "blocking.false-positive" -> withBlocking(new Blocking(b.enabled(), b.scope(), b.detectionDelay(),
          b.detectRate(), b.window(), b.botDetection(), value, b.blockFor()));
      case "blocking.block-for" -> withBlocking(new Blocking(b.enabled(), b.scope(), b.detectionDelay(),
          b.detectRate(), b.window(), b.botDetection(), b.falsePositive(), (long) value));
      default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
          "unknown settable defence parameter '%s'; settable are %s", key, SETTABLE));
    };
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
