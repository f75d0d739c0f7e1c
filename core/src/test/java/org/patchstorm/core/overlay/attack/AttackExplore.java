package org.patchstorm.core.overlay.attack;

import java.util.List;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.OverlayParams;

/** Prints an attack scenario's series for calibration (not a test). */
public final class AttackExplore {
  public static void main(String[] args) {
    int peers = Integer.parseInt(args[1]);
    double hours = Double.parseDouble(args[2]);
    int bots = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    double rate = args.length > 5 ? Double.parseDouble(args[5]) : 10;
    long h = OverlayParams.HOUR;
    AttackScenarios.Scenario s = switch (args[0]) {
      case "ddos" -> AttackScenarios.ddos2017(peers, bots, rate, h, 2 * h, (long) (1.5 * h));
      case "ddos-none" -> AttackScenarios.ddos2017(peers, bots, rate, h, 2 * h, -1);
      case "ddos-def" -> AttackScenarios.ddos2017Defended(peers, bots, rate, h, 2 * h);
      case "crash" -> AttackScenarios.skype2010(peers, h, -1);
      case "crash-rec" -> AttackScenarios.skype2010(peers, h, 2 * h);
      default -> AttackScenarios.skype2010Defended(peers, h);
    };
    long t0 = System.nanoTime();
    MetricsTable t = new SequentialRunner(OverlayModel.create(s.overlay(), s.attack(), 42), 42)
        .run((long) (hours * h), OverlayParams.MINUTE);
    System.out.printf("wall %.1fs%n", (System.nanoTime() - t0) / 1e9);
    List<String> cols = List.of("peers_up", "online", "supernodes", "login_attempts", "login_successes",
        "login_failures", "login_timeouts", "login_queue_max", "login_queue_mean", "login_throttled", "login_give_ups", "attack_requests", "blocked", "legit_blocked", "rate_limited", "shed", "msgs_dropped",
        "im_delivered", "im_failed", "status_delivered", "status_failed", "search_successes", "search_failures",
        "search_latency_ms_p99");
    int every = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    StringBuilder hd = new StringBuilder("min ");
    for (String c : cols) hd.append(String.format("%8s ", c.substring(Math.max(0, c.length() - 8))));
    System.out.println(hd);
    int n = t.column("online").length;
    for (int r = 0; r < n; r += every) {
      StringBuilder sb = new StringBuilder(String.format("%4d ", r + 1));
      for (String c : cols) sb.append(String.format("%8.0f ", t.column(c)[r]));
      System.out.println(sb);
    }
  }
}
