package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;

/**
 * The client's side of logging in: one attempt at a time to a random login server, a time-out
 * per attempt, retries by the retry policy, the client-side throttle, and giving up after the
 * configured number of attempts. Timers carry the session's link generation, so a log-in of a
 * link the peer has left is ignored.
 */
final class LoginClient {

  /** Where a log-in stands after an event. */
  enum Outcome {
    /** Waiting for a reply or a retry. */
    PENDING,
    /** Logged in. */
    SUCCEEDED,
    /** Out of attempts: the user gives up. */
    GAVE_UP
  }

  /** Locally throttled log-ins wait at least this long, so an immediate policy cannot spin. */
  static final long THROTTLED_RETRY_FLOOR = OverlayParams.SECOND;

  private final PeerIdentity self;
  private int attempt;
  private boolean awaiting;
  private long sentAt;
  private long prevDelay;
  private double throttleRequests;
  private double throttleAccepts;
  private long throttleAt;

  LoginClient(PeerIdentity self) {
    this.self = self;
  }

  /** A fresh log-in on link {@code linkGen}: the first attempt leaves now. */
  Outcome begin(EntityContext ctx, OverlayParams p, int linkGen) {
    attempt = 0;
    prevDelay = 0;
    return send(ctx, p, linkGen);
  }

  /** The next attempt, unless the client-side throttle refuses it. */
  Outcome send(EntityContext ctx, OverlayParams p, int linkGen) {
    OverlayParams.Login l = p.login();
    attempt++;
    if (attempt > 1) {
      ctx.metrics().add(OverlayMetrics.RETRIES, 1);
    }
    double decay = l.throttle().decay(ctx.now() - throttleAt);
    throttleRequests *= decay;
    throttleAccepts *= decay;
    throttleAt = ctx.now();
    double reject = l.throttle().rejectProbability(throttleRequests, throttleAccepts);
    throttleRequests += 1;
    if (reject > 0 && ctx.random().nextDouble() < reject) {
      ctx.metrics().add(OverlayMetrics.LOGIN_THROTTLED, 1);
      return failed(ctx, p, true, linkGen);
    }
    int server = ctx.random().nextInt(self.world().loginServers());
    ctx.metrics().add(OverlayMetrics.LOGIN_ATTEMPTS, 1);
    awaiting = true;
    sentAt = ctx.now();
    ctx.send(server, new LoginRequest(self.id(), attempt), self.latency(ctx, server));
    ctx.schedule(l.clientTimeout(), PeerTimer.LOGIN_TIMEOUT.timer(linkGen, attempt));
    return Outcome.PENDING;
  }

  /** The time-out of attempt {@code timedOut}; nothing if that attempt is no longer awaited. */
  Outcome onTimeout(EntityContext ctx, OverlayParams p, int timedOut, int linkGen) {
    if (!awaiting || timedOut != attempt) {
      return Outcome.PENDING;
    }
    awaiting = false;
    ctx.metrics().add(OverlayMetrics.LOGIN_TIMEOUTS, 1);
    return failed(ctx, p, false, linkGen);
  }

  Outcome onReply(EntityContext ctx, OverlayParams p, LoginReply r, int linkGen) {
    if (!awaiting || r.attempt() != attempt) {
      return Outcome.PENDING; // the client gave up on this attempt: the server's work was wasted
    }
    awaiting = false;
    if (r.ok()) {
      throttleAccepts += 1;
      ctx.metrics().add(OverlayMetrics.LOGIN_SUCCESSES, 1);
      ctx.metrics().record(OverlayMetrics.LOGIN_LATENCY, ctx.now() - sentAt);
      return Outcome.SUCCEEDED;
    }
    ctx.metrics().add(OverlayMetrics.LOGIN_FAILURES, 1);
    return failed(ctx, p, false, linkGen);
  }

  /** The link is gone: a reply still on its way no longer counts. */
  void cancel() {
    awaiting = false;
  }

  private Outcome failed(EntityContext ctx, OverlayParams p, boolean throttled, int linkGen) {
    OverlayParams.Login l = p.login();
    if (attempt >= l.giveUpAfter()) {
      return Outcome.GAVE_UP;
    }
    long delay = l.retry().nextDelay(attempt, prevDelay, ctx.random());
    if (throttled) {
      delay = Math.max(delay, THROTTLED_RETRY_FLOOR);
    }
    prevDelay = delay;
    if (delay == 0) {
      return send(ctx, p, linkGen); // no timer for an immediate retry: one event less per attempt
    }
    ctx.schedule(delay, PeerTimer.LOGIN_RETRY.timer(linkGen));
    return Outcome.PENDING;
  }
}
