package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The shipped 2007 files at 20 k peers, as properties over several seeds: the outage comes from
 * the reboot wave (none without it, none below a threshold fraction), the fixed healing holds at
 * the shipped fraction, and the flawed run has the shape of August 2007 (a slide over hours to a
 * few percent, a gradual recovery once the operators act, no overshoot).
 */
class Skype2007ScenarioTest {

  private static final int PEERS = 20_000;
  private static final Set<String> NO_OUTAGE = Set.of("NO_OUTAGE", "DEGRADED");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void withoutTheWaveTheFlawedOverlayRunsANormalDay(long seed) {
    var r = ShippedExperiment.of("skype-2007.conf", PEERS, "1d").control("3h").run(seed);
    assertEquals("NO_OUTAGE", r.verdict(), "control, seed " + seed + ": " + r.summary());
    assertEquals(0, r.table().sum("sn_shutdowns"), "no supernode quits on an ordinary day");
    assertEquals(0, r.table().sum("login_give_ups"), "no one gives up, so no one loses heart, on an ordinary day");
  }

  /**
   * The shipped wave (half of the auto-updating machines) lies clearly above the threshold
   * (0.3-0.35 of them at 20 k and 100 k peers): it collapses the flawed overlay for every seed.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theShippedWaveCollapsesTheFlawedOverlayIntoAMetastableOutage(long seed) {
    var r = ShippedExperiment.of("skype-2007.conf", PEERS, "12h").run(seed);
    assertEquals("METASTABLE_OUTAGE", r.verdict(), "seed " + seed);
    assertTrue(r.minOnline() < 0.3, "sliding towards a few percent by 12:00: " + r.minOnline());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aSmallerWaveIsAbsorbed(long seed) {
    var r = ShippedExperiment.of("skype-2007.conf", PEERS, "12h").burstFraction(0.2).run(seed);
    assertTrue(NO_OUTAGE.contains(r.verdict()), "fraction 0.2, seed " + seed + ": " + r.verdict());
    assertTrue(r.minOnline() > 0.8, "a dip at most: " + r.minOnline());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theFixedHealingHoldsAtTheShippedWave(long seed) {
    var r = ShippedExperiment.of("skype-2007-fixed.conf", PEERS, "10h").run(seed);
    assertTrue(NO_OUTAGE.contains(r.verdict()), "seed " + seed + ": " + r.verdict());
    assertTrue(r.summary().get("minutes_to_recover_95pct").asDouble() < 180,
        "back within hours: " + r.summary().get("minutes_to_recover_95pct"));
  }

  /**
   * The two days against the expected level: a slide over hours to a few percent; once the
   * operators act at 22:00, a slow recovery (users who failed twice in a row come back about a
   * day later; August 2007: ~2% at 22:15, ~40% about 16.5 h after the bottom, mostly restored
   * after about two days) that never goes above the expected level.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void theFlawedRunSlidesForHoursThenRecoversSlowlyWithoutOvershoot(long seed) {
    ShippedExperiment.Result r = ShippedExperiment.of("skype-2007.conf", PEERS, "2d").run(seed);
    double[] fraction = fractionOfExpected(r);
    // A slide, not a cliff: still above half at 03:30 (the wave is over by 03:15), at a few
    // percent only hours later, and there until the operators act.
    assertTrue(fraction[minute(3, 30)] > 0.5, "03:30: " + fraction[minute(3, 30)]);
    assertTrue(fraction[minute(21, 0)] < 0.1, "21:00: " + fraction[minute(21, 0)]);
    // No jump once the fix is in: few users are still trying at 22:00 (with four give-ups before
    // losing heart those in their sessions got on within minutes: 0.09 at 22:15).
    assertTrue(fraction[minute(22, 15)] < 0.06, "22:15: " + fraction[minute(22, 15)]);
    // After 22:00: far from normal for the rest of the night and the morning (with four give-ups
    // the users not yet discouraged were back within hours: 0.55 at 34:00), about 40% 16.5 h
    // after the bottom (0.65 with four give-ups), well on the way by the end of day two.
    for (int hour = 23; hour <= 34; hour++) {
      assertTrue(fraction[minute(hour, 0)] < 0.45, hour + ":00: " + fraction[minute(hour, 0)]);
    }
    double middle = fraction[minute(38, 45)];
    assertTrue(middle > 0.25 && middle < 0.55, "38:45, 35.75 h after the wave: " + middle);
    assertTrue(fraction[minute(47, 54)] > 0.7, "47:54: " + fraction[minute(47, 54)]);
    for (int row = minute(22, 0); row < fraction.length; row++) {
      assertTrue(fraction[row] < 1.1, "overshoot at minute " + (row + 1) + ": " + fraction[row]);
    }
    assertTrue(r.table().sum("login_give_ups") > 0, "users gave up during the outage");
  }

  /**
   * At 100 k peers, as at 20 k, the supernodes carry the wave and the number on line slides. At
   * 20 k the seven bootstrap nodes (in every host cache that is not full, among its newest
   * entries) took a quarter of the wave's connections, which hid what a round that shook hands
   * with all five supernodes it asked did at 100 k: ~240 supernodes quit within two minutes of
   * 03:06 and online fell to a quarter by 03:10. So this property needs 100 k peers.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void atOneHundredThousandPeersTheSupernodesCarryTheWaveAndOnlineSlides(long seed) {
    ShippedExperiment.Result r = ShippedExperiment.of("skype-2007.conf", 100_000, "210m").run(seed);
    MetricsTable t = r.table();
    double[] quits = t.column("sn_shutdowns");
    double[] online = t.column("online");
    double wave = 0;
    for (int row = minute(3, 0); row < online.length; row++) {
      wave += quits[row];
    }
    assertEquals(0, wave, "supernodes that quit in the wave");
    double atThirty = online[minute(3, 30)] / online[minute(3, 0)];
    assertTrue(atThirty > 0.5, "a slide, not a cliff: online at 03:30 / 03:00 = " + atThirty);
  }

  /** The row of a time of day (rows are minutes, the first ends at 00:01). */
  private static int minute(int hours, int minutes) {
    return hours * 60 + minutes - 1;
  }

  /** Online over the diurnal curve, scaled to the hour before the wave (03:00). */
  private static double[] fractionOfExpected(ShippedExperiment.Result r) {
    MetricsTable t = r.table();
    double[] online = t.column("online");
    OverlayParams p = OverlayScenarios.skype2007(PEERS);
    OverlayWorld world = new OverlayWorld(p, 1);
    var regions = p.geography().regions();
    double[] expected = new double[online.length];
    for (int row = 0; row < online.length; row++) {
      long time = (long) (t.time(row) * 1e6);
      for (int region = 0; region < regions.size(); region++) {
        expected[row] += world.diurnal(region, time) * regions.get(region).weight();
      }
    }
    double level = 0;
    for (int row = 120; row < 180; row++) {
      level += online[row] / expected[row] / 60;
    }
    double[] fraction = new double[online.length];
    for (int row = 0; row < online.length; row++) {
      fraction[row] = online[row] / expected[row] / level;
    }
    return fraction;
  }
}
