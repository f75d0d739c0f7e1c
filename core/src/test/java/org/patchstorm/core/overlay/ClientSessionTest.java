package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.ClientSession.State;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Timer;

class ClientSessionTest {

  /** The 2007 protocol: the first acceptance wins; session resume within a minute. */
  private final OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty());
  private final OverlayWorld world = new OverlayWorld(params, 7);

  /** The peer around the session, reduced to counts. */
  private static final class Hooks implements ClientSession.Peer {
    boolean serving;
    int shortages;
    int giveUps;
    int onlines;

    @Override
    public boolean serving() {
      return serving;
    }

    @Override
    public void shortage(EntityContext ctx, OverlayParams p) {
      shortages++;
    }

    @Override
    public void giveUp(EntityContext ctx, OverlayParams p) {
      giveUps++;
    }

    @Override
    public void online() {
      onlines++;
    }
  }

  private final Hooks hooks = new Hooks();
  private final int id = world.firstPeer() + 17;
  private final FakeContext ctx = new FakeContext(id, 3);
  private final HostCache cache = new HostCache(id, params.client().hostCacheSize());
  private final ClientSession session;

  ClientSessionTest() {
    PeerIdentity self = PeerIdentity.of(world, id);
    cache.seed(world.initialSupernodes(), ctx.random);
    session = new ClientSession(self, cache, new ServiceProbes(self), hooks);
    ctx.now = 3_600_000_000L;
  }

  private Timer lastTimer(PeerTimer kind) {
    for (int i = ctx.scheduled.size() - 1; i >= 0; i--) {
      if (ctx.scheduled.get(i).message() instanceof Timer t && kind.is(t)) {
        return t;
      }
    }
    throw new AssertionError("no " + kind + " in " + ctx.scheduled);
  }

  private void accept(int sn) {
    session.onConnectReply(ctx, new ConnectReply(sn, OverlayMessage.ACCEPTED, 10, new int[0]));
  }

  /** Starts, connects, logs in; returns the supernode. */
  private int online() {
    session.open(ctx);
    session.connect(ctx, params);
    int sn = ctx.sent.get(0).target();
    accept(sn);
    LoginRequest login = ctx.sentOfType(LoginRequest.class).get(0);
    assertEquals(0, hooks.onlines, "not on line before the log-in succeeds");
    session.onLoginReply(ctx, new LoginReply(0, login.attempt(), true));
    assertEquals(State.ONLINE, session.state());
    assertEquals(1, hooks.onlines, "the peer hears that its user is on line");
    ctx.clear();
    return sn;
  }

  @Test
  void withProbesTheClientDoesTheHandshakeWithTheSupernodeItChoseAlone() {
    OverlayParams probing = params.withProbeCost(1);
    OverlayWorld probingWorld = new OverlayWorld(probing, 7);
    PeerIdentity self = PeerIdentity.of(probingWorld, id);
    HostCache probingCache = new HostCache(id, probing.client().hostCacheSize());
    probingCache.seed(probingWorld.initialSupernodes(), ctx.random);
    ClientSession probingSession = new ClientSession(self, probingCache, new ServiceProbes(self), hooks);
    probingSession.open(ctx);
    probingSession.connect(ctx, probing);
    assertEquals(probing.client().parallelConnects(), ctx.sentOfType(ConnectRequest.class).size(), "the probes");
    int chosen = ctx.sent.get(1).target();
    ctx.clear();
    probingSession.onConnectReply(ctx, new ConnectReply(chosen, OverlayMessage.ACCEPTED, 10, new int[0]));
    List<FakeContext.Sent> handshakes = ctx.sent.stream().filter(s -> s.message() instanceof ConnectRequest).toList();
    assertEquals(1, handshakes.size());
    assertEquals(chosen, handshakes.get(0).target());
    // Without probes the acceptance was the handshake: nothing more is asked.
    OverlayParams plain = params.withProbeCost(0);
    OverlayWorld plainWorld = new OverlayWorld(plain, 7);
    PeerIdentity plainSelf = PeerIdentity.of(plainWorld, id);
    ClientSession plainSession = new ClientSession(plainSelf, probingCache, new ServiceProbes(plainSelf), hooks);
    plainSession.open(ctx);
    plainSession.connect(ctx, plain);
    int sn = ctx.sent.get(ctx.sent.size() - 1).target();
    ctx.clear();
    plainSession.onConnectReply(ctx, new ConnectReply(sn, OverlayMessage.ACCEPTED, 10, new int[0]));
    assertEquals(0, ctx.sentOfType(ConnectRequest.class).size());
  }

  @Test
  void aStartedProcessTriesSeveralCachedSupernodesAtOnce() {
    assertEquals(State.OFFLINE, session.state());
    session.open(ctx);
    assertEquals(State.CONNECTING, session.state());
    assertEquals(1, ctx.counter(OverlayMetrics.PEERS_UP));
    session.connect(ctx, params);
    List<ConnectRequest> requests = ctx.sentOfType(ConnectRequest.class);
    assertEquals(params.client().parallelConnects(), requests.size());
    Set<Integer> targets = new HashSet<>();
    ctx.sent.forEach(s -> targets.add(s.target()));
    assertEquals(requests.size(), targets.size(), "distinct targets");
    targets.forEach(t -> assertTrue(cache.contains(t), t + " is not cached"));
    requests.forEach(r -> assertFalse(r.resume(), "a new process must log in"));
    lastTimer(PeerTimer.CONNECT_TIMEOUT);
  }

  @Test
  void aClientServedOnlyInItsRegionAsksItsRegionsSupernodesAndElseItsBootstrapOnes() {
    OverlayParams big = OverlayScenarios.skype2007(20_000).withTimeline(Timeline.empty()); // 100 supernodes
    OverlayParams own = big.withClient(big.client().withRegionChoice(RegionChoice.OWN_ONLY));
    OverlayWorld ownWorld = new OverlayWorld(own, 7);
    PeerIdentity self = PeerIdentity.of(ownWorld, id);
    int[] initial = ownWorld.initialSupernodes();
    int[] foreign = java.util.Arrays.stream(initial).filter(sn -> ownWorld.region(sn) != self.region()).toArray();
    assertTrue(foreign.length >= own.client().parallelConnects(), "the cache mixes regions");
    assertTrue(foreign.length < initial.length, "and holds some of the client's");

    HostCache mixed = new HostCache(id, own.client().hostCacheSize());
    mixed.seed(initial, ctx.random);
    ClientSession mixedSession = new ClientSession(self, mixed, new ServiceProbes(self), hooks);
    mixedSession.open(ctx);
    mixedSession.connect(ctx, own);
    assertFalse(ctx.sent.isEmpty());
    ctx.sent.forEach(s -> assertEquals(self.region(), ownWorld.region(s.target()), "asked " + s.target()));

    ctx.clear();
    HostCache abroad = new HostCache(id, own.client().hostCacheSize());
    abroad.seed(foreign, ctx.random);
    ClientSession abroadSession = new ClientSession(self, abroad, new ServiceProbes(self), hooks);
    abroadSession.open(ctx);
    abroadSession.connect(ctx, own);
    Set<Integer> asked = new HashSet<>();
    ctx.sent.forEach(s -> asked.add(s.target()));
    Set<Integer> ownBootstraps = new HashSet<>();
    for (int b : ownWorld.bootstrapsOf(self.region())) {
      ownBootstraps.add(b);
    }
    assertFalse(ownBootstraps.isEmpty());
    assertEquals(ownBootstraps, asked, "none of its region cached: its region's bootstrap supernodes");
  }

  @Test
  void anAcceptanceLinksAndLogsInThenTheLoginTakesItOnline() {
    session.open(ctx);
    session.connect(ctx, params);
    int sn = ctx.sent.get(0).target();
    ctx.clear();
    accept(sn);
    assertEquals(State.AUTHENTICATING, session.state());
    assertEquals(sn, session.supernode());
    assertEquals(1, ctx.counter(OverlayMetrics.CONNECTED));
    LoginRequest login = ctx.sentOfType(LoginRequest.class).get(0);
    session.onLoginReply(ctx, new LoginReply(0, login.attempt(), true));
    assertEquals(State.ONLINE, session.state());
    assertEquals(1, ctx.counter(OverlayMetrics.ONLINE));
  }

  @Test
  void aLostSupernodeWithinSessionResumeReconnectsWithoutLoggingIn() {
    int sn = online();
    session.onSupernodeGone(ctx, sn);
    assertEquals(State.CONNECTING, session.state());
    assertEquals(0, ctx.counter(OverlayMetrics.ONLINE));
    assertEquals(0, ctx.counter(OverlayMetrics.CONNECTED));
    assertFalse(cache.contains(sn));
    List<ConnectRequest> requests = ctx.sentOfType(ConnectRequest.class);
    assertFalse(requests.isEmpty(), "it reconnects at once");
    requests.forEach(r -> assertTrue(r.resume(), "still logged in"));
    int next = ctx.sent.get(0).target();
    ctx.clear();
    ctx.now += params.client().sessionResume();
    accept(next);
    assertEquals(State.ONLINE, session.state());
    assertEquals(0, ctx.sentOfType(LoginRequest.class).size());
    assertEquals(1, ctx.counter(OverlayMetrics.ONLINE));
  }

  @Test
  void aSessionExpiredWhileAwayLogsInAgain() {
    int sn = online();
    session.onSupernodeGone(ctx, sn);
    int next = ctx.sent.get(0).target();
    ctx.clear();
    ctx.now += params.client().sessionResume() + 1;
    accept(next);
    assertEquals(State.AUTHENTICATING, session.state());
    assertEquals(1, ctx.sentOfType(LoginRequest.class).size());
  }

  @Test
  void silenceBeyondTheMissedKeepAlivesDetachesAndReconnects() {
    int sn = online();
    session.onKeepAlive(ctx, new KeepAlive(sn, 10, false, new int[0]));
    assertEquals(0, ctx.sentOfType(NotYourClient.class).size());
    session.onKeepAlive(ctx, new KeepAlive(sn + 1, 10, false, new int[0]));
    assertEquals(1, ctx.sentOfType(NotYourClient.class).size(), "a stranger's keep-alive is answered");
    long window = params.client().missedKeepAlives() * params.client().keepAliveInterval();
    Timer watchdog = PeerTimer.WATCHDOG.timer(session.linkGen());
    ctx.now += window - 1;
    session.onWatchdog(ctx, params, watchdog);
    assertEquals(sn, session.supernode(), "heard from it within the window");
    ctx.now += 1;
    session.onWatchdog(ctx, params, watchdog);
    assertEquals(-1, session.supernode());
    assertEquals(State.CONNECTING, session.state());
  }

  @Test
  void theUserGivesUpAfterGiveUpAfterRoundsFailedRoundsEachASignOfShortage() {
    session.open(ctx);
    session.connect(ctx, params);
    int rounds = 0;
    while (hooks.giveUps == 0 && rounds < 100) {
      Timer timeout = lastTimer(PeerTimer.CONNECT_TIMEOUT);
      ctx.clear();
      ctx.now += params.client().connectTimeout();
      session.onConnectTimeout(ctx, params, timeout);
      rounds++;
      if (hooks.giveUps == 0) {
        Timer retry = lastTimer(PeerTimer.CONNECT_RETRY);
        ctx.clear();
        session.onConnectRetry(ctx, params, retry);
      }
    }
    assertEquals(params.client().giveUpAfterRounds(), rounds);
    assertEquals(rounds, hooks.shortages);
  }

  @Test
  void aTimeOutOfARoundAlreadyWonIsIgnored() {
    session.open(ctx);
    session.connect(ctx, params);
    Timer timeout = lastTimer(PeerTimer.CONNECT_TIMEOUT);
    accept(ctx.sent.get(0).target());
    session.onConnectTimeout(ctx, params, timeout);
    assertEquals(0, hooks.shortages);
    assertEquals(State.AUTHENTICATING, session.state());
  }

  @Test
  void aPeerThatStartsServingLeavesItsSupernodeForItself() {
    int sn = online();
    hooks.serving = true;
    session.serveSelf(ctx);
    assertEquals(id, session.supernode());
    assertEquals(new Disconnect(id), ctx.sent.get(0).message());
    assertEquals(sn, ctx.sent.get(0).target());
    assertEquals(State.ONLINE, session.state());
  }
}
