package org.patchstorm.core.overlay.attack;

import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;

/** Prints attack size vs service metrics, undefended and defended (not a test). */
public final class AttackTable {
  public static void main(String[] args) {
    int peers = 1500;
    System.out.println("bots | defended | online share 70-150 | login ok 70-150 | IM ok | status ok | search ok");
    for (int bots : new int[] {2, 5, 15, 45}) {
      for (boolean def : new boolean[] {false, true}) {
        AttackScenarios.Scenario s = def ? AttackScenarios.ddos2017Defended(peers, bots, 10, HOUR, 3 * HOUR)
            : AttackScenarios.ddos2017(peers, bots, 10, HOUR, 3 * HOUR, -1);
        MetricsTable t = new SequentialRunner(OverlayModel.create(s.overlay(), s.attack(), 7), 7).run(150 * MINUTE, MINUTE);
        System.out.printf("%d | %s | %.3f | %.0f | %.3f | %.3f | %.3f%n", bots, def,
            Ddos2017ScenarioTest.onlineShare(t, 70, 150), Ddos2017ScenarioTest.total(t, "login_successes", 70, 150),
            ratio(t, "im_delivered", "im_failed"), ratio(t, "status_delivered", "status_failed"),
            ratio(t, "search_successes", "search_failures"));
      }
    }
  }

  static double ratio(MetricsTable t, String ok, String bad) {
    double a = Ddos2017ScenarioTest.total(t, ok, 70, 150);
    double b = Ddos2017ScenarioTest.total(t, bad, 70, 150);
    return a / (a + b);
  }
}
