package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayMessage.ACCEPTED;
import static org.patchstorm.core.overlay.OverlayMessage.FULL;
import static org.patchstorm.core.overlay.OverlayMessage.NOT_SUPERNODE;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Timer;

/**
 * The client side of a peer: off -> connecting (several cached supernodes in parallel, the
 * bootstrap set every few rounds) -> authenticating -> online, and back to connecting when the
 * supernode goes (at once on its goodbye, after missed keep-alives when it crashed). A client
 * that was logged in resumes its session without logging in again if it reconnects within
 * session-resume. While the peer serves, it is linked to itself.
 *
 * <p>{@code sessionGen} names the process's run (start to stop), {@code linkGen} the current
 * attachment: timers carry one of them, so those of a run or link since left are ignored.
 */
final class ClientSession {

  enum State { OFFLINE, CONNECTING, AUTHENTICATING, ONLINE }

  /** What the session needs from the peer around it. */
  interface Peer {
    /** Whether the peer serves as a supernode (then it is its own supernode). */
    boolean serving();

    /** A sign of supernode shortage, for the healing. */
    void shortage(EntityContext ctx, OverlayParams p);

    /** The user gives up connecting or logging in and closes the client for a while. */
    void giveUp(EntityContext ctx, OverlayParams p);

    /** The user is on line (logged in, or back on a resumed session). */
    void online();
  }

  /** How long a client waits for more answers after the first acceptance before it chooses. */
  static final long CHOOSE_WINDOW = 300_000L;

  private final PeerIdentity self;
  private final HostCache cache;
  private final ServiceProbes probes;
  private final Peer peer;
  private final LoginClient login;

  private State state = State.OFFLINE;
  private int supernode = -1;
  private boolean needsLogin;
  /** Back from a crash and not yet connected: the next connection syncs (crash.sync-cost). */
  private boolean syncPending;
  private int sessionGen;
  private int linkGen;
  private long upSince;
  private long lastHeard;
  /** When the client lost its supernode while logged in (session resumption), or -1. */
  private long lostAt = -1;
  /** Linking at time 0 to the supernode it had before the run: no presence announcement. */
  private boolean warmStart;

  private final ConnectRounds rounds;

  ClientSession(PeerIdentity self, HostCache cache, ServiceProbes probes, Peer peer) {
    this.self = self;
    this.cache = cache;
    this.probes = probes;
    this.peer = peer;
    this.login = new LoginClient(self);
    this.rounds = new ConnectRounds(self);
  }

  // ---------------------------------------------------------------- runs of the process

  /** The process starts: it must connect and log in. */
  void open(EntityContext ctx) {
    sessionGen++;
    linkGen++;
    upSince = ctx.now();
    state = State.CONNECTING;
    needsLogin = true;
    lostAt = -1;
    RegionMetrics.add(ctx, OverlayMetrics.PEERS_UP, self.region(), RegionMetrics.Count.PEERS_UP, 1);
  }

  /** At time 0, a peer that has been up and logged in since {@code upSince}. */
  void openWarm(EntityContext ctx, long upSince) {
    this.upSince = upSince;
    state = State.CONNECTING;
    needsLogin = false;
    RegionMetrics.add(ctx, OverlayMetrics.PEERS_UP, self.region(), RegionMetrics.Count.PEERS_UP, 1);
  }

  /** At time 0, links to the supernode the peer had before the run, without announcing itself. */
  void linkWarm(EntityContext ctx, int sn) {
    cache.add(sn, ctx.random());
    warmStart = true;
    link(ctx, sn);
    warmStart = false;
  }

  /** An operator's supernode: up and serving, never a client. */
  void infrastructureUp() {
    state = State.ONLINE;
  }

  /** The process stops; {@code goodbye} tells the supernode (a clean exit of a client). */
  void close(EntityContext ctx, boolean goodbye) {
    if (goodbye && supernode >= 0) {
      ctx.send(supernode, new Disconnect(self.id()), self.latency(ctx, supernode));
    }
    RegionMetrics.add(ctx, OverlayMetrics.PEERS_UP, self.region(), RegionMetrics.Count.PEERS_UP, -1);
    unlink(ctx, State.OFFLINE);
    sessionGen++;
  }

  /** Leaves the supernode (the counters follow) and ends the link's timers. */
  private void unlink(EntityContext ctx, State next) {
    if (supernode >= 0) {
      ctx.metrics().add(OverlayMetrics.CONNECTED, -1);
    }
    if (state == State.ONLINE) {
      RegionMetrics.add(ctx, OverlayMetrics.ONLINE, self.region(), RegionMetrics.Count.ONLINE, -1);
    }
    supernode = -1;
    login.cancel();
    state = next;
    linkGen++;
  }

  /** The next connection comes back from a crash and syncs its state through the supernode. */
  void syncOnReturn(boolean sync) {
    syncPending = sync;
  }

