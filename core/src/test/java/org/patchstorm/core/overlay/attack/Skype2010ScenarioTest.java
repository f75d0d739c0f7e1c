package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;

/**
 * The 2010 crash cascade at small scale (1,500 peers, about 500 on line at night): the affected
 * clients crash from 60 min on; the recovery (mega-supernodes, throttled log-ins) comes at 90 min.
 *
 * <p>Expected values by hand: the overlay starts with 0.5% of 1,500 = 7-8 peer supernodes plus 7
 * bootstrap ones (15). The bootstrap supernodes hold 2,000 x 1.5% = 30 clients each, 210 in all,
 * so when every peer supernode has quit, at most ~210 of the ~500 peers that are up can be on
 * line (share ~0.4). A quit supernode waits out a two-hour cool-down, so without the recovery
 * the overlay stays down to the end of the run. Two mega-supernodes of 4,000 clients hold
 * everyone.
 */
class Skype2010ScenarioTest {

  static final int PEERS = 1500;
  static MetricsTable crashOnly;
  static MetricsTable recovered;
  static MetricsTable defended;

  @BeforeAll
  static void run() {
    crashOnly = run(AttackScenarios.skype2010(PEERS, HOUR, -1));
    recovered = run(AttackScenarios.skype2010(PEERS, HOUR, 90 * MINUTE));
    defended = run(AttackScenarios.skype2010Defended(PEERS, HOUR));
  }

  private static MetricsTable run(AttackScenarios.Scenario s) {
    return new SequentialRunner(OverlayModel.create(s.overlay(), s.attack(), 7), 7).run(150 * MINUTE, MINUTE);
  }

  static double min(MetricsTable t, String column, int from, int to) {
    double m = Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      m = Math.min(m, t.column(column)[i]);
    }
    return m;
  }

  @Test
  void theCrashCascadesThroughTheSupernodes() {
    double normal = min(crashOnly, "supernodes", 30, 60);
    double during = min(crashOnly, "supernodes", 75, 90);
    assertTrue(normal >= 14, "7 bootstrap + ~7.5 peer supernodes before the crash: " + normal);
    assertTrue(during <= 0.75 * normal, "at least a quarter of the supernodes lost: " + normal + " -> " + during);
    assertTrue(Ddos2017ScenarioTest.total(crashOnly, "sn_shutdowns", 60, 90) >= 5,
        "overloaded supernodes shut themselves down (most of the ~8 peer supernodes)");
    double before = Ddos2017ScenarioTest.onlineShare(crashOnly, 40, 60);
    double after = Ddos2017ScenarioTest.onlineShare(crashOnly, 80, 90);
    assertTrue(before > 0.95, "steady before: " + before);
    assertTrue(after < 0.6, "only the bootstrap supernodes' ~210 clients stay on line: " + after);
    // The cool-down keeps quit supernodes out: without the recovery it stays down.
    assertTrue(Ddos2017ScenarioTest.onlineShare(crashOnly, 140, 150) < 0.6);
  }

  @Test
  void megaSupernodesAndControlledReadmissionRestoreTheService() {
    // The dormant mega-supernodes take entity ids, so the runs differ in detail, not in kind.
    double down = Ddos2017ScenarioTest.onlineShare(recovered, 80, 90);
    assertTrue(down < 0.6, "the same cascade before the recovery: " + down);
    double late = Ddos2017ScenarioTest.onlineShare(recovered, 140, 150);
    assertTrue(late > 0.9, "recovered: " + late);
    assertTrue(Ddos2017ScenarioTest.total(recovered, "login_throttled", 90, 150)
        + Ddos2017ScenarioTest.total(recovered, "login_failures", 90, 150) > 0, "re-admission was throttled");
  }

  @Test
  void supernodesThatStayUpUnderOverloadHoldTheOverlay() {
    double during = Ddos2017ScenarioTest.onlineShare(defended, 75, 150);
    double undefended = Ddos2017ScenarioTest.onlineShare(crashOnly, 75, 150);
    assertTrue(during > 0.8, "defended online share " + during);
    assertTrue(during > undefended + 0.3, "defended " + during + " vs undefended " + undefended);
    assertTrue(min(defended, "supernodes", 75, 150) >= 14, "no supernode lost for good");
  }
}
