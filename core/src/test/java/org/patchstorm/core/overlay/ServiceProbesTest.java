package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.ClientSession.State;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.OverlayMessage.StatusUpdate;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.ServiceProbes.Relayed;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.defence.ServerGuard;

class ServiceProbesTest {

  private final OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty());
  /** Presence changes count only within 5 s; searches time out after 10 s. */
  private final AttackParams attack = AttackParams.none().withService(AttackParams.lightProbes());
  private final OverlayWorld world = new OverlayWorld(params, attack, 7);
  private final int id = world.firstPeer() + 3;
  private final PeerIdentity self = PeerIdentity.of(world, id);
  private final ServiceProbes probes = new ServiceProbes(self);
  private final FakeContext ctx = new FakeContext(id, 1);

  private SupernodeRole role() {
    return new SupernodeRole(self, 1, ServerGuard.forSupernode(), 0);
  }

  @Test
  void aServingPeerRelaysImAndPresenceAlikeMarkedRelayed() {
    SupernodeRole role = role();
    ctx.now = 1_000;
    probes.onRelayable(ctx, Relayed.IM, 50, 60, 900, false, role, State.ONLINE);
    probes.onRelayable(ctx, Relayed.STATUS, 51, 61, 950, false, role, State.ONLINE);
    assertEquals(new Im(50, 60, 900, true), ctx.sent.get(0).message());
    assertEquals(60, ctx.sent.get(0).target());
    assertEquals(new StatusUpdate(51, 61, 950, true), ctx.sent.get(1).message());
    assertEquals(61, ctx.sent.get(1).target());
    assertEquals(2, ctx.counter(OverlayMetrics.MSGS_SENT), "both cost the supernode's queue");
  }

  @Test
  void aPeerNoLongerServingLosesEachOnItsOwnCounter() {
    probes.onRelayable(ctx, Relayed.IM, 50, 60, 0, false, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.IM_FAILED));
    assertEquals(0, ctx.counter(OverlayMetrics.STATUS_FAILED));
    probes.onRelayable(ctx, Relayed.STATUS, 50, 60, 0, false, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.STATUS_FAILED));
    assertEquals(0, ctx.sent.size());
  }

  @Test
  void aFullQueueDropsTheRelayOnTheMessagesOwnCounter() {
    SupernodeRole role = role();
    role.admit(ctx, params.supernode().queueCapacity());
    probes.onRelayable(ctx, Relayed.STATUS, 50, 60, 0, false, role, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.STATUS_FAILED));
    assertEquals(0, ctx.counter(OverlayMetrics.IM_FAILED));
    assertEquals(0, ctx.sent.size());
  }

  @Test
  void theAddresseeCountsDeliveredWhenOnlineFailedWhenUnreachableNothingWhenOff() {
    ctx.now = 2_000_000;
    probes.onRelayable(ctx, Relayed.IM, 50, id, 1_500_000, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.IM_DELIVERED));
    assertEquals(500_000L, ctx.histograms.get(OverlayMetrics.IM_LATENCY).get(0));
    probes.onRelayable(ctx, Relayed.IM, 50, id, 1_500_000, true, null, State.CONNECTING);
    assertEquals(1, ctx.counter(OverlayMetrics.IM_FAILED));
    probes.onRelayable(ctx, Relayed.IM, 50, id, 1_500_000, true, null, State.OFFLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.IM_DELIVERED));
    assertEquals(1, ctx.counter(OverlayMetrics.IM_FAILED));
  }

  @Test
  void aPresenceChangePastItsDeadlineFailsWhileAnImOfThatAgeArrives() {
    long deadline = attack.service().statusDeadline();
    ctx.now = 10 * deadline;
    probes.onRelayable(ctx, Relayed.STATUS, 50, id, ctx.now - deadline, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.STATUS_DELIVERED));
    probes.onRelayable(ctx, Relayed.STATUS, 50, id, ctx.now - deadline - 1, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.STATUS_FAILED));
    probes.onRelayable(ctx, Relayed.IM, 50, id, ctx.now - deadline - 1, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.IM_DELIVERED));
  }

  @Test
  void aSearchIsAnsweredByTheSupernodeOrTimesOut() {
    int sn = world.initialSupernodes()[0];
    ctx.now = 1_000_000;
    probes.onTimer(ctx, params, PeerTimer.SEARCH_SEND, null, sn, 4);
    Search search = ctx.sentOfType(Search.class).get(0);
    assertEquals(sn, ctx.sent.get(0).target());
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_ATTEMPTS));
    probes.onTimer(ctx, params, PeerTimer.SEARCH_SEND, null, sn, 4);
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_ATTEMPTS), "one search at a time");

    ctx.now += 300_000;
    probes.onSearchReply(ctx, new SearchReply(sn, search.sentAt()), State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_SUCCESSES));
    assertEquals(300_000L, ctx.histograms.get(OverlayMetrics.SEARCH_LATENCY).get(0));

    ctx.clear();
    probes.onTimer(ctx, params, PeerTimer.SEARCH_SEND, null, sn, 4);
    Timer timeout = ctx.scheduled.stream().map(FakeContext.Scheduled::message)
        .filter(m -> m instanceof Timer t && PeerTimer.SEARCH_TIMEOUT.is(t)).map(Timer.class::cast)
        .findFirst().orElseThrow();
    ctx.now += attack.service().searchTimeout();
    probes.onSearchTimeout(ctx, timeout, State.ONLINE, null, sn);
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_FAILURES));
  }

  @Test
  void anUnansweredSearchIsAskedAgainUntilItsTriesAreSpentAndItsLatencyCountsFromTheFirst() {
    AttackParams.Service s = attack.service();
    AttackParams triesThree = attack.withService(new AttackParams.Service(s.statusPerHour(), s.statusDeadline(),
        s.searchesPerHour(), s.searchTimeout(), s.searchCost(), 3));
    ServiceProbes patient = new ServiceProbes(PeerIdentity.of(new OverlayWorld(params, triesThree, 7), id));
    int sn = world.initialSupernodes()[0];
    int other = world.initialSupernodes()[1];
    ctx.now = 1_000_000;
    patient.onTimer(ctx, params, PeerTimer.SEARCH_SEND, null, sn, 4);
    long first = ctx.sentOfType(Search.class).get(0).sentAt();
    // Try 2 goes to the supernode of now; try 3 finds the client reconnecting and goes nowhere.
    ctx.now += s.searchTimeout();
    patient.onSearchTimeout(ctx, lastSearchTimeout(), State.ONLINE, null, other);
    assertEquals(other, ctx.sent.get(1).target());
    assertEquals(first, ((Search) ctx.sent.get(1).message()).sentAt(), "every try carries the first's time");
    ctx.now += s.searchTimeout();
    patient.onSearchTimeout(ctx, lastSearchTimeout(), State.CONNECTING, null, -1);
    assertEquals(2, ctx.sentOfType(Search.class).size());
    assertEquals(0, ctx.counter(OverlayMetrics.SEARCH_FAILURES), "tries left: no failure yet");
    ctx.now += s.searchTimeout();
    patient.onSearchTimeout(ctx, lastSearchTimeout(), State.ONLINE, null, sn);
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_FAILURES), "three tries, then it fails");
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_ATTEMPTS), "one contact add");

    ctx.clear();
    patient.onTimer(ctx, params, PeerTimer.SEARCH_SEND, null, sn, 4);
    long second = ctx.sentOfType(Search.class).get(0).sentAt();
    ctx.now += s.searchTimeout();
    patient.onSearchTimeout(ctx, lastSearchTimeout(), State.ONLINE, null, sn);
    ctx.now += 1_000;
    patient.onSearchReply(ctx, new SearchReply(sn, second), State.ONLINE);
    assertEquals(1, ctx.counter(OverlayMetrics.SEARCH_SUCCESSES));
    assertEquals(s.searchTimeout() + 1_000, ctx.histograms.get(OverlayMetrics.SEARCH_LATENCY).get(0));
  }

  private Timer lastSearchTimeout() {
    return ctx.scheduled.stream().map(FakeContext.Scheduled::message)
        .filter(m -> m instanceof Timer t && PeerTimer.SEARCH_TIMEOUT.is(t)).map(Timer.class::cast)
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aServingPeerAnswersItsOwnSearchThroughItsQueue() {
    SupernodeRole role = role();
    probes.onTimer(ctx, params, PeerTimer.SEARCH_SEND, role, id, 4);
    SearchReply reply = ctx.sentOfType(SearchReply.class).get(0);
    assertEquals(id, reply.supernode());
    assertTrue(ctx.counter(OverlayMetrics.MSGS_SENT) >= 1);
  }
}
