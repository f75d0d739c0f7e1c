package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known values from tables: the t quantiles 2.3646 (7 df) and 12.7062 (1 df) at 97.5%. */
class FigureStatsTest {

  @Test
  void meanSampleSdAndStudentTIntervalOfAFixedSample() {
    FigureStats s = FigureStats.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertEquals(8, s.n());
    assertEquals(5.0, s.mean(), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-12, "sample sd, n - 1 in the denominator");
    double half = 2.3646 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
    assertEquals(5 - half, s.ciLow(), 1e-3);
    assertEquals(5 + half, s.ciHigh(), 1e-3);
    assertEquals(3.2125, s.ciLow(), 1e-4);
    assertEquals(6.7875, s.ciHigh(), 1e-4);
  }

  @Test
  void twoValuesUseTheWideQuantileOfOneDegreeOfFreedom() {
    FigureStats s = FigureStats.of(new double[] {1, 3});
    assertEquals(2.0, s.mean(), 1e-12);
    assertEquals(Math.sqrt(2), s.sd(), 1e-12);
    assertEquals(2 - 12.7062, s.ciLow(), 1e-3);
    assertEquals(2 + 12.7062, s.ciHigh(), 1e-3);
  }

  @Test
  void oneValueHasAMeanButNoSpreadAndNoInterval() {
    FigureStats s = FigureStats.of(new double[] {0.42});
    assertEquals(1, s.n());
    assertEquals(0.42, s.mean(), 1e-12);
    assertTrue(Double.isNaN(s.sd()));
    assertFalse(s.hasInterval());
  }

  @Test
  void missingValuesAreSkippedNotCountedAsZero() {
    FigureStats s = FigureStats.of(new double[] {Double.NaN, 10, Double.NaN, 20});
    assertEquals(2, s.n());
    assertEquals(15.0, s.mean(), 1e-12);
    FigureStats none = FigureStats.of(new double[] {Double.NaN});
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.mean()));
  }

  @Test
  void identicalValuesGiveAZeroWidthInterval() {
    FigureStats s = FigureStats.of(new double[] {3, 3, 3});
    assertEquals(0.0, s.sd(), 0);
    assertEquals(3.0, s.ciLow(), 0);
    assertEquals(3.0, s.ciHigh(), 0);
  }
}
