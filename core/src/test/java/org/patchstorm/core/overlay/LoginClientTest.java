package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.LoginClient.Outcome;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;

class LoginClientTest {

  /** Immediate retries, no client-side throttle, five attempts. */
  private final OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty());
  private final OverlayWorld world = new OverlayWorld(params, 7);
  private final int id = world.firstPeer() + 9;
  private final LoginClient login = new LoginClient(PeerIdentity.of(world, id));
  private final FakeContext ctx = new FakeContext(id, 2);

  private int lastAttempt() {
    var requests = ctx.sentOfType(LoginRequest.class);
    return requests.get(requests.size() - 1).attempt();
  }

  @Test
  void eachTimeOutRetriesAtOnceUntilTheUserGivesUp() {
    int limit = params.login().giveUpAfter();
    Outcome outcome = login.begin(ctx, params, 1);
    for (int i = 1; i < limit; i++) {
      assertEquals(Outcome.PENDING, outcome);
      outcome = login.onTimeout(ctx, params, lastAttempt(), 1);
    }
    assertEquals(Outcome.PENDING, outcome);
    assertEquals(Outcome.GAVE_UP, login.onTimeout(ctx, params, lastAttempt(), 1));
    assertEquals(limit, ctx.sentOfType(LoginRequest.class).size());
    assertEquals(limit - 1, ctx.counter(OverlayMetrics.RETRIES));
    assertEquals(limit, ctx.counter(OverlayMetrics.LOGIN_TIMEOUTS));
    ctx.sent.forEach(s -> assertTrue(s.target() < world.loginServers(), "to a login server"));
  }

  @Test
  void aReplyToTheCurrentAttemptSucceedsAndAnEarlierOneIsIgnored() {
    ctx.now = 1_000_000;
    login.begin(ctx, params, 1);
    login.onTimeout(ctx, params, 1, 1);
    assertEquals(2, lastAttempt());
    ctx.now += 40_000;
    assertEquals(Outcome.PENDING, login.onReply(ctx, params, new LoginReply(0, 1, true), 1));
    assertEquals(0, ctx.counter(OverlayMetrics.LOGIN_SUCCESSES));
    assertEquals(Outcome.SUCCEEDED, login.onReply(ctx, params, new LoginReply(0, 2, true), 1));
    assertEquals(1, ctx.counter(OverlayMetrics.LOGIN_SUCCESSES));
    assertEquals(40_000L, ctx.histograms.get(OverlayMetrics.LOGIN_LATENCY).get(0));
  }

  @Test
  void aCancelledLoginIgnoresItsReplyAndItsTimeOut() {
    login.begin(ctx, params, 1);
    login.cancel();
    assertEquals(Outcome.PENDING, login.onReply(ctx, params, new LoginReply(0, 1, true), 1));
    assertEquals(Outcome.PENDING, login.onTimeout(ctx, params, 1, 1));
    assertEquals(0, ctx.counter(OverlayMetrics.LOGIN_SUCCESSES));
    assertEquals(0, ctx.counter(OverlayMetrics.LOGIN_TIMEOUTS));
  }

  @Test
  void aRejectedLoginCountsAFailureAndRetries() {
    login.begin(ctx, params, 1);
    assertEquals(Outcome.PENDING, login.onReply(ctx, params, new LoginReply(0, 1, false), 1));
    assertEquals(1, ctx.counter(OverlayMetrics.LOGIN_FAILURES));
    assertEquals(2, lastAttempt(), "immediate policy: the next attempt left at once");
  }
}
