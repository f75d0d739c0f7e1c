package org.patchstorm.core.overlay.dist;

import java.util.random.RandomGenerator;

/**
 * A distribution of non-negative values (durations in seconds, unless a caller says otherwise).
 * Every sample comes from the random stream handed in, so results depend only on the seed.
 */
public sealed interface Distribution {

  double sample(RandomGenerator random);

  /** The analytic mean (infinite for a Pareto with shape <= 1). */
  double mean();

  /** Samples a duration given in seconds and returns it in whole microseconds. */
  default long sampleMicros(RandomGenerator random) {
    return Math.round(sample(random) * 1_000_000.0);
  }

  static Distribution constant(double value) {
    return new Constant(value);
  }

  static Distribution uniform(double min, double max) {
    return new Uniform(min, max);
  }

  static Distribution exponential(double mean) {
    return new Exponential(mean);
  }

  static Distribution lognormal(double median, double sigma) {
    return new LogNormal(median, sigma);
  }

  static Distribution weibull(double shape, double scale) {
    return new Weibull(shape, scale);
  }

  static Distribution pareto(double shape, double scale) {
    return new Pareto(shape, scale);
  }

  record Constant(double value) implements Distribution {
    public Constant {
      require(value >= 0 && Double.isFinite(value), "constant value must be >= 0");
    }

    @Override
    public double sample(RandomGenerator random) {
      return value;
    }

    @Override
    public double mean() {
      return value;
    }
  }

  record Uniform(double min, double max) implements Distribution {
    public Uniform {
      require(min >= 0 && max >= min && Double.isFinite(max), "uniform needs 0 <= min <= max");
    }

    @Override
    public double sample(RandomGenerator random) {
      return min + (max - min) * random.nextDouble();
    }

    @Override
    public double mean() {
      return (min + max) / 2;
    }
  }

  record Exponential(double mean) implements Distribution {
    public Exponential {
      require(mean > 0 && Double.isFinite(mean), "exponential mean must be > 0");
    }

    @Override
    public double sample(RandomGenerator random) {
      return mean * random.nextExponential();
    }
  }

  /** Log-normal given by its median (e^mu) and the sigma of the underlying normal. */
  record LogNormal(double median, double sigma) implements Distribution {
    public LogNormal {
      require(median > 0 && Double.isFinite(median), "lognormal median must be > 0");
      require(sigma >= 0 && sigma < 10, "lognormal sigma must be in [0, 10)");
    }

    @Override
    public double sample(RandomGenerator random) {
      return median * Math.exp(sigma * random.nextGaussian());
    }

    @Override
    public double mean() {
      return median * Math.exp(sigma * sigma / 2);
    }
  }

  /** Weibull with shape k and scale lambda: lambda * (-ln U)^(1/k). */
  record Weibull(double shape, double scale) implements Distribution {
    public Weibull {
      require(shape > 0 && Double.isFinite(shape), "weibull shape must be > 0");
      require(scale > 0 && Double.isFinite(scale), "weibull scale must be > 0");
    }

    @Override
    public double sample(RandomGenerator random) {
      return scale * Math.pow(random.nextExponential(), 1 / shape);
    }

    @Override
    public double mean() {
      return scale * Math.exp(logGamma(1 + 1 / shape));
    }
  }

  /** Pareto (type I) with shape alpha and scale x_m (the minimum): x_m / U^(1/alpha). */
  record Pareto(double shape, double scale) implements Distribution {
    public Pareto {
      require(shape > 0 && Double.isFinite(shape), "pareto shape must be > 0");
      require(scale > 0 && Double.isFinite(scale), "pareto scale must be > 0");
    }

    @Override
    public double sample(RandomGenerator random) {
      // 1 - nextDouble() is in (0, 1], so the power never divides by zero.
      return scale / Math.pow(1.0 - random.nextDouble(), 1 / shape);
    }

    @Override
    public double mean() {
      return shape <= 1 ? Double.POSITIVE_INFINITY : shape * scale / (shape - 1);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Lanczos approximation of ln Gamma(x) for x > 0 (about 15 significant digits). */
  static double logGamma(double x) {
    double[] g = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
