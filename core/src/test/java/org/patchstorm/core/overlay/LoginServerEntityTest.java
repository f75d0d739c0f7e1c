package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.dist.Distribution;

class LoginServerEntityTest {

  /** One server, one worker, 1 s constant service, a queue of two. */
  private static OverlayWorld world(double admissionRate) {
    return world(admissionRate, OverlayParams.defaults().login().admissionBurst(), 2);
  }

  private static OverlayWorld world(double admissionRate, long admissionBurst, int queue) {
    OverlayParams d = OverlayParams.defaults().withPeers(100);
    OverlayParams.Login l = d.login();
    return new OverlayWorld(d.withLogin(new OverlayParams.Login(1, 1, Distribution.constant(1.0), queue,
        admissionRate, admissionBurst, l.region(), l.clientTimeout(), l.retry(), l.throttle(), l.giveUpAfter(),
        l.giveUpPause(), l.discouragement())), 1);
  }

  @Test
  void servesOneAtATimeQueuesTwoAndRejectsTheRest() {
    LoginServerEntity server = new LoginServerEntity(world(0));
    FakeContext ctx = new FakeContext(0, 1);
    server.start(ctx);
    for (int client = 100; client < 104; client++) {
      server.receive(ctx, new LoginRequest(client, 1));
    }
    // First in service (one timer of exactly 1 s), two queued, the fourth rejected at once.
    assertEquals(1, ctx.scheduled.size());
    assertEquals(1_000_000L, ctx.scheduled.get(0).delay());
    assertEquals(2, server.queueLength());
    assertEquals(1, ctx.sent.size());
    assertEquals(103, ctx.sent.get(0).target());
    assertFalse(((LoginReply) ctx.sent.get(0).message()).ok());

    // Service done after 1 s: client 100 gets OK, client 101 starts and waited 1 s.
    ctx.clear();
    ctx.now = 1_000_000L;
    server.receive(ctx, (Timer) new Timer(LoginServerEntity.SERVICE_DONE, 100, 1));
    assertEquals(100, ctx.sent.get(0).target());
    assertTrue(((LoginReply) ctx.sent.get(0).message()).ok());
    assertEquals(1, server.queueLength());
    assertEquals(1, server.busyWorkers());
    assertEquals(new Timer(LoginServerEntity.SERVICE_DONE, 101, 1), ctx.scheduled.get(0).message());
    assertEquals(1_000_000L, ctx.histograms.get(OverlayMetrics.LOGIN_QUEUE_WAIT).get(1)); // [0] is client 100, served at once
  }

  @Test
  void admissionLimitRejectsBeyondTheTokenBucket() {
    // 2 log-ins/s over one server: a burst of 2 passes, the third is rejected at once.
    LoginServerEntity server = new LoginServerEntity(world(2));
    FakeContext ctx = new FakeContext(0, 1);
    server.start(ctx);
    server.receive(ctx, new LoginRequest(100, 1));
    server.receive(ctx, new LoginRequest(101, 1));
    server.receive(ctx, new LoginRequest(102, 1));
    assertEquals(1, ctx.sentOfType(LoginReply.class).size());
    assertEquals(102, ctx.sent.get(0).target());
    // Half a second later one token is back.
    ctx.now = 500_000L;
    server.receive(ctx, new LoginRequest(103, 1));
    assertEquals(1, ctx.sentOfType(LoginReply.class).size());
    assertEquals(2, server.queueLength());
  }

  @Test
  void theBucketSavesUpTheAdmissionBurstsWorthOfTheRate() {
    // 0.5 log-ins/s: a second's worth holds one log-in (the least a bucket holds), so two
    // arriving together after a quiet spell lose one; a minute's worth admits 30 at once and
    // refuses the 31st.
    for (long burstSeconds : new long[] {1, 60}) {
      LoginServerEntity server = new LoginServerEntity(world(0.5, burstSeconds * OverlayParams.SECOND, 100));
      FakeContext ctx = new FakeContext(0, 1);
      server.start(ctx);
      ctx.now = 3_600_000_000L; // an hour of quiet: the bucket is full
      int admitted = Math.max(1, (int) (0.5 * burstSeconds));
      for (int client = 100; client <= 100 + admitted; client++) {
        server.receive(ctx, new LoginRequest(client, 1));
      }
      assertEquals(1, ctx.sentOfType(LoginReply.class).size(), burstSeconds + " s: one refused");
      assertEquals(100 + admitted, ctx.sent.get(0).target(), burstSeconds + " s: the one past the burst");
    }
  }
}
