package org.patchstorm.core.overlay.defence;

import java.util.random.RandomGenerator;

/**
 * The defences of one server (a login server or a supernode) in the order a real front end
 * applies them: blocked sources first (dropped silently), then the per-source rate limit
 * (refused cheaply), then admission control on the queue (shed early). One guard per server
 * entity; its state is created lazily, so servers that never see a defence pay nothing.
 */
public final class ServerGuard {

  /** What to do with a request. */
  public enum Verdict {
    /** Serve it (queue it). */
    PASS,
    /** Drop it silently: the source is blocked. */
    BLOCKED,
    /** Refuse it cheaply: the source is over its rate. */
    RATE_LIMITED,
    /** Refuse it cheaply: the queue is past the admission threshold. */
    SHED
  }

  private final boolean login;
  private SourceRateLimiter limiter;
  private SourceBlocker blocker;

  private ServerGuard(boolean login) {
    this.login = login;
  }

  public static ServerGuard forLoginServer() {
    return new ServerGuard(true);
  }

  public static ServerGuard forSupernode() {
    return new ServerGuard(false);
  }

  /**
   * The verdict on a request from {@code source} arriving at {@code now} while the server's
   * queue holds {@code queued} of {@code capacity}.
   */
  public Verdict check(int source, boolean bot, long now, double queued, double capacity, Defences d,
      RandomGenerator random) {
    Defences.Blocking b = d.blocking();
    if (b.enabled() && covers(b.scope())) {
      if (blocker == null) {
        blocker = new SourceBlocker();
      }
      if (blocker.drop(source, bot, now, b, random)) {
        return Verdict.BLOCKED;
      }
    }
    Defences.RateLimit r = d.rateLimit();
    if (r.enabled() && covers(r.scope())) {
      if (limiter == null) {
        limiter = new SourceRateLimiter();
      }
      if (!limiter.tryAcquire(source, now, r.perSecond(), r.burst())) {
        return Verdict.RATE_LIMITED;
      }
    }
    Defences.Admission a = d.admission();
    if (a.enabled() && covers(a.scope()) && !a.admits(queued, capacity)) {
      return Verdict.SHED;
    }
    return Verdict.PASS;
  }

  private boolean covers(Scope scope) {
    return login ? scope.coversLogin() : scope.coversSupernodes();
  }
}
