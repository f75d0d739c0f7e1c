package org.patchstorm.core.sweep;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean, sample standard deviation and the 95% confidence interval of the mean (Student t with
 * n - 1 degrees of freedom) of one figure over the runs of a point. With one value there is no
 * spread and no interval (NaN); with none, everything is NaN.
 */
public record FigureStats(int n, double mean, double sd, double ciLow, double ciHigh) {
  static final double CONFIDENCE = 0.95;

  /** The statistics of the finite values in {@code sample}; NaN (a missing figure) is skipped. */
  public static FigureStats of(double[] sample) {
    SummaryStatistics stats = new SummaryStatistics();
    for (double v : sample) {
      if (Double.isFinite(v)) {
        stats.addValue(v);
      }
    }
    int n = (int) stats.getN();
    if (n == 0) {
      return new FigureStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = stats.getMean();
    if (n == 1) {
      return new FigureStats(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double sd = stats.getStandardDeviation();
    double t = new TDistribution(null, n - 1)
        .inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    double half = t * sd / Math.sqrt(n);
    return new FigureStats(n, mean, sd, mean - half, mean + half);
  }

  public boolean hasInterval() {
    return Double.isFinite(ciLow);
  }
}
