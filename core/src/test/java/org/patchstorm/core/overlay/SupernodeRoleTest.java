package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.crash.WarmUp;
import org.patchstorm.core.overlay.defence.ServerGuard;

class SupernodeRoleTest {

  /**
   * 2007 healing: self-shutdown after 20 s above 85%, demotion after 2 h below 30% load; every
   * request a full handshake (but in the probes' own test).
   */
  private final OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty()).withProbeCost(0);
  private final OverlayParams.Healing healing = params.healing();
  private final OverlayParams.Supernode supernode = params.supernode();

  private SupernodeRole role(OverlayParams p, long now) {
    OverlayWorld world = new OverlayWorld(p, 7);
    return new SupernodeRole(PeerIdentity.of(world, world.firstPeer() + 5), 1, ServerGuard.forSupernode(), now);
  }

  /** A supernode of the 2010 crash model: syncs cost the given units, with or without shedding. */
  private SupernodeRole crashModelRole(OverlayParams p, int syncCost, boolean shedLoad) {
    AttackParams attack = AttackParams.none()
        .withCrash(new AttackParams.Crash(0.5, WarmUp.none(), false, syncCost, shedLoad));
    OverlayWorld world = new OverlayWorld(p, attack, 7);
    return new SupernodeRole(PeerIdentity.of(world, world.firstPeer() + 5), 1, ServerGuard.forSupernode(), 0);
  }

  private HostCache emptyCache() {
    return new HostCache(-2, 10);
  }

  /** Clients enough for {@code load} of the supernode's capacity. */
  private int clientsFor(double load) {
    return (int) Math.ceil(load / supernode.perClientLoad());
  }

  private static void addClients(SupernodeRole role, int n) {
    for (int i = 0; i < n; i++) {
      role.addClient(100_000 + i);
    }
  }

  @Test
  void anIdleSupernodeDemotesItselfAfterDemoteAfterBelowTheLoad() {
    SupernodeRole role = role(params, 0);
    addClients(role, clientsFor(healing.demoteBelowLoad()) - 2);
    FakeContext ctx = new FakeContext(0, 1);
    HostCache cache = emptyCache();
    long t0 = 600_000_000L;
    ctx.now = t0;
    assertFalse(role.tick(ctx, params, cache), "starts the idle watch");
    ctx.now = t0 + healing.demoteAfter() - 1;
    assertFalse(role.tick(ctx, params, cache));
    ctx.now = t0 + healing.demoteAfter();
    assertTrue(role.tick(ctx, params, cache));
  }

  /** Keep-alives a supernode with 100 clients sends at a tick after a minute's flood of 100 units/s. */
  private int keepAlivesAfterAFlood(OverlayParams p, long quietAfter) {
    SupernodeRole role = role(p, 0);
    addClients(role, 100);
    FakeContext ctx = new FakeContext(0, 1);
    for (long t = 0; t < 60 * OverlayParams.SECOND; t += OverlayParams.SECOND) {
      ctx.now = t;
      role.receive(ctx, new OverlayMessage.Flood(100_500, 100_000, 100), emptyCache());
    }
    ctx.now = 60 * OverlayParams.SECOND + quietAfter;
    ctx.clear();
    role.tick(ctx, p, emptyCache());
    return ctx.sentOfType(KeepAlive.class).size();
  }

  @Test
  void aFloodThatSaturatesTheLinkTakesTheKeepAlivesWithIt() {
    // The fixed healing: a supernode with a full queue keeps serving (no self-shutdown).
    OverlayParams fixed = OverlayScenarios.baseline(2000).withTimeline(Timeline.empty());
    OverlayParams limited = fixed.withSupernode(fixed.supernode().withLinkCapacity(10)); // 90% of 100 units/s lost
    int saturated = keepAlivesAfterAFlood(limited, 0);
    assertTrue(saturated > 0 && saturated < 30, "about a tenth get through: " + saturated);
    assertEquals(100, keepAlivesAfterAFlood(fixed, 0), "without a link limit the flood only fills the queue");
    assertEquals(100, keepAlivesAfterAFlood(limited, 5 * LinkLoad.WINDOW), "the link clears once the flood stops");
  }

  @Test
  void aSaturatedLinkLosesRequestsBeforeTheyReachTheQueue() {
    OverlayParams limited = params.withSupernode(supernode.withLinkCapacity(1));
    SupernodeRole role = role(limited, 0);
    FakeContext ctx = new FakeContext(0, 1);
    int lost = 0;
    for (int i = 0; i < 200; i++) {
      ctx.now = i * OverlayParams.SECOND / 10; // 10 units/s against a link of 1
      lost += role.admit(ctx, 1) < 0 ? 1 : 0;
    }
    assertTrue(lost > 120, "most are lost: " + lost);
    assertEquals(lost, ctx.counter(OverlayMetrics.MSGS_DROPPED), "and counted as dropped");
    assertEquals(200 - lost, ctx.counter(OverlayMetrics.MSGS_DELIVERED));
  }

  @Test
  void aSupernodeAtTheLoadBandStaysAndKeepsItsClientsAlive() {
    SupernodeRole role = role(params, 0);
    int clients = clientsFor(healing.demoteBelowLoad());
    addClients(role, clients);
    FakeContext ctx = new FakeContext(0, 1);
    for (long t = 0; t <= 4 * healing.demoteAfter(); t += params.client().keepAliveInterval()) {
      ctx.now = t;
      assertFalse(role.tick(ctx, params, emptyCache()), "demoted at " + t);
    }
    assertFalse(role.shutdownDue());
    ctx.clear();
    role.tick(ctx, params, emptyCache());
    assertEquals(clients, ctx.sentOfType(KeepAlive.class).size());
  }

  /** Offers a queue's worth of work every second over [from, to]: the queue stays full. */
  private void keepQueueFull(SupernodeRole role, FakeContext ctx, long from, long to) {
    for (long t = from; t <= to; t += 1_000_000) {
      ctx.now = t;
      role.admit(ctx, supernode.queueCapacity());
    }
  }

  @Test
  void aQueueThatStaysFullShutsThePeerDownWhenSelfShutdownIsOn() {
    assertTrue(healing.selfShutdown());
    SupernodeRole role = role(params, 0);
    FakeContext ctx = new FakeContext(0, 1);
    keepQueueFull(role, ctx, 1_000_000, 1_000_000 + healing.overloadDuration() - 1_000_000);
    assertFalse(role.shutdownDue(), "not yet overload-duration");
    keepQueueFull(role, ctx, 1_000_000 + healing.overloadDuration(), 1_000_000 + healing.overloadDuration());
    assertTrue(role.shutdownDue());
    ctx.clear();
    addClients(role, 2);
    assertFalse(role.tick(ctx, params, emptyCache()), "shutting down is not a demotion");
    assertEquals(0, ctx.sentOfType(KeepAlive.class).size(), "no keep-alives from a supernode about to quit");
  }

  @Test
  void manyClientsWithAnEmptyQueueAreNoReasonToQuit() {
    // Their background signalling slows the supernode; it quits only when it cannot keep up.
    SupernodeRole role = role(params, 0);
    addClients(role, clientsFor(healing.overloadThreshold()) + 10);
    FakeContext ctx = new FakeContext(0, 1);
    for (long t = 0; t <= 10 * healing.overloadDuration(); t += healing.overloadDuration() / 2) {
      ctx.now = t;
      role.tick(ctx, params, emptyCache());
    }
    assertFalse(role.shutdownDue());
  }

  @Test
  void noSelfShutdownWhenItIsOff() {
    OverlayParams off = params.with("healing.self-shutdown", 0);
    SupernodeRole role = role(off, 0);
    FakeContext ctx = new FakeContext(0, 1);
    keepQueueFull(role, ctx, 0, 10 * healing.overloadDuration());
    assertFalse(role.shutdownDue());
  }

  @Test
  void overloadMustLastWithoutABreak() {
    SupernodeRole role = role(params, 0);
    FakeContext ctx = new FakeContext(0, 1);
    // The queue alone: full at once, drained (rate 10/s) a while later, full again.
    ctx.now = 0;
    role.admit(ctx, supernode.queueCapacity());
    ctx.now = healing.overloadDuration() - 1;
    role.tick(ctx, params, emptyCache()); // long drained: the watch starts over
    role.admit(ctx, supernode.queueCapacity());
    ctx.now = healing.overloadDuration();
    role.admit(ctx, 1);
    assertFalse(role.shutdownDue());
  }

  @Test
  void stoppingCleanlySaysGoodbyeToEveryClientAndACrashDoesNot() {
    SupernodeRole clean = role(params, 0);
    addClients(clean, 3);
    FakeContext ctx = new FakeContext(0, 1);
    clean.stop(ctx, true);
    assertEquals(3, ctx.sentOfType(SupernodeGone.class).size());
    SupernodeRole crashed = role(params, 0);
    addClients(crashed, 3);
    ctx.clear();
    crashed.stop(ctx, false);
    assertEquals(0, ctx.sent.size());
  }

  @Test
  void takesANewClientOnceAndAnswersARepeatedRequestAccepted() {
    SupernodeRole role = role(params, 0);
    FakeContext ctx = new FakeContext(0, 1);
    role.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    role.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    List<ConnectReply> replies = ctx.sentOfType(ConnectReply.class);
    assertEquals(2, replies.size());
    replies.forEach(r -> assertEquals(OverlayMessage.ACCEPTED, r.status()));
    assertEquals(1, role.clientCount());
    role.removeClient(42);
    assertEquals(0, role.clientCount());
  }

  @Test
  void withProbesANewcomerCostsTheProbeAndOnlyTheChosenSupernodeDoesTheHandshake() {
    int probe = 1;
    int capacity = supernode.queueCapacity();
    FakeContext ctx = new FakeContext(0, 1);
    SupernodeRole probed = role(params.withProbeCost(probe), 0);
    probed.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    assertEquals(OverlayMessage.ACCEPTED, ctx.sentOfType(ConnectReply.class).get(0).status(), "a place is held");
    assertEquals(1, probed.clientCount());
    // Probed only (the client chose another): one unit of work; the rest of the queue is free.
    probed.admit(ctx, capacity - probe);
    assertEquals(0, ctx.counter(OverlayMetrics.MSGS_DROPPED));
    // The chosen one repeats the request from the client it holds: that is the handshake.
    SupernodeRole chosen = role(params.withProbeCost(probe), 0);
    chosen.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    chosen.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    assertEquals(1, chosen.clientCount());
    chosen.admit(ctx, capacity - probe - supernode.connectCost() + 1);
    assertEquals(1, ctx.counter(OverlayMetrics.MSGS_DROPPED), "probe and handshake are in the queue");
    // Without probes every request of a round is a full handshake.
    FakeContext plainCtx = new FakeContext(0, 1);
    SupernodeRole plain = role(params, 0);
    plain.onConnectRequest(plainCtx, new ConnectRequest(42, false, false), emptyCache());
    plain.admit(plainCtx, capacity - probe);
    assertEquals(1, plainCtx.counter(OverlayMetrics.MSGS_DROPPED));
  }

  @Test
  void aRelayedMessageWaitsInTheQueueAndAFullQueueDropsIt() {
    SupernodeRole role = role(params, 0);
    FakeContext ctx = new FakeContext(0, 1);
    Im im = new Im(1, 2, 0, true);
    role.relay(ctx, 2, im, OverlayMetrics.IM_FAILED);
    assertEquals(im, ctx.sent.get(0).message());
    assertEquals(1, ctx.counter(OverlayMetrics.MSGS_DELIVERED));
    role.admit(ctx, supernode.queueCapacity() - 1);
    ctx.clear();
    role.relay(ctx, 2, im, OverlayMetrics.IM_FAILED);
    assertEquals(0, ctx.sent.size());
    assertEquals(1, ctx.counter(OverlayMetrics.IM_FAILED));
    assertEquals(1, ctx.counter(OverlayMetrics.MSGS_DROPPED));
  }

  @Test
  void aClientBackFromACrashIsAnsweredAfterTheHandshakeAndItsSyncQueuesBehind() {
    int sync = 5 * supernode.connectCost();
    SupernodeRole role = crashModelRole(params, sync, false);
    FakeContext ctx = new FakeContext(0, 1);
    role.onConnectRequest(ctx, new ConnectRequest(42, false, true), emptyCache());
    ConnectReply reply = ctx.sentOfType(ConnectReply.class).get(0);
    assertEquals(OverlayMessage.ACCEPTED, reply.status());
    // The wait is the handshake's: a sync before the reply would hold it up five times as long.
    long handshake = (long) (supernode.connectCost() * OverlayParams.SECOND / supernode.messageRate());
    assertTrue(ctx.sent.get(0).latency() < 2 * handshake, "answered after " + ctx.sent.get(0).latency());
    assertEquals(2, ctx.counter(OverlayMetrics.MSGS_DELIVERED), "the handshake and the sync");
    // The sync's work is in the queue all the same: a full queue's worth less it no longer fits.
    ctx.clear();
    role.admit(ctx, supernode.queueCapacity() - sync);
    assertEquals(1, ctx.counter(OverlayMetrics.MSGS_DROPPED));
  }

  @Test
  void anOverloadedSupernodeThatShedsLoadRefusesNewcomersCheaply() {
    SupernodeRole role = crashModelRole(params, 0, true);
    FakeContext ctx = new FakeContext(0, 1);
    role.admit(ctx, supernode.queueCapacity() - 2);
    ctx.clear();
    role.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    assertEquals(OverlayMessage.FULL, ctx.sentOfType(ConnectReply.class).get(0).status());
    assertEquals(0, role.clientCount());
    // Without shedding the same request is taken at the handshake's full price, which overflows.
    SupernodeRole plain = crashModelRole(params, 0, false);
    plain.admit(ctx, supernode.queueCapacity() - 2);
    ctx.clear();
    plain.onConnectRequest(ctx, new ConnectRequest(42, false, false), emptyCache());
    assertEquals(0, ctx.sentOfType(ConnectReply.class).size(), "dropped: the client waits for its time-out");
  }

  @Test
  void aSupernodeThatShedsLoadDropsItsExcessClientsBeforeItQuits() {
    assertTrue(healing.selfShutdown());
    SupernodeRole role = crashModelRole(params, 0, true);
    int excess = 7;
    addClients(role, supernode.nominalClients() + excess);
    FakeContext ctx = new FakeContext(0, 1);
    long d = healing.overloadDuration();
    keepQueueFull(role, ctx, 1_000_000, 1_000_000 + d);
    assertFalse(role.shutdownDue(), "the first sustained overload sheds");
    assertEquals(supernode.nominalClients(), role.clientCount());
    assertEquals(excess, ctx.sentOfType(SupernodeGone.class).size(), "the dropped clients are told");
    keepQueueFull(role, ctx, 1_000_000 + d, 1_000_000 + 2 * d - 1_000_000);
    assertFalse(role.shutdownDue(), "a second overload-duration has not passed");
    keepQueueFull(role, ctx, 1_000_000 + 2 * d, 1_000_000 + 2 * d);
    assertTrue(role.shutdownDue(), "overload that outlasts the shedding shuts it down");
  }
}
