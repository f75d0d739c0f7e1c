package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.defence.ServerGuard;

/**
 * How every server (a login server, a supernode) puts a request through its defences: the
 * guard's verdict, counted the same way everywhere (blocked, of those legitimate users, rate
 * limited, shed). What a refusal then costs is the server's own business.
 */
final class Gatekeeper {

  private Gatekeeper() {}

  /** The verdict on a request from {@code source} at a server whose queue holds {@code queued} of {@code capacity}. */
  static ServerGuard.Verdict judge(EntityContext ctx, OverlayWorld world, ServerGuard guard, int source,
      double queued, double capacity, Defences defences) {
    boolean bot = world.isAttacker(source);
    ServerGuard.Verdict v = guard.check(source, bot, ctx.now(), queued, capacity, defences, ctx.random());
    switch (v) {
      case PASS -> { }
      case BLOCKED -> {
        ctx.metrics().add(OverlayMetrics.BLOCKED, 1);
        if (!bot) {
          ctx.metrics().add(OverlayMetrics.LEGIT_BLOCKED, 1);
        }
      }
      case RATE_LIMITED -> ctx.metrics().add(OverlayMetrics.RATE_LIMITED, 1);
      case SHED -> ctx.metrics().add(OverlayMetrics.SHED, 1);
    }
    return v;
  }
}
