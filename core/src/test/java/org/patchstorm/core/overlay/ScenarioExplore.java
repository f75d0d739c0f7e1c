package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/** Prints a scenario's series for calibration (not a test). */
public final class ScenarioExplore {
  static final java.util.TreeMap<String, Long> BY_TYPE = new java.util.TreeMap<>();
  static final class CountingEntity implements org.patchstorm.core.engine.Entity, org.patchstorm.core.engine.Sampled {
    final org.patchstorm.core.engine.Entity e;
    final long[] events;
    CountingEntity(org.patchstorm.core.engine.Entity e, long[] events) { this.e = e; this.events = events; }
    public void start(org.patchstorm.core.engine.EntityContext c) { e.start(c); }
    public void receive(org.patchstorm.core.engine.EntityContext c, Object m) {
      events[0]++;
      String k = m instanceof OverlayMessage.Timer t ? "Timer" + t.kind() : m.getClass().getSimpleName();
      BY_TYPE.merge(k, 1L, Long::sum);
      e.receive(c, m);
    }
    public void sample(org.patchstorm.core.metrics.MetricsSink s) { ((org.patchstorm.core.engine.Sampled) e).sample(s); }
  }

  public static void main(String[] args) {
    int peers = Integer.parseInt(args[1]);
    double hours = Double.parseDouble(args[2]);
    OverlayParams p = switch (args[0]) {
      case "baseline" -> OverlayScenarios.baseline(peers);
      case "flawed" -> OverlayScenarios.skype2007(peers);
      default -> OverlayScenarios.skype2007Fixed(peers);
    };
    if (System.getProperty("share") != null) {
      p = p.withHealing(p.healing().withInitialShare(Double.parseDouble(System.getProperty("share"))));
    }
    long t0 = System.nanoTime();
    OverlayModel inner = OverlayModel.create(p, 42);
    long[] events = new long[1];
    org.patchstorm.core.engine.Model counting = new org.patchstorm.core.engine.Model() {
      public int entityCount() { return inner.entityCount(); }
      public long lookaheadMicros() { return inner.lookaheadMicros(); }
      public org.patchstorm.core.metrics.MetricsSchema schema() { return inner.schema(); }
      public org.patchstorm.core.engine.PayloadCodec codec() { return inner.codec(); }
      public org.patchstorm.core.engine.EntityFactory factory() {
        return (id, r) -> {
          org.patchstorm.core.engine.Entity e = inner.factory().create(id, r);
          return new CountingEntity(e, events);
        };
      }
    };
    MetricsTable t = new SequentialRunner(counting, 42)
        .run((long) (hours * OverlayParams.HOUR), OverlayParams.MINUTE);
    System.out.printf("wall %.1fs events %d%n", (System.nanoTime() - t0) / 1e9, events[0]);
    System.out.println(BY_TYPE);
    List<String> cols = List.of("peers_up", "online", "connected", "supernodes", "login_attempts",
        "login_successes", "login_failures", "login_timeouts", "promotions", "sn_shutdowns", "demotions",
        "restarts", "msgs_dropped", "login_queue_max", "sn_clients_mean", "sn_clients_max", "login_latency_ms_p50", "im_delivered", "im_failed");
    int every = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    StringBuilder h = new StringBuilder("min ");
    for (String c : cols) h.append(c, 0, Math.min(8, c.length())).append(' ');
    System.out.println(h);
    int n = t.column("online").length;
    OverlayWorld w = inner.world();
    for (int hr = 0; hr <= (int) hours; hr++) {
      double exp = 0; int on0 = 0;
      for (int id = w.firstPeer(); id < w.entityCount(); id++) { exp += w.diurnal(w.region(id), hr * OverlayParams.HOUR); if (hr == 0 && w.initiallyOnline(id)) on0++; }
      System.out.printf("hour %d expected %.0f online %.0f init %d%n", hr, exp, hr == 0 ? t.column("online")[0] : t.column("online")[hr * 60 - 1], on0);
    }
    for (int r = 0; r < n; r += every) {
      StringBuilder sb = new StringBuilder(String.format("%4d ", r + 1));
      for (String c : cols) sb.append(String.format("%8.0f ", t.column(c)[r]));
      System.out.println(sb);
    }
  }
}
