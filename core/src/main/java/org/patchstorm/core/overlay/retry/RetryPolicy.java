package org.patchstorm.core.overlay.retry;

import java.util.random.RandomGenerator;

/**
 * How long a client waits before its next attempt after a failure or time-out. Pure functions:
 * {@code attempt} is the number of the attempt that just failed (1 for the first), {@code
 * previousDelay} the delay used before it (0 before the first retry); all times in microseconds.
 */
public sealed interface RetryPolicy {

  long nextDelay(int attempt, long previousDelay, RandomGenerator random);

  /** Retry at once: the policy that turns a brief overload into a sustained one. */
  record Immediate() implements RetryPolicy {
    @Override
    public long nextDelay(int attempt, long previousDelay, RandomGenerator random) {
      return 0;
    }
  }

  /** Always the same interval. */
  record Fixed(long interval) implements RetryPolicy {
    public Fixed {
      requireNonNegative(interval, "fixed interval");
    }

    @Override
    public long nextDelay(int attempt, long previousDelay, RandomGenerator random) {
      return interval;
    }
  }

  /** base * multiplier^(attempt-1), capped; every client retries in lock-step with the others. */
  record Exponential(long base, double multiplier, long cap) implements RetryPolicy {
    public Exponential {
      requireNonNegative(base, "exponential base");
      requireNonNegative(cap, "exponential cap");
      if (!(multiplier >= 1)) {
        throw new IllegalArgumentException("exponential multiplier must be >= 1");
      }
    }

    @Override
    public long nextDelay(int attempt, long previousDelay, RandomGenerator random) {
      return ceiling(base, multiplier, cap, attempt);
    }
  }

  /** Uniform in [0, min(cap, base * 2^(attempt-1))]: spreads the retries of a synchronised crowd. */
  record ExponentialFullJitter(long base, long cap) implements RetryPolicy {
    public ExponentialFullJitter {
      requireNonNegative(base, "full-jitter base");
      requireNonNegative(cap, "full-jitter cap");
    }

    @Override
    public long nextDelay(int attempt, long previousDelay, RandomGenerator random) {
      long ceiling = ceiling(base, 2.0, cap, attempt);
      return (long) (random.nextDouble() * ceiling);
    }
  }

  /** min(cap, uniform(base, 3 * previous)), with previous = base before the first retry. */
  record DecorrelatedJitter(long base, long cap) implements RetryPolicy {
    public DecorrelatedJitter {
      requireNonNegative(base, "decorrelated-jitter base");
      requireNonNegative(cap, "decorrelated-jitter cap");
    }

    @Override
    public long nextDelay(int attempt, long previousDelay, RandomGenerator random) {
      long previous = Math.max(base, previousDelay);
      double high = 3.0 * previous;
      double value = base + random.nextDouble() * (high - base);
      return (long) Math.min(cap, value);
    }
  }

  private static long ceiling(long base, double multiplier, long cap, int attempt) {
    double value = base * Math.pow(multiplier, Math.max(0, attempt - 1));
    return value >= cap ? cap : (long) value;
  }

  private static void requireNonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0");
    }
  }
}
