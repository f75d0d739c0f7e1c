package org.patchstorm.core.overlay;

/**
 * When users start their clients: each region's diurnal curve (the share of its peers that want
 * to be on line at each local hour) and the start process that keeps it, as pure functions of
 * virtual time.
 */
final class ArrivalProcess {

  private final OverlayParams base;
  // Cumulative start hazard per (region, eligible) at one-minute steps over one day; see
  // nextStart().
  private double[][] startHazard;
  private static final int MINUTES = 1440;

  ArrivalProcess(OverlayParams base) {
    this.base = base;
    buildStartHazard(base);
  }

  /**
   * When a peer that goes off-line at {@code now} starts its next session: the first event of a
   * non-homogeneous Poisson process whose rate mu(t) = (f'(t) + f(t)/S) / (1 - f(t)) keeps the
   * expected online share of a region equal to its diurnal curve f (S: mean session). Sampled
   * by inverting the cumulative rate, so it costs no events.
   */
  long nextStart(int region, boolean eligibleGroup, long now, double unitExponential) {
    double[] h = startHazard[region * 2 + (eligibleGroup ? 1 : 0)];
    double perDay = h[MINUTES];
    long minute = now / OverlayParams.MINUTE;
    double start = hazardAt(h, perDay, minute, now - minute * OverlayParams.MINUTE);
    double target = start + unitExponential;
    // Whole days first, then the minute by binary search within the day.
    long days = (long) Math.floor((target - hazardAt(h, perDay, (minute / MINUTES) * MINUTES, 0)) / perDay);
    long dayStart = (minute / MINUTES + Math.max(0, days)) * MINUTES;
    long lo = Math.max(minute, dayStart);
    long hi = lo + 2L * MINUTES;
    while (hazardAt(h, perDay, hi, 0) < target) {
      hi += MINUTES;
    }
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (hazardAt(h, perDay, mid, 0) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double before = hazardAt(h, perDay, lo, 0);
    double rate = hazardAt(h, perDay, lo + 1, 0) - before;
    double frac = rate <= 0 ? 0 : Math.min(1, Math.max(0, (target - before) / rate));
    long t = lo * OverlayParams.MINUTE + (long) (frac * OverlayParams.MINUTE);
    return Math.max(now + 1, t);
  }

  private static double hazardAt(double[] h, double perDay, long minute, long extraMicros) {
    long day = Math.floorDiv(minute, MINUTES);
    int m = (int) (minute - day * MINUTES);
    double value = day * perDay + h[m];
    if (extraMicros > 0) {
      value += (h[m + 1] - h[m]) * extraMicros / (double) OverlayParams.MINUTE;
    }
    return value;
  }

  private void buildStartHazard(OverlayParams params) {
    int regions = params.geography().regions().size();
    startHazard = new double[regions * 2][];
    double session = params.population().session().mean();
    for (int r = 0; r < regions; r++) {
      for (int e = 0; e < 2; e++) {
        double s = session * (e == 1 ? params.population().eligibleSessionScale() : 1);
        double[] h = new double[MINUTES + 1];
        for (int m = 0; m < MINUTES; m++) {
          long t = m * OverlayParams.MINUTE;
          double f = diurnal(r, t + OverlayParams.MINUTE / 2);
          double slope = (diurnal(r, t + OverlayParams.MINUTE) - diurnal(r, t)) / 60.0; // per second
          double mu = Math.max(0, (slope + f / s) / (1 - f)); // per second
          h[m + 1] = h[m] + mu * 60.0;
        }
        startHazard[r * 2 + e] = h;
      }
    }
  }

  /** Local hour (fractional, 0..24) of a region at virtual time {@code now}. */
  double localHour(int region, long now) {
    double offset = base.geography().regions().get(region).utcOffsetHours();
    double h = (now / (double) OverlayParams.HOUR + offset) % 24.0;
    return h < 0 ? h + 24 : h;
  }

  /** The diurnal target online share of a region at {@code now}, linearly interpolated. */
  double diurnal(int region, long now) {
    double[] curve = base.geography().diurnal();
    double h = localHour(region, now);
    int i = (int) Math.floor(h) % 24;
    double f = h - Math.floor(h);
    return curve[i] * (1 - f) + curve[(i + 1) % 24] * f;
  }

  /** Offset (µs) of a region's local clock from virtual time. */
  long utcOffsetMicros(int region) {
    return Math.round(base.geography().regions().get(region).utcOffsetHours() * OverlayParams.HOUR);
  }
}
