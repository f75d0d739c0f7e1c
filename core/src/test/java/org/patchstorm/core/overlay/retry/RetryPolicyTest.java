package org.patchstorm.core.overlay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void immediateNeverWaits() {
    assertEquals(0, new RetryPolicy.Immediate().nextDelay(5, 100, random));
  }

  @Test
  void fixedAlwaysWaitsItsInterval() {
    RetryPolicy p = new RetryPolicy.Fixed(3_000_000);
    assertEquals(3_000_000, p.nextDelay(1, 0, random));
    assertEquals(3_000_000, p.nextDelay(9, 3_000_000, random));
  }

  @Test
  void exponentialDoublesUpToTheCap() {
    RetryPolicy p = new RetryPolicy.Exponential(1_000_000, 2, 10_000_000);
    assertEquals(1_000_000, p.nextDelay(1, 0, random));
    assertEquals(2_000_000, p.nextDelay(2, 0, random));
    assertEquals(8_000_000, p.nextDelay(4, 0, random));
    assertEquals(10_000_000, p.nextDelay(5, 0, random));
    assertEquals(10_000_000, p.nextDelay(60, 0, random));
  }

  @Test
  void fullJitterIsUniformBelowTheExponentialCeiling() {
    RetryPolicy p = new RetryPolicy.ExponentialFullJitter(1_000_000, 100_000_000);
    double sum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      long d = p.nextDelay(4, 0, random); // ceiling 8 s
      assertTrue(d >= 0 && d <= 8_000_000);
      sum += d;
    }
    assertEquals(4_000_000, sum / n, 80_000); // mean of U(0, 8 s)
  }

  @Test
  void decorrelatedJitterStaysBetweenBaseAndThreeTimesPrevious() {
    RetryPolicy p = new RetryPolicy.DecorrelatedJitter(1_000_000, 20_000_000);
    for (int i = 0; i < 1000; i++) {
      long d = p.nextDelay(3, 4_000_000, random);
      assertTrue(d >= 1_000_000 && d <= 12_000_000, "delay " + d);
    }
    for (int i = 0; i < 1000; i++) {
      assertTrue(p.nextDelay(9, 50_000_000, random) <= 20_000_000);
    }
  }

  @Test
  void throttleRejectsWhenRequestsOutrunTwiceTheAccepts() {
    ClientThrottle t = new ClientThrottle(true, 2, 60_000_000);
    assertEquals(0.0, t.rejectProbability(10, 5), 1e-12); // 10 - 2*5 = 0
    assertEquals(0.0, t.rejectProbability(10, 8), 1e-12); // negative -> 0
    assertEquals(9.0 / 10.0, t.rejectProbability(9, 0), 1e-12); // (9 - 0) / (9 + 1)
    assertEquals((20 - 2 * 3) / 21.0, t.rejectProbability(20, 3), 1e-12);
    assertEquals(0.0, ClientThrottle.disabled().rejectProbability(100, 0));
    assertEquals(Math.exp(-1), t.decay(60_000_000), 1e-12);
  }
}
