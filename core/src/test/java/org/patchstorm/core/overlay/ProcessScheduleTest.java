package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.dist.Distribution;

class ProcessScheduleTest {

  /** The 2007 protocol with a give-up pause of exactly 30 minutes. */
  private final OverlayParams params = withPause(OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty()), 1800);
  private final OverlayWorld world = new OverlayWorld(params, 7);
  private final int id = world.firstPeer() + 5;

  private static OverlayParams withPause(OverlayParams p, double seconds) {
    OverlayParams.Login l = p.login();
    return p.withLogin(new OverlayParams.Login(l.servers(), l.workers(), l.serviceTime(), l.queueCapacity(),
        l.admissionRate(), l.admissionBurst(), l.region(), l.clientTimeout(), l.retry(), l.throttle(), l.giveUpAfter(),
        Distribution.constant(seconds), l.discouragement()));
  }

  /** Begins sessions at {@code start} until one is at least {@code minLength} long; returns its length. */
  private static long beginLongSession(ProcessSchedule schedule, FakeContext ctx, OverlayParams p, long minLength) {
    for (int i = 0; i < 1000; i++) {
      long length = schedule.beginSession(ctx, p);
      if (length >= minLength) {
        return length;
      }
    }
    throw new AssertionError("no session of " + minLength + " us in 1000 draws");
  }

  @Test
  void aUserWhoGivesUpEarlyTriesAgainAfterThePauseAndKeepsTheSessionEnd() {
    ProcessSchedule schedule = new ProcessSchedule(PeerIdentity.of(world, id));
    FakeContext ctx = new FakeContext(id, 3);
    ctx.now = 10 * HOUR;
    long length = beginLongSession(schedule, ctx, params, 2 * HOUR);
    long endsAt = ctx.now + length;

    ctx.now += 10 * MINUTE; // the log-in failed for ten minutes: the user closes the client
    assertEquals(30 * MINUTE, schedule.afterGiveUp(ctx, params), "back after the pause");
    ctx.now += 30 * MINUTE;
    assertEquals(endsAt - ctx.now, schedule.beginSession(ctx, params), "the same session, to its planned end");
  }

  @Test
  void aUserWhoseSessionEndsDuringThePauseComesBackLikeAnyoneAfterASession() {
    ProcessSchedule schedule = new ProcessSchedule(PeerIdentity.of(world, id));
    FakeContext ctx = new FakeContext(id, 3);
    ctx.now = 20 * HOUR;
    long length = schedule.beginSession(ctx, params);
    long endsAt = ctx.now + length;
    ctx.now = endsAt - MINUTE; // gives up a minute before the session would have ended
    long delay = schedule.afterGiveUp(ctx, params);
    assertTrue(delay >= MINUTE, "not before the session's end: " + delay);
    // From the session's end the diurnal start process takes over: over many users the mean
    // gap is the off-line time that keeps the curve (hours at night, not the 30-minute pause).
    long sum = 0;
    int users = 400;
    for (int u = 0; u < users; u++) {
      ProcessSchedule s = new ProcessSchedule(PeerIdentity.of(world, id));
      FakeContext c = new FakeContext(id, 100 + u);
      c.now = 20 * HOUR;
      long l = s.beginSession(c, params);
      c.now += Math.max(0, l - MINUTE);
      sum += s.afterGiveUp(c, params);
    }
    assertTrue(sum / users > 2 * HOUR, "mean gap " + sum / users / 1e6 + " s");
  }

  @Test
  void aUserWhoKeepsFailingStaysAwayPastTheSessionAndComesBackAtAnOrdinaryStart() {
    int afterGiveUps = params.login().discouragement().afterGiveUps();
    assertTrue(afterGiveUps >= 2, "the 2007 users try again at least once before losing heart");
    ProcessSchedule schedule = new ProcessSchedule(PeerIdentity.of(world, id));
    FakeContext ctx = new FakeContext(id, 3);
    ctx.now = 10 * HOUR;
    long length = beginLongSession(schedule, ctx, params, 10 * HOUR);
    long endsAt = ctx.now + length;
    for (int i = 1; i < afterGiveUps; i++) {
      ctx.now += 10 * MINUTE;
      assertEquals(30 * MINUTE, schedule.afterGiveUp(ctx, params), "give-up " + i + ": back after the pause");
      ctx.now += 30 * MINUTE;
      schedule.beginSession(ctx, params);
    }
    ctx.now += 10 * MINUTE;
    long away = schedule.afterGiveUp(ctx, params);
    assertTrue(away > 30 * MINUTE, "lost heart: longer than the pause, " + away);
    ctx.now += away;
    // A fresh session, not the rest of the one given up (it would have ended at endsAt).
    boolean fresh = false;
    for (int i = 0; i < 20 && !fresh; i++) {
      fresh = ctx.now + schedule.beginSession(ctx, params) != endsAt;
    }
    assertTrue(fresh, "the session given up is not resumed");
  }

  @Test
  void signingInBetweenGiveUpsKeepsTheUsersPatience() {
    ProcessSchedule schedule = new ProcessSchedule(PeerIdentity.of(world, id));
    FakeContext ctx = new FakeContext(id, 3);
    ctx.now = 10 * HOUR;
    beginLongSession(schedule, ctx, params, 20 * HOUR);
    for (int i = 0; i < 5; i++) {
      ctx.now += 10 * MINUTE;
      assertEquals(30 * MINUTE, schedule.afterGiveUp(ctx, params), "give-up " + i + " after a sign-in");
      ctx.now += 30 * MINUTE;
      schedule.beginSession(ctx, params);
      schedule.signedIn();
    }
  }
}