  // ---------------------------------------------------------------- connecting

  /** Starts connecting from the first round. */
  void connect(EntityContext ctx, OverlayParams p) {
    rounds.reset();
    beginRound(ctx, p);
  }

  /**
   * The supernode is gone (goodbye, silence, or the peer itself stopped serving): forget
   * {@code forget} and connect again. A logged-in client may resume its session.
   */
  void detachAndReconnect(EntityContext ctx, OverlayParams p, int forget) {
    cache.remove(forget);
    lostAt = needsLogin ? -1 : ctx.now();
    unlink(ctx, State.CONNECTING);
    connect(ctx, p);
  }

  private void beginRound(EntityContext ctx, OverlayParams p) {
    // With probes the state is synced after the handshake, not after every probe.
    boolean sync = syncPending && p.supernode().probeCost() == 0;
    int n = rounds.begin(ctx, p, cache, new ConnectRequest(self.id(), !needsLogin, sync));
    ctx.metrics().add(OverlayMetrics.CONNECT_ATTEMPTS, n);
    ctx.schedule(p.client().connectTimeout(), PeerTimer.CONNECT_TIMEOUT.timer(linkGen, rounds.round()));
  }

  private void roundFailed(EntityContext ctx, OverlayParams p) {
    if (self.isPeer() && rounds.round() >= p.client().giveUpAfterRounds()) {
      peer.giveUp(ctx, p); // the user stares at "connecting..." long enough
      return;
    }
    long delay = rounds.retryDelay(ctx, p);
    // A new link generation cancels the round's time-out when it failed early.
    linkGen++;
    ctx.schedule(delay, PeerTimer.CONNECT_RETRY.timer(linkGen));
  }

  void onConnectTimeout(EntityContext ctx, OverlayParams p, Timer t) {
    if (t.gen() != linkGen || t.arg() != rounds.round() || !connecting() || rounds.hasBest()) {
      return;
    }
    rounds.forgetSilent(cache);
    peer.shortage(ctx, p);
    roundFailed(ctx, p);
  }

  void onChoose(EntityContext ctx, Timer t) {
    if (t.gen() == linkGen && t.arg() == rounds.round() && connecting() && rounds.hasBest()) {
      link(ctx, rounds.best());
    }
  }

  void onConnectRetry(EntityContext ctx, OverlayParams p, Timer t) {
    if (t.gen() == linkGen && connecting()) {
      beginRound(ctx, p);
    }
  }

  void onConnectReply(EntityContext ctx, ConnectReply r) {
    OverlayParams p = self.params(ctx);
    if (r.status() == NOT_SUPERNODE) {
      cache.remove(r.supernode());
    } else {
      cache.add(r.supernode(), ctx.random());
      cache.merge(r.supernodes(), ctx.random());
      if (r.status() == FULL || r.clients() * p.supernode().perClientLoad() > p.healing().promoteAboveLoad()) {
        peer.shortage(ctx, p);
      }
    }
    boolean connecting = connecting();
    if (r.status() == ACCEPTED && !connecting) {
      if (supernode != r.supernode()) {
        // A late acceptance after we chose, or after we left: release it.
        ctx.send(r.supernode(), new Disconnect(self.id()), self.latency(ctx, r.supernode()));
      }
      return;
    }
    if (!connecting || !rounds.countAnswer(r.supernode())) {
      return;
    }
    if (r.status() == ACCEPTED) {
      // Load-aware selection keeps the least loaded of the supernodes that accept within a
      // short window and releases the others; otherwise the first answer wins.
      if (!p.healing().loadAware()) {
        link(ctx, r.supernode()); // the first (usually the nearest) supernode that answers
        return;
      }
      int release = rounds.offer(r.supernode(), r.clients(), p.client().preferOwnRegion());
      if (release < 0) {
        ctx.schedule(CHOOSE_WINDOW, PeerTimer.CHOOSE.timer(linkGen, rounds.round()));
      } else {
        ctx.send(release, new Disconnect(self.id()), self.latency(ctx, release));
      }
    }
    if (rounds.allAnswered()) {
      if (rounds.hasBest()) {
        link(ctx, rounds.best());
      } else {
        roundFailed(ctx, p);
      }
    }
  }

  private boolean connecting() {
    return state == State.CONNECTING && supernode < 0;
  }

  // ---------------------------------------------------------------- attached

  /** The peer starts serving: it becomes its own supernode (leaving the one it had). */
  void serveSelf(EntityContext ctx) {
    if (!self.isPeer()) {
      supernode = self.id();
      return;
    }
    if (supernode >= 0) {
      ctx.send(supernode, new Disconnect(self.id()), self.latency(ctx, supernode));
      // A log-in in progress goes on (its timers keep their generation); the old watchdog
      // stops by itself because it checks the role.
      supernode = self.id();
    } else if (state != State.OFFLINE) {
      link(ctx, self.id());
    }
  }

