package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.SECOND;

import org.junit.jupiter.api.Test;

class LinkLoadTest {

  /** {@code units} every {@code gap} µs from 0 to {@code until}; returns the time of the last. */
  private static long offerSteadily(LinkLoad link, int units, long gap, long until) {
    long t = 0;
    for (; t + gap <= until; t += gap) {
      link.offer(t, units);
    }
    return t;
  }

  @Test
  void aSteadyStreamIsMeasuredAtItsRate() {
    LinkLoad link = new LinkLoad();
    long last = offerSteadily(link, 10, SECOND / 10, 60 * SECOND); // 100 units/s for a minute
    assertEquals(100, link.rate(last), 6, "within the jitter of discrete arrivals");
  }

  @Test
  void theExcessOverTheCapacityIsLost() {
    LinkLoad link = new LinkLoad();
    long last = offerSteadily(link, 10, SECOND / 10, 60 * SECOND);
    double offered = link.rate(last);
    assertEquals(1 - 25 / offered, link.lossProbability(last, 25), 1e-12);
    assertEquals(0, link.lossProbability(last, 200), "a link wider than the traffic loses nothing");
  }

  @Test
  void theRateFadesOnceTheTrafficStops() {
    LinkLoad link = new LinkLoad();
    long last = offerSteadily(link, 10, SECOND / 10, 60 * SECOND);
    double busy = link.rate(last);
    assertEquals(busy / Math.E, link.rate(last + LinkLoad.WINDOW), 1e-9, "one averaging time later");
    assertTrue(link.lossProbability(last + 5 * LinkLoad.WINDOW, 25) == 0, "the link clears within a minute");
  }

  @Test
  void anIdleLinkLosesNothing() {
    LinkLoad link = new LinkLoad();
    assertEquals(0, link.rate(123 * SECOND));
    assertEquals(0, link.lossProbability(123 * SECOND, 1));
  }
}
