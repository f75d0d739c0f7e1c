package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The reference scenarios at 20 k peers (capacities scaled by {@link OverlayScenarios}), run
 * with the sequential reference runner: each must show its signature. Rows are one virtual
 * minute; row r covers minute r+1.
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

  @Test
  void skype2007FlawedHealingFallsDeepAndStaysDownLongAfterTheWave() {
    MetricsTable t = run(OverlayScenarios.skype2007(PEERS), 8);
    double[] online = t.column("online");
    double before = mean(online, WAVE_ROW - 30, WAVE_ROW);
    // Deep: well below a third of normal at the bottom.
    assertTrue(min(online, WAVE_ROW, 480) < 0.3 * before, "bottom " + min(online, WAVE_ROW, 480) + " vs " + before);
    // Long: the wave is over by 03:25, yet four hours later online is still below half.
    assertTrue(mean(online, 420, 480) < 0.5 * before, "07:00-08:00 mean " + mean(online, 420, 480) + " vs " + before);
    // A log-in flood: attempts per minute far above normal, and almost all of them fail.
    double[] attempts = t.column("login_attempts");
    assertTrue(max(attempts, WAVE_ROW, 480) > 5 * mean(attempts, WAVE_ROW - 30, WAVE_ROW));
    double failed = sum(t.column("login_timeouts"), 240, 480) + sum(t.column("login_failures"), 240, 480);
    assertTrue(sum(t.column("login_successes"), 240, 480) < 0.05 * failed);
    // Supernodes lost: far fewer peer supernodes than before the wave at some point.
    double[] supernodes = t.column("supernodes");
    assertTrue(min(supernodes, WAVE_ROW, 480) < 0.5 * mean(supernodes, WAVE_ROW - 30, WAVE_ROW));
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

  @Test
  void skype2007FixedHealingDipsShallowAndRecoversWithinMinutes() {
    OverlayParams p = OverlayScenarios.skype2007Fixed(PEERS);
    MetricsTable t = run(p, 4.5);
    double[] online = t.column("online");
    double[] expected = diurnalOnline(p, online.length);
    // Shallow: never more than 15% below the diurnal expectation during and after the wave.
    for (int row = WAVE_ROW; row < 270; row++) {
      assertTrue(online[row] > 0.85 * expected[row], "minute " + (row + 1) + ": " + online[row] + " vs " + expected[row]);
    }
    // Within minutes of the end of the wave (03:25) online is back on the curve.
    assertTrue(mean(online, 215, 245) > 0.95 * mean(expected, 215, 245),
        "03:35-04:05 mean " + mean(online, 215, 245) + " vs " + mean(expected, 215, 245));
    double failed = sum(t.column("login_timeouts"), WAVE_ROW, 270) + sum(t.column("login_failures"), WAVE_ROW, 270);
    assertTrue(failed < 0.05 * sum(t.column("login_attempts"), WAVE_ROW, 270));
  }

  @Test
  void baselineFollowsTheDiurnalCurveWithoutLoginFailures() {
    OverlayParams p = OverlayScenarios.baseline(PEERS);
    MetricsTable t = run(p, 8);
    double[] online = t.column("online");
    double[] expected = diurnalOnline(p, online.length);
    for (int row = 59; row < online.length; row += 60) {
      double error = Math.abs(online[row] - expected[row]) / expected[row];
      assertTrue(error < 0.05, "minute " + (row + 1) + ": online " + online[row] + " vs diurnal " + expected[row]);
    }
    double attempts = sum(t.column("login_attempts"), 0, online.length);
    double failed = sum(t.column("login_timeouts"), 0, online.length) + sum(t.column("login_failures"), 0, online.length);
    assertTrue(attempts > 1000, "log-ins happen: " + attempts);
    assertTrue(failed <= 0.005 * attempts, failed + " of " + attempts + " log-ins failed");
  }
}