  /** Attaches to a supernode (or to itself when serving), then logs in or goes on line. */
  private void link(EntityContext ctx, int sn) {
    OverlayParams p = self.params(ctx);
    linkGen++;
    supernode = sn;
    boolean sync = syncPending;
    syncPending = false;
    rounds.finish();
    if (self.isPeer()) {
      ctx.metrics().add(OverlayMetrics.CONNECTED, 1);
    }
    lastHeard = ctx.now();
    if (sn != self.id() && !warmStart && p.supernode().probeCost() > 0) {
      // The round only probed: the handshake is done with the chosen supernode alone.
      ctx.send(sn, new ConnectRequest(self.id(), !needsLogin, sync), self.latency(ctx, sn));
    }
    if (sn != self.id()) {
      long watch = p.client().missedKeepAlives() * p.client().keepAliveInterval();
      ctx.schedule(watch, PeerTimer.WATCHDOG.timer(linkGen));
    }
    if (!needsLogin && lostAt >= 0 && ctx.now() - lostAt > p.client().sessionResume()) {
      needsLogin = true; // too long away: the session expired
    }
    lostAt = -1;
    if (needsLogin) {
      state = State.AUTHENTICATING;
      afterLogin(ctx, p, login.begin(ctx, p, linkGen));
    } else {
      goOnline(ctx, p);
    }
  }

  private void goOnline(EntityContext ctx, OverlayParams p) {
    state = State.ONLINE;
    if (!self.isPeer()) {
      return;
    }
    RegionMetrics.add(ctx, OverlayMetrics.ONLINE, self.region(), RegionMetrics.Count.ONLINE, 1);
    peer.online();
    probes.start(ctx, p, supernode, !peer.serving() && !warmStart, linkGen);
  }

  void onKeepAlive(EntityContext ctx, KeepAlive k) {
    if (supernode == k.supernode() && !peer.serving() && state != State.OFFLINE) {
      lastHeard = ctx.now();
      cache.merge(k.supernodes(), ctx.random());
      OverlayParams p = self.params(ctx);
      if (k.overloaded() || k.clients() * p.supernode().perClientLoad() > p.healing().promoteAboveLoad()) {
        peer.shortage(ctx, p);
      }
    } else {
      ctx.send(k.supernode(), new NotYourClient(self.id()), self.latency(ctx, k.supernode()));
    }
  }

  /** The supernode said goodbye: connect elsewhere (unless the peer serves itself). */
  void onSupernodeGone(EntityContext ctx, int sn) {
    cache.remove(sn);
    if (supernode == sn && !peer.serving()) {
      detachAndReconnect(ctx, self.params(ctx), sn);
    }
  }

  /** No keep-alive for missed-keep-alives intervals: the supernode crashed. */
  void onWatchdog(EntityContext ctx, OverlayParams p, Timer t) {
    if (t.gen() != linkGen || supernode < 0 || peer.serving()) {
      return;
    }
    long deadline = lastHeard + p.client().missedKeepAlives() * p.client().keepAliveInterval();
    if (ctx.now() >= deadline) {
      detachAndReconnect(ctx, p, supernode);
    } else {
      ctx.schedule(deadline - ctx.now(), PeerTimer.WATCHDOG.timer(linkGen));
    }
  }

  // ---------------------------------------------------------------- log-in

  void onLoginReply(EntityContext ctx, LoginReply r) {
    if (state == State.AUTHENTICATING) {
      afterLogin(ctx, self.params(ctx), login.onReply(ctx, self.params(ctx), r, linkGen));
    }
  }

  void onLoginTimeout(EntityContext ctx, OverlayParams p, Timer t) {
    if (t.gen() == linkGen) {
      afterLogin(ctx, p, login.onTimeout(ctx, p, t.arg(), linkGen));
    }
  }

  void onLoginRetry(EntityContext ctx, OverlayParams p, Timer t) {
    if (t.gen() == linkGen && state == State.AUTHENTICATING) {
      afterLogin(ctx, p, login.send(ctx, p, linkGen));
    }
  }

  private void afterLogin(EntityContext ctx, OverlayParams p, LoginClient.Outcome outcome) {
    switch (outcome) {
      case SUCCEEDED -> {
        needsLogin = false;
        goOnline(ctx, p);
      }
      case GAVE_UP -> peer.giveUp(ctx, p);
      case PENDING -> { }
    }
  }

  // ---------------------------------------------------------------- state

  State state() {
    return state;
  }

  int supernode() {
    return supernode;
  }

  int sessionGen() {
    return sessionGen;
  }

  int linkGen() {
    return linkGen;
  }

  long upSince() {
    return upSince;
  }
}
