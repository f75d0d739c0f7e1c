package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.crash.WarmUp;

class PeerEntityTest {

  /**
   * The 2007 protocol (first answer wins, immediate retries), no timeline; every request a full
   * handshake (the rounds' probes have tests of their own in ClientSessionTest and
   * SupernodeRoleTest).
   */
  private final OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty()).withProbeCost(0);
  private final OverlayWorld world = new OverlayWorld(params, 7);

  /** A peer that is off at time 0 and not an initial supernode. */
  private int offlinePeer() {
    for (int id = world.firstPeer(); id < world.entityCount(); id++) {
      if (!world.initiallyOnline(id) && !world.eligible(id)) {
        return id;
      }
    }
    throw new AssertionError("no offline peer");
  }

  private Timer timer(FakeContext ctx, int kind) {
    for (FakeContext.Scheduled s : ctx.scheduled) {
      if (s.message() instanceof Timer t && t.kind() == kind) {
        return t;
      }
    }
    throw new AssertionError("no timer of kind " + kind + " in " + ctx.scheduled);
  }

  /** Starts the peer's session and returns the context right after its connect requests. */
  private FakeContext startSession(PeerEntity peer, int id) {
    FakeContext ctx = new FakeContext(id, 3);
    peer.start(ctx);
    Timer start = timer(ctx, PeerTimer.SESSION_START.code);
    ctx.clear();
    ctx.now = 1_000_000L;
    peer.receive(ctx, start);
    return ctx;
  }

  @Test
  void startsASessionByTryingSeveralCachedSupernodesThenLogsIn() {
    int id = offlinePeer();
    PeerEntity peer = new PeerEntity(world, id);
    FakeContext ctx = startSession(peer, id);
    List<ConnectRequest> requests = ctx.sentOfType(ConnectRequest.class);
    assertEquals(params.client().parallelConnects(), requests.size());
    assertEquals(1, ctx.counter(OverlayMetrics.PEERS_UP));
    int sn = ctx.sent.get(0).target();
    assertTrue(java.util.Arrays.binarySearch(world.initialSupernodes(), sn) >= 0);

    // The first acceptance wins (2007 healing is not load-aware) and the log-in starts.
    ctx.clear();
    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.ACCEPTED, 10, new int[0]));
    assertEquals(sn, peer.supernode());
    assertEquals(1, ctx.counter(OverlayMetrics.CONNECTED));
    LoginRequest login = ctx.sentOfType(LoginRequest.class).get(0);
    assertTrue(ctx.sent.get(0).target() < world.loginServers());
    assertEquals(1, ctx.counter(OverlayMetrics.LOGIN_ATTEMPTS));

    // A later acceptance from another supernode is released.
    ctx.clear();
    peer.receive(ctx, new ConnectReply(world.firstBootstrap(), OverlayMessage.ACCEPTED, 1, new int[0]));
    assertEquals(new Disconnect(id), ctx.sent.get(0).message());
    assertEquals(world.firstBootstrap(), ctx.sent.get(0).target());

    ctx.clear();
    ctx.now += 50_000;
    peer.receive(ctx, new LoginReply(0, login.attempt(), true));
    assertEquals(ClientSession.State.ONLINE, peer.state());
    assertEquals(1, ctx.counter(OverlayMetrics.ONLINE));
    assertEquals(1, ctx.counter(OverlayMetrics.LOGIN_SUCCESSES));
  }

  @Test
  void loginTimeoutRetriesAtOnceWithTheImmediatePolicyAndIgnoresTheLateReply() {
    int id = offlinePeer();
    PeerEntity peer = new PeerEntity(world, id);
    FakeContext ctx = startSession(peer, id);
    int sn = ctx.sent.get(0).target();
    ctx.clear();
    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.ACCEPTED, 10, new int[0]));
    Timer timeout = timer(ctx, PeerTimer.LOGIN_TIMEOUT.code);
    ctx.clear();
    ctx.now += params.login().clientTimeout();
    peer.receive(ctx, timeout);
    assertEquals(1, ctx.counter(OverlayMetrics.LOGIN_TIMEOUTS));
    // Immediate: attempt 2 leaves at once, with a fresh time-out, and no retry timer.
    assertEquals(2, ctx.sentOfType(LoginRequest.class).get(0).attempt());
    assertEquals(List.of(new FakeContext.Scheduled(params.login().clientTimeout(),
        PeerTimer.LOGIN_TIMEOUT.timer(peer.linkGenForTest(), 2))), ctx.scheduled);
    assertEquals(1, ctx.counter(OverlayMetrics.RETRIES));
    // The server finally answers attempt 1: the client no longer waits for it.
    peer.receive(ctx, new LoginReply(0, 1, true));
    assertEquals(ClientSession.State.AUTHENTICATING, peer.state());
    assertEquals(0, ctx.counter(OverlayMetrics.LOGIN_SUCCESSES));
  }

  private PeerEntity onlinePeer(FakeContext[] out) {
    int id = offlinePeer();
    PeerEntity peer = new PeerEntity(world, id);
    FakeContext ctx = startSession(peer, id);
    int sn = ctx.sent.get(0).target();
    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.ACCEPTED, 10, new int[0]));
    LoginRequest login = ctx.sentOfType(LoginRequest.class).get(0);
    ctx.clear();
    peer.receive(ctx, new LoginReply(0, login.attempt(), true));
    ctx.clear();
    out[0] = ctx;
    return peer;
  }

  @Test
  void supernodeGoodbyeIsNoticedAtOnceAndTheClientReconnects() {
    FakeContext[] c = new FakeContext[1];
    PeerEntity peer = onlinePeer(c);
    FakeContext ctx = c[0];
    int sn = peer.supernode();
    peer.receive(ctx, new SupernodeGone(sn));
    assertEquals(ClientSession.State.CONNECTING, peer.state());
    assertEquals(0, ctx.counter(OverlayMetrics.ONLINE));
    assertEquals(0, ctx.counter(OverlayMetrics.CONNECTED));
    // As many of the remaining cached supernodes as it may try in parallel.
    int remaining = world.initialSupernodes().length - 1;
    assertEquals(Math.min(params.client().parallelConnects(), remaining), ctx.sentOfType(ConnectRequest.class).size());
    // The departed supernode is not among the new targets.
    ctx.sent.forEach(s -> assertTrue(s.target() != sn));
  }

  @Test
  void crashedSupernodeIsNoticedAfterMissedKeepAlives() {
    FakeContext[] c = new FakeContext[1];
    PeerEntity peer = onlinePeer(c);
    FakeContext ctx = c[0];
    int sn = peer.supernode();
    long linkedAt = ctx.now;
    long window = params.client().missedKeepAlives() * params.client().keepAliveInterval();
    // One keep-alive half-way through keeps the link alive past the first watchdog.
    ctx.now = linkedAt + window / 2;
    peer.receive(ctx, new KeepAlive(sn, 10, false, new int[0]));
    ctx.now = linkedAt + window;
    peer.receive(ctx, PeerTimer.WATCHDOG.timer(peer.linkGenForTest(), 0));
    assertEquals(sn, peer.supernode());
    // Then silence: the re-armed watchdog fires at lastHeard + window and the link is dropped.
    FakeContext.Scheduled rearm = ctx.scheduled.get(ctx.scheduled.size() - 1);
    assertEquals(window / 2, rearm.delay());
    ctx.now += rearm.delay();
    peer.receive(ctx, rearm.message());
    assertEquals(-1, peer.supernode());
    assertEquals(ClientSession.State.CONNECTING, peer.state());
  }

  @Test
  void supernodeAcceptsUpToItsLimitAndDropsWorkBeyondItsQueue() {
    int sn = world.initialSupernodes()[0];
    PeerEntity peer = new PeerEntity(world, sn);
    FakeContext ctx = new FakeContext(sn, 5);
    peer.start(ctx);
    assertTrue(peer.isSupernode());
    int initial = peer.clientCount();
    assertEquals(world.initialClientsOf(sn).length, initial);
    ctx.clear();
    // Queue of 100 units, connects cost 5: at most 20 connects fit at one instant.
    for (int i = 0; i < 30; i++) {
      peer.receive(ctx, new ConnectRequest(world.firstPeer() + 1000 + i, false, false));
    }
    List<ConnectReply> replies = ctx.sentOfType(ConnectReply.class);
    assertEquals(params.supernode().queueCapacity() / params.supernode().connectCost(), replies.size());
    assertEquals(30 - replies.size(), ctx.counter(OverlayMetrics.MSGS_DROPPED));
    // Replies wait behind each other in the queue: later ones later.
    assertTrue(ctx.sent.get(replies.size() - 1).latency() > ctx.sent.get(0).latency());
  }

  @Test
  void onlySupernodesAskToBeSampledAtReportingBoundaries() {
    int id = offlinePeer();
    FakeContext plain = new FakeContext(id, 3);
    new PeerEntity(world, id).start(plain);
    assertFalse(plain.sampled, "an ordinary peer has no gauges");

    int sn = world.initialSupernodes()[0];
    FakeContext supernode = new FakeContext(sn, 3);
    new PeerEntity(world, sn).start(supernode);
    assertTrue(supernode.sampled, "a supernode reports its clients and queue");
  }

  @Test
  void aClientBackFromACrashPaysTheSyncCostAtTheSupernode() {
    // Queue of 100 units, handshake 5, sync 25 after it: three clients fit with their syncs (90),
    // a fourth handshake fits but not its sync, a fifth handshake fills the queue; the other five
    // are dropped. Ten ordinary connects (50 units) would all be answered.
    assertEquals(100, params.supernode().queueCapacity());
    assertEquals(5, params.supernode().connectCost());
    AttackParams attack = AttackParams.none().withCrash(new AttackParams.Crash(0.5, WarmUp.none(), false, 25, false));
    OverlayWorld crashWorld = new OverlayWorld(params, attack, 7);
    int sn = crashWorld.initialSupernodes()[0];
    for (boolean sync : new boolean[] {true, false}) {
      PeerEntity peer = new PeerEntity(crashWorld, sn);
      FakeContext ctx = new FakeContext(sn, 5);
      peer.start(ctx);
      ctx.clear();
      for (int i = 0; i < 10; i++) {
        peer.receive(ctx, new ConnectRequest(crashWorld.firstPeer() + 1000 + i, false, sync));
      }
      assertEquals(sync ? 5 : 10, ctx.sentOfType(ConnectReply.class).size(), "answered, sync " + sync);
      assertEquals(sync ? 7 : 0, ctx.counter(OverlayMetrics.MSGS_DROPPED), "dropped: 2 syncs, 5 handshakes");
    }
  }

  /** An eligible peer that is off at time 0, in {@code w}. */
  private static int eligibleOfflinePeer(OverlayWorld w) {
    for (int id = w.firstPeer(); id < w.entityCount(); id++) {
      if (!w.initiallyOnline(id) && w.eligible(id)) {
        return id;
      }
    }
    throw new AssertionError("no eligible offline peer");
  }

  /** Promotion certain once allowed, from the first minute up. */
  private static OverlayParams promptPromotion(OverlayParams p) {
    return p.with("healing.promotion-probability", 1).with("healing.min-uptime", 0);
  }

  @Test
  void loadAwareHealingPromotesAtTheFirstSignOfShortageThenDemotesAndCoolsDown() {
    OverlayParams p = promptPromotion(OverlayScenarios.baseline(2000).withTimeline(Timeline.empty()));
    assertTrue(p.healing().loadAware());
    OverlayWorld w = new OverlayWorld(p, 7);
    int id = eligibleOfflinePeer(w);
    PeerEntity peer = new PeerEntity(w, id);
    FakeContext ctx = startSession(peer, id);
    int sn = ctx.sent.get(0).target();
    ctx.clear();
    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.FULL, 100, new int[0]));
    assertTrue(peer.isSupernode(), "promoted at once");
    assertEquals(1, ctx.counter(OverlayMetrics.PROMOTIONS));
    assertEquals(id, peer.supernode(), "its own supernode");
    LoginRequest login = ctx.sentOfType(LoginRequest.class).get(0);
    peer.receive(ctx, new LoginReply(0, login.attempt(), true));
    assertEquals(ClientSession.State.ONLINE, peer.state());

    // No clients: idle from the first tick, demoted demote-after later.
    Timer tick = timer(ctx, PeerTimer.SN_TICK.code);
    peer.receive(ctx, tick);
    ctx.now += p.healing().demoteAfter();
    ctx.clear();
    peer.receive(ctx, tick);
    assertFalse(peer.isSupernode());
    assertEquals(1, ctx.counter(OverlayMetrics.DEMOTIONS));
    assertEquals(ClientSession.State.CONNECTING, peer.state());
    List<ConnectRequest> again = ctx.sentOfType(ConnectRequest.class);
    assertFalse(again.isEmpty(), "reconnects as a client");
    assertTrue(again.stream().allMatch(ConnectRequest::resume), "still logged in");

    // Within the cooldown, shortage does not promote it again.
    ctx.clear();
    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.FULL, 100, new int[0]));
    assertFalse(peer.isSupernode());
    assertEquals(1, ctx.counter(OverlayMetrics.PROMOTIONS));
  }

  @Test
  void periodicHealingPromotesOnlyAtItsCheckAfterShortage() {
    OverlayParams p = promptPromotion(params);
    assertFalse(p.healing().loadAware());
    OverlayWorld w = new OverlayWorld(p, 7);
    int id = eligibleOfflinePeer(w);
    PeerEntity peer = new PeerEntity(w, id);
    FakeContext ctx = startSession(peer, id);
    Timer check = timer(ctx, PeerTimer.PROMOTION_CHECK.code);
    int sn = ctx.sent.get(0).target();

    // A check without shortage seen does nothing.
    ctx.now += 1_000;
    peer.receive(ctx, check);
    assertFalse(peer.isSupernode());

    peer.receive(ctx, new ConnectReply(sn, OverlayMessage.FULL, 100, new int[0]));
    assertFalse(peer.isSupernode(), "2007 healing waits for its periodic check");
    ctx.now += 1_000;
    peer.receive(ctx, check);
    assertTrue(peer.isSupernode());
    assertEquals(1, ctx.counter(OverlayMetrics.PROMOTIONS));
  }

  @Test
  void withoutInitialSupernodesAPeerOnLineAtTheStartConnectsThroughTheBootstrapSet() {
    // 300 peers at 0.3% supernodes: no initial supernode at all. Warm-linking to none sent
    // messages to entity -1 and crashed the run at time 0.
    OverlayParams tiny = OverlayScenarios.skype2007(300).withTimeline(Timeline.empty());
    OverlayWorld small = new OverlayWorld(tiny, 3);
    assertEquals(0, small.initialSupernodes().length);
    int id = -1;
    for (int i = small.firstPeer(); i < small.entityCount() && id < 0; i++) {
      if (small.initiallyOnline(i)) {
        id = i;
      }
    }
    assertTrue(id >= 0, "someone is on line at the start");
    PeerEntity peer = new PeerEntity(small, id);
    FakeContext ctx = new FakeContext(id, 3);
    peer.start(ctx);
    assertFalse(ctx.sent.isEmpty(), "it asks for a supernode");
    for (FakeContext.Sent s : ctx.sent) {
      assertTrue(small.isBootstrap(s.target()), "sent to " + s.target() + ", not a bootstrap supernode");
      assertTrue(s.message() instanceof ConnectRequest, s.message().toString());
    }
  }

  // ---------------------------------------------------------------- the coordinator's commands

  private static final long DOWN = 90_000_000L;

  private static long restartReturn(FakeContext ctx) {
    return ctx.scheduled.stream().filter(x -> x.message() instanceof Timer t && t.kind() == PeerTimer.RESTART_RETURN.code)
        .mapToLong(FakeContext.Scheduled::delay).findFirst().orElse(-1);
  }

  @Test
  void aRestartCommandRestartsASupernodeOnlyIfTheBurstIncludesSupernodes() {
    int sn = world.initialSupernodes()[0];
    PeerEntity spared = new PeerEntity(world, sn);
    FakeContext ctx = new FakeContext(sn, 5);
    spared.start(ctx);
    ctx.clear();
    spared.receive(ctx, new OverlayMessage.Restart(DOWN, false, false, -1));
    assertTrue(spared.isSupernode(), "spared");
    assertEquals(0, ctx.counter(OverlayMetrics.RESTARTS));

    spared.receive(ctx, new OverlayMessage.Restart(DOWN, false, true, -1));
    assertFalse(spared.isSupernode());
    assertEquals(1, ctx.counter(OverlayMetrics.RESTARTS));
    assertEquals(DOWN, restartReturn(ctx), "down for the commanded downtime");
  }

  @Test
  void aPeerThatIsOffWhenTheCommandComesRestartsThatLongAfterItsNextStart() {
    int id = offlinePeer();
    PeerEntity peer = new PeerEntity(world, id);
    FakeContext ctx = new FakeContext(id, 3);
    peer.start(ctx);
    Timer start = timer(ctx, PeerTimer.SESSION_START.code);
    ctx.clear();
    peer.receive(ctx, new OverlayMessage.Restart(DOWN, false, true, 60_000_000L));
    assertEquals(0, ctx.counter(OverlayMetrics.RESTARTS), "off: nothing to restart");
    ctx.now = 1_000_000L;
    peer.receive(ctx, start);
    Timer pending = timer(ctx, PeerTimer.PENDING_RESTART.code);
    assertTrue(ctx.scheduled.contains(new FakeContext.Scheduled(60_000_000L, pending)));
    ctx.clear();
    ctx.now += 60_000_000L;
    peer.receive(ctx, pending);
    assertEquals(1, ctx.counter(OverlayMetrics.RESTARTS));
    assertEquals(DOWN, restartReturn(ctx));
    ctx.clear();
    peer.receive(ctx, pending);
    assertEquals(1, ctx.counter(OverlayMetrics.RESTARTS), "a missed restart catches up once");
  }

  @Test
  void aDedicatedSupernodeSleepsUntilTheCoordinatorWakesItWithItsCapacity() {
    OverlayParams p = params.withTimeline(Timeline.of(new TimelineEvent.AddSupernodes(OverlayParams.HOUR, 2, 4000, 400)));
    OverlayWorld w = new OverlayWorld(p, 7);
    int id = w.firstDedicated();
    PeerEntity dedicated = new PeerEntity(w, id);
    FakeContext ctx = new FakeContext(id, 1);
    dedicated.start(ctx);
    assertFalse(dedicated.isSupernode());
    assertTrue(ctx.scheduled.isEmpty(), "no timer of its own: " + ctx.scheduled);
    dedicated.receive(ctx, new OverlayMessage.Activate(4000, 400));
    assertTrue(dedicated.isSupernode());
    assertEquals(1, ctx.counter(OverlayMetrics.SUPERNODES));
    dedicated.receive(ctx, new OverlayMessage.Activate(4000, 400));
    assertEquals(1, ctx.counter(OverlayMetrics.SUPERNODES), "woken once");

    int peerId = offlinePeer();
    PeerEntity peer = new PeerEntity(world, peerId);
    FakeContext c = new FakeContext(peerId, 1);
    peer.start(c);
    peer.receive(c, new OverlayMessage.Activate(4000, 400));
    assertFalse(peer.isSupernode(), "an ordinary peer is not woken");
  }
}
