package org.patchstorm.core.overlay.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {

  private static final int N = 200_000;

  private static double[] draw(Distribution d) {
    SplittableRandom random = new SplittableRandom(42);
    double[] values = new double[N];
    for (int i = 0; i < N; i++) {
      values[i] = d.sample(random);
    }
    Arrays.sort(values);
    return values;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  @Test
  void constantAlwaysReturnsItsValue() {
    double[] v = draw(Distribution.constant(3.5));
    assertEquals(3.5, v[0]);
    assertEquals(3.5, v[N - 1]);
  }

  @Test
  void uniformHasMeanMidpointAndStaysInRange() {
    double[] v = draw(Distribution.uniform(2, 10));
    assertEquals(6.0, mean(v), 0.05);
    assertTrue(v[0] >= 2 && v[N - 1] <= 10);
  }

  @Test
  void exponentialHasMeanAndMedianMeanTimesLn2() {
    double[] v = draw(Distribution.exponential(60));
    assertEquals(60.0, mean(v), 60 * 0.01);
    assertEquals(60 * Math.log(2), median(v), 60 * 0.01);
  }

  @Test
  void lognormalHasMedianAndMeanMedianTimesExpHalfSigmaSquared() {
    double[] v = draw(Distribution.lognormal(100, 0.8));
    assertEquals(100.0, median(v), 1.5);
    assertEquals(100 * Math.exp(0.32), mean(v), 137.7 * 0.02);
  }

  @Test
  void weibullShapeTwoHasMeanScaleTimesHalfRootPi() {
    // Gamma(1 + 1/2) = sqrt(pi)/2; median = scale * sqrt(ln 2).
    Distribution d = Distribution.weibull(2, 10);
    double[] v = draw(d);
    assertEquals(10 * Math.sqrt(Math.PI) / 2, d.mean(), 1e-9);
    assertEquals(8.8623, mean(v), 0.05);
    assertEquals(10 * Math.sqrt(Math.log(2)), median(v), 0.05);
  }

  @Test
  void weibullShapeOneIsExponential() {
    assertEquals(7.0, Distribution.weibull(1, 7).mean(), 1e-9);
  }

  @Test
  void paretoHasMinimumScaleMedianAndMean() {
    // alpha = 3, x_m = 2: mean = 3 * 2 / 2 = 3; median = 2 * 2^(1/3).
    double[] v = draw(Distribution.pareto(3, 2));
    assertTrue(v[0] >= 2);
    assertEquals(2 * Math.cbrt(2), median(v), 0.02);
    assertEquals(3.0, mean(v), 0.05);
    assertEquals(Double.POSITIVE_INFINITY, Distribution.pareto(1, 1).mean());
  }

  @Test
  void sampleMicrosConvertsSeconds() {
    assertEquals(1_500_000L, Distribution.constant(1.5).sampleMicros(new SplittableRandom(1)));
  }

  @Test
  void rejectsInvalidParameters() {
    assertThrows(IllegalArgumentException.class, () -> Distribution.exponential(0));
    assertThrows(IllegalArgumentException.class, () -> Distribution.uniform(5, 1));
    assertThrows(IllegalArgumentException.class, () -> Distribution.weibull(-1, 1));
  }
}
