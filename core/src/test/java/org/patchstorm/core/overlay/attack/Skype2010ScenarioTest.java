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
 * The 2010 crash cascade at small scale (1,500 peers, about 455 on line at night): the affected
 * clients crash from 45 min on; the recovery (mega-supernodes, throttled log-ins) comes at 100
 * min, after the cascade.
 *
 * <p>Expected values by hand: the overlay starts with 0.5% of 1,500 = 7-8 peer supernodes plus 7
 * bootstrap ones (15). The bootstrap supernodes hold 2,000 x 1.5% = 30 clients each, 210 in all,
 * so when every peer supernode has quit, at most ~210 of the ~455 peers can be on line (0.46 of
 * before). A quit supernode waits out a two-hour cool-down, so without the recovery the overlay
 * stays down to the end of the run. Two mega-supernodes of 4,000 clients hold everyone, but users
 * who gave up come back only after their pause (mean 1 h) and log-ins are throttled, so the
 * recovery is gradual. Peers that give up close their client, so connectivity is measured as
 * the number on line against the number before the crash, not against the peers up.
 */
class Skype2010ScenarioTest {

  static final int PEERS = 1500;
  static final int END = 170;
  static MetricsTable crashOnly;
  static MetricsTable recovered;
  static MetricsTable defended;

  @BeforeAll
  static void run() {
    crashOnly = run(AttackScenarios.skype2010(PEERS, 45 * MINUTE, -1));
    recovered = run(AttackScenarios.skype2010(PEERS, 45 * MINUTE, 100 * MINUTE));
    defended = run(AttackScenarios.skype2010Defended(PEERS, 45 * MINUTE));
  }

  private static MetricsTable run(AttackScenarios.Scenario s) {
    return new SequentialRunner(OverlayModel.create(s.overlay(), s.attack(), 7), 7).run(END * MINUTE, MINUTE);
  }

  static double min(MetricsTable t, String column, int from, int to) {
    double m = Double.MAX_VALUE;
    for (int i = from; i < to; i++) {
      m = Math.min(m, t.column(column)[i]);
    }
    return m;
  }

  /** Mean number on line over rows [from, to), relative to rows 25-45 (before the crash). */
  static double online(MetricsTable t, int from, int to) {
    return Ddos2017ScenarioTest.total(t, "online", from, to) / (to - from)
        / (Ddos2017ScenarioTest.total(t, "online", 25, 45) / 20);
  }

  @Test
  void theCrashCascadesThroughTheSupernodes() {
    double normal = min(crashOnly, "supernodes", 25, 45);
    double during = min(crashOnly, "supernodes", 90, 100);
    assertTrue(normal >= 14, "7 bootstrap + ~7.5 peer supernodes before the crash: " + normal);
    assertTrue(during <= 0.75 * normal, "at least a quarter of the supernodes lost: " + normal + " -> " + during);
    assertTrue(Ddos2017ScenarioTest.total(crashOnly, "sn_shutdowns", 45, 100) >= 3,
        "overloaded supernodes shut themselves down");
    assertTrue(Ddos2017ScenarioTest.onlineShare(crashOnly, 25, 45) > 0.95, "steady before the crash");
    double down = online(crashOnly, 95, 100);
    assertTrue(down < 0.6, "only the bootstrap supernodes' ~210 clients stay on line: " + down);
    // The cool-down keeps quit supernodes out: without the recovery it stays down.
    assertTrue(online(crashOnly, 155, END) < 0.6, "still down: " + online(crashOnly, 155, END));
  }

  @Test
  void megaSupernodesAndControlledReadmissionRestoreTheService() {
    // The dormant mega-supernodes take entity ids, so the runs differ in detail, not in kind.
    double down = online(recovered, 92, 100);
    assertTrue(down < 0.6, "the same cascade before the recovery: " + down);
    double late = online(recovered, 155, END);
    assertTrue(late > 0.7, "recovered: " + late);
    assertTrue(late > online(crashOnly, 155, END) + 0.25, "recovered " + late + " vs " + online(crashOnly, 155, END));
    assertTrue(min(recovered, "supernodes", 105, END) < 15, "the overlay runs on the mega-supernodes, not on"
        + " promoted peers, while the quit supernodes cool down");
  }

  @Test
  void supernodesThatStayUpUnderOverloadHoldTheOverlay() {
    double during = online(defended, 60, END);
    double undefended = online(crashOnly, 90, END);
    assertTrue(during > 0.8, "defended " + during);
    assertTrue(online(defended, 90, END) > undefended + 0.3, "defended " + during + " vs undefended " + undefended);
    assertTrue(min(defended, "supernodes", 45, END) >= 0.75 * min(defended, "supernodes", 25, 45),
        "no cascade: fewer than a quarter of the supernodes lost");
  }
}
