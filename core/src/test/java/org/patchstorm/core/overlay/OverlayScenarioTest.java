package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The baseline at 20 k peers (capacities scaled by {@link OverlayScenarios}), run with the
 * sequential reference runner; the 2007 scenarios are in {@link Skype2007ScenarioTest}. Rows
 * are one virtual minute; row r covers minute r+1.
 */
class OverlayScenarioTest {

  private static final int PEERS = 20_000;
  private static final long SEED = 42;
  private static final int WAVE_ROW = 180; // the reboot wave starts at 03:00

  private static MetricsTable run(OverlayParams p, double hours) {
    return new SequentialRunner(OverlayModel.create(p, SEED), SEED)
        .run((long) (hours * OverlayParams.HOUR), OverlayParams.MINUTE);
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  private static double min(double[] v, int from, int to) {
    double m = Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      m = Math.min(m, v[i]);
    }
    return m;
  }

  private static double max(double[] v, int from, int to) {
    double m = -Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      m = Math.max(m, v[i]);
    }
    return m;
  }

  private static double sum(double[] v, int from, int to) {
    return mean(v, from, to) * (to - from);
  }

  /** The diurnal expectation of online peers at each minute (every peer at its region's share). */
  private static double[] diurnalOnline(OverlayParams p, int minutes) {
    OverlayWorld world = new OverlayWorld(p, SEED);
    double[] expected = new double[minutes];
    for (int row = 0; row < minutes; row++) {
      long t = (row + 1) * OverlayParams.MINUTE;
      for (int id = world.firstPeer(); id < world.entityCount(); id++) {
        expected[row] += world.diurnal(world.region(id), t);
      }
    }
    return expected;
  }

  /**
   * Online tracks the curve within 7% at every hour. Measured: up to 4-6% above it in the
   * night's trough hours with both seeds (the curve falls faster than 2 h sessions end), 1-2%
   * elsewhere.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {42, 7})
  void baselineFollowsTheDiurnalCurveWithoutLoginFailures(long seed) {
    OverlayParams p = OverlayScenarios.baseline(PEERS);
    MetricsTable t = new SequentialRunner(OverlayModel.create(p, seed), seed)
        .run(8 * OverlayParams.HOUR, OverlayParams.MINUTE);
    double[] online = t.column("online");
    double[] expected = diurnalOnline(p, online.length);
    for (int row = 59; row < online.length; row += 60) {
      double error = Math.abs(online[row] - expected[row]) / expected[row];
      assertTrue(error < 0.07, "minute " + (row + 1) + ": online " + online[row] + " vs diurnal " + expected[row]);
    }
    double attempts = sum(t.column("login_attempts"), 0, online.length);
    double failed = sum(t.column("login_timeouts"), 0, online.length) + sum(t.column("login_failures"), 0, online.length);
    assertTrue(attempts > 1000, "log-ins happen: " + attempts);
    assertTrue(failed <= 0.005 * attempts, failed + " of " + attempts + " log-ins failed");
  }
}
