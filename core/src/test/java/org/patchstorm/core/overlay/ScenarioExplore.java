package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/** Prints a scenario's series for calibration (not a test). */
public final class ScenarioExplore {
  public static void main(String[] args) {
    int peers = Integer.parseInt(args[1]);
    double hours = Double.parseDouble(args[2]);
    OverlayParams p = switch (args[0]) {
      case "baseline" -> OverlayScenarios.baseline(peers);
      case "flawed" -> OverlayScenarios.skype2007(peers);
      default -> OverlayScenarios.skype2007Fixed(peers);
    };
    long t0 = System.nanoTime();
    MetricsTable t = new SequentialRunner(OverlayModel.create(p, 42), 42)
        .run((long) (hours * OverlayParams.HOUR), OverlayParams.MINUTE);
    System.out.printf("wall %.1fs%n", (System.nanoTime() - t0) / 1e9);
    List<String> cols = List.of("peers_up", "online", "connected", "supernodes", "login_attempts",
        "login_successes", "login_failures", "login_timeouts", "promotions", "sn_shutdowns", "demotions",
        "restarts", "msgs_dropped", "login_queue_max", "sn_clients_mean", "sn_clients_max", "login_latency_ms_p50", "im_delivered", "im_failed");
    int every = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    StringBuilder h = new StringBuilder("min ");
    for (String c : cols) h.append(c, 0, Math.min(8, c.length())).append(' ');
    System.out.println(h);
    int n = t.column("online").length;
    for (int r = 0; r < n; r += every) {
      StringBuilder sb = new StringBuilder(String.format("%4d ", r + 1));
      for (String c : cols) sb.append(String.format("%8.0f ", t.column(c)[r]));
      System.out.println(sb);
    }
  }
}
