package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.AttackScenarios;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;

/**
 * The 2017 DDoS at small scale (1,500 peers, 15 bots at 10 log-ins/s each against a log-in
 * capacity under 1/s): the flood starts at 60 min and lasts past the end; the mitigation
 * switches on limits, blocking (10 min detection delay) and admission control at 90 min.
 */
class Ddos2017ScenarioTest {

  static final int PEERS = 1500;
  static MetricsTable undefended;
  static MetricsTable mitigated;
  static MetricsTable defended;

  @BeforeAll
  static void run() {
    undefended = run(AttackScenarios.ddos2017(PEERS, 15, 10, HOUR, 3 * HOUR, -1));
    mitigated = run(AttackScenarios.ddos2017(PEERS, 15, 10, HOUR, 3 * HOUR, 90 * MINUTE));
    defended = run(AttackScenarios.ddos2017Defended(PEERS, 15, 10, HOUR, 3 * HOUR));
  }

  private static MetricsTable run(AttackScenarios.Scenario s) {
    return new SequentialRunner(OverlayModel.create(s.overlay(), s.attack(), 7), 7)
        .run(210 * MINUTE, MINUTE);
  }

  /** Mean of online / peers_up over report rows [from, to) (row i covers minute i). */
  static double onlineShare(MetricsTable t, int from, int to) {
    double[] online = t.column("online");
    double[] up = t.column("peers_up");
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += online[i] / up[i];
    }
    return sum / (to - from);
  }

  static double total(MetricsTable t, String column, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += t.column(column)[i];
    }
    return sum;
  }

  /** Mean number on line over rows [from, to), relative to rows 40-60 (before the attack). */
  static double online(MetricsTable t, int from, int to) {
    return total(t, "online", from, to) / (to - from) / (total(t, "online", 40, 60) / 20);
  }

  /*
   * Peers that fail to log in give up and close their client, so connectivity is the number on
   * line against before the attack (or against the defended run, which has the same demand),
   * not the share of peers up. The night-time diurnal curve lowers demand by ~10% over the run.
   */

  @Test
  void theFloodCutsConnectivityAndLogIns() {
    assertTrue(onlineShare(undefended, 40, 60) > 0.95, "steady state before the attack");
    double during = online(undefended, 80, 90);
    double late = online(undefended, 130, 150);
    assertTrue(during < 0.9, "on line 20 min into the flood, against before: " + during);
    assertTrue(late < 0.7, "and falling while the flood goes on: " + late);
    assertTrue(total(undefended, "login_successes", 70, 90) < 0.2 * total(undefended, "login_successes", 30, 60),
        "log-ins mostly fail during the flood");
    assertTrue(total(undefended, "attack_requests", 70, 90) > 100_000, "15 bots x 10/s x 20 min = 180,000");
  }

  @Test
  void theMitigationRestoresConnectivityWhileTheAttackGoesOn() {
    double late = online(mitigated, 130, 150);
    assertTrue(late > online(undefended, 130, 150) + 0.2, "mitigated " + late + " vs undefended "
        + online(undefended, 130, 150));
    // Users who gave up during the flood try again after their pause (1 h on average), so the
    // level of the defended run is reached an hour or two after the mitigation.
    double later = online(mitigated, 190, 210);
    assertTrue(later > 0.93 * online(defended, 190, 210), "back to the defended run's level: " + later
        + " vs " + online(defended, 190, 210));
    assertTrue(total(mitigated, "login_successes", 130, 150) > 0.5 * total(mitigated, "login_successes", 30, 60),
        "log-ins succeed again");
    assertTrue(total(mitigated, "blocked", 130, 150) > 0.9 * total(mitigated, "attack_requests", 130, 150),
        "bots blocked after detection");
  }

  @Test
  void defencesFromTheStartHoldThroughTheAttack() {
    double during = online(defended, 70, 150);
    double duringUndefended = online(undefended, 70, 150);
    assertTrue(during > 0.85, "defended " + during);
    assertTrue(during > duringUndefended + 0.15, "defended " + during + " vs undefended " + duringUndefended);
    assertTrue(total(defended, "legit_blocked", 0, 150) < 0.01 * total(defended, "login_attempts", 0, 150) + 5,
        "few false positives");
  }
}
