package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayMessage.NOT_SUPERNODE;

import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.Sampled;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.ClientSession.State;
import org.patchstorm.core.overlay.OverlayMessage.Activate;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.Restart;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.OverlayMessage.StatusUpdate;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.ServiceProbes.Relayed;
import org.patchstorm.core.overlay.defence.ServerGuard;

/**
 * A peer: an ordinary client that may serve as a supernode, or one of the operator's bootstrap
 * or dedicated supernodes, which only serve. It composes its parts and runs the process's life
 * (sessions, restarts, crashes); the parts hold their own state:
 *
 * <ul>
 *   <li>{@link ClientSession}: connecting ({@link ConnectRounds}), logging in ({@link LoginClient}),
 *       on line, reconnecting;
 *   <li>{@link SupernodeRole}: the supernode while it serves, with its {@link WorkQueue};
 *   <li>{@link PromotionWatch}: when an eligible client starts serving;
 *   <li>{@link HostCache}: the supernodes it knows;
 *   <li>{@link ServiceProbes}: what the user does and sees (IM, presence, contact search);
 *   <li>{@link ProcessSchedule}: when the process runs (sessions, off-line gaps, the
 *       coordinator's restarts).
 * </ul>
 */
public final class PeerEntity implements Entity, Sampled, ClientSession.Peer {

  private final PeerIdentity self;
  /** Only an eligible peer is ever promoted, so only it keeps the watch (null otherwise). */
  private final PromotionWatch promotion;
  private final ProcessSchedule schedule;
  private HostCache cache;
  private ServiceProbes probes;
  private ClientSession session;
  /** The supernode role while the peer serves, else null. */
  private SupernodeRole role;
  private int roleGen;
  /** The defences of the role (their state stays with the host across stints). */
  private ServerGuard guard;
  /** Time of the last event, for sampling. */
  private long lastNow;

  PeerEntity(OverlayWorld world, int id) {
    this.self = PeerIdentity.of(world, id);
    this.promotion = self.eligible() ? new PromotionWatch() : null;
    this.schedule = new ProcessSchedule(self);
  }

  // ---------------------------------------------------------------- start

  @Override
  public void start(EntityContext ctx) {
    lastNow = ctx.now();
    ctx.sampled(false); // only supernodes have gauges to sample
    OverlayParams p = self.params();
    cache = new HostCache(self.id(), p.client().hostCacheSize());
    cache.seed(self.world().initialSupernodes(), ctx.random());
    probes = new ServiceProbes(self);
    session = new ClientSession(self, cache, probes, this);
    switch (self.kind()) {
      case BOOTSTRAP -> {
        session.infrastructureUp();
        becomeSupernode(ctx, false);
      }
      case DEDICATED -> { } // dormant until the coordinator wakes it
      case PEER -> startPeer(ctx, p);
    }
  }

  private void startPeer(EntityContext ctx, OverlayParams p) {
    OverlayWorld world = self.world();
    int id = self.id();
    if (!world.initiallyOnline(id)) {
      // Residual off-line time: a fresh sample (exact for exponential off-times; a uniform
      // share of one sample would start a burst of sessions in the first minutes).
      ctx.schedule(schedule.offlineGap(ctx), PeerTimer.SESSION_START.timer(session.sessionGen()));
      return;
    }
    // Warm start: already up and logged in for a while (uptime counts towards promotion);
    // the residual session is a fresh sample, for the same reason.
    long length = schedule.beginSession(ctx, p);
    long elapsed = (long) (ctx.random().nextDouble() * schedule.sessionLength(ctx, p));
    session.openWarm(ctx, ctx.now() - elapsed);
    ctx.schedule(length, PeerTimer.SESSION_END.timer(session.sessionGen()));
    if (self.eligible()) {
      schedulePromotionCheck(ctx, p);
    }
    if (world.isInitialSupernode(id)) {
      becomeSupernode(ctx, false);
      role.markWarm(); // serving for long already
      for (int c : world.initialClientsOf(id)) {
        role.addClient(c);
      }
    } else {
      int sn = world.initialSupernodeOf(id);
      if (sn >= 0) {
        session.linkWarm(ctx, sn);
      } else {
        session.connect(ctx, p); // an overlay too small for any initial supernode: via bootstrap
      }
    }
  }

  // ---------------------------------------------------------------- dispatch

  @Override
  public void receive(EntityContext ctx, Object message) {
    lastNow = ctx.now();
    if (message instanceof Timer t) {
      onTimer(ctx, t);
    } else if (message instanceof ConnectRequest m) {
      onConnectRequest(ctx, m);
    } else if (message instanceof ConnectReply m) {
      session.onConnectReply(ctx, m);
    } else if (message instanceof KeepAlive m) {
      session.onKeepAlive(ctx, m);
    } else if (message instanceof Im m) {
      probes.onRelayable(ctx, Relayed.IM, m.from(), m.to(), m.sentAt(), m.relayed(), role, session.state());
    } else if (message instanceof LoginReply m) {
      session.onLoginReply(ctx, m);
    } else if (message instanceof SupernodeGone m) {
      session.onSupernodeGone(ctx, m.supernode());
    } else if (message instanceof StatusUpdate m) {
      probes.onRelayable(ctx, Relayed.STATUS, m.from(), m.to(), m.sentAt(), m.relayed(), role, session.state());
    } else if (message instanceof Search m) {
      probes.onSearch(ctx, m, role);
    } else if (message instanceof SearchReply m) {
      probes.onSearchReply(ctx, m, session.state());
    } else if (message instanceof Restart m) {
      onRestart(ctx, self.params(), m, false);
    } else if (message instanceof ChangeParameter m) {
      self.apply(m);
    } else if (message instanceof ChangeDefence m) {
      self.apply(m);
    } else if (message instanceof Activate m) {
      activate(ctx, m);
    } else if (role != null && message instanceof OverlayMessage m) {
      role.receive(ctx, m, cache); // client goodbyes, presence, gossip, floods
    }
    if (role != null && role.shutdownDue()) {
      stopServingAndReconnect(ctx, OverlayMetrics.SHUTDOWNS);
    }
  }

  private void onTimer(EntityContext ctx, Timer t) {
    OverlayParams p = self.params();
    boolean thisRun = t.gen() == session.sessionGen();
    State state = session.state();
    switch (PeerTimer.of(t)) {
      case SESSION_START -> {
        if (thisRun && state == State.OFFLINE) {
          processStart(ctx, p);
        }
      }
      case SESSION_END -> {
        if (thisRun && state != State.OFFLINE) {
          processStop(ctx, true);
          ctx.schedule(schedule.offlineGap(ctx), PeerTimer.SESSION_START.timer(session.sessionGen()));
        }
      }
      case CONNECT_TIMEOUT -> session.onConnectTimeout(ctx, p, t);
      case CHOOSE -> session.onChoose(ctx, t);
      case CONNECT_RETRY -> session.onConnectRetry(ctx, p, t);
      case LOGIN_TIMEOUT -> session.onLoginTimeout(ctx, p, t);
      case LOGIN_RETRY -> session.onLoginRetry(ctx, p, t);
      case WATCHDOG -> session.onWatchdog(ctx, p, t);
      case IM_SEND, STATUS_SEND, SEARCH_SEND -> {
        if (t.gen() == session.linkGen() && state == State.ONLINE) {
          probes.onTimer(ctx, p, PeerTimer.of(t), role, session.supernode(), session.linkGen());
        }
      }
      case SEARCH_TIMEOUT -> probes.onSearchTimeout(ctx, t, state, role, session.supernode());
      case PROMOTION_CHECK -> {
        if (thisRun && state != State.OFFLINE) { // scheduled for eligible peers only
          if (promotion != null && promotion.shortageSeen(ctx.now(), p.healing())) {
            tryPromote(ctx, p);
          }
          schedulePromotionCheck(ctx, p);
        }
      }
      case PENDING_RESTART -> {
        if (thisRun && state != State.OFFLINE) {
          Restart missed = schedule.takeDue();
          if (missed != null) {
            onRestart(ctx, p, missed, true);
          }
        }
      }
      case RESTART_RETURN -> {
        if (thisRun && state == State.OFFLINE) {
          processStart(ctx, p);
          if (schedule.takeResumeRole() && role == null) {
            becomeSupernode(ctx, false); // back in the role, but cold: see the warm-up
          }
        }
      }
      case SN_TICK -> {
        if (role != null && t.gen() == role.generation() && role.tick(ctx, p, cache)) {
          stopServingAndReconnect(ctx, OverlayMetrics.DEMOTIONS);
        }
      }
    }
  }

  private void onConnectRequest(EntityContext ctx, ConnectRequest m) {
    if (session.state() == State.OFFLINE) {
      return; // host down: the client times out
    }
    if (role == null) {
      ctx.send(m.client(), new ConnectReply(self.id(), NOT_SUPERNODE, 0, new int[0]), self.latency(ctx, m.client()));
      return;
    }
    role.onConnectRequest(ctx, m, cache);
  }

  // ---------------------------------------------------------------- process life

  private void processStart(EntityContext ctx, OverlayParams p) {
    session.open(ctx);
    ctx.schedule(schedule.beginSession(ctx, p), PeerTimer.SESSION_END.timer(session.sessionGen()));
    schedule.onRunStart(ctx, session.sessionGen());
    if (self.eligible()) {
      schedulePromotionCheck(ctx, p);
    }
    session.connect(ctx, p);
  }

  /** Stops the process; a clean stop says goodbye to the supernode or to the clients. */
  private void processStop(EntityContext ctx, boolean clean) {
    boolean serving = role != null;
    if (serving) {
      stopServing(ctx, clean);
    }
    session.close(ctx, clean && !serving);
  }

  /**
   * The coordinator's restart ({@code pending}: one that found the process off, now due in its
   * next run; it is not remembered again).
   */
  private void onRestart(EntityContext ctx, OverlayParams p, Restart command, boolean pending) {
    boolean off = session.state() == State.OFFLINE;
    Restart b = pending && off ? null : schedule.restartNow(command, off, role != null);
    if (b == null) {
      return;
    }
    ctx.metrics().add(OverlayMetrics.RESTARTS, 1);
    schedule.resumeRoleOnReturn(role != null && self.isPeer() && self.world().attack().crash().resumeSupernodeRole());
    session.syncOnReturn(b.crash());
    processStop(ctx, !b.crash());
    ctx.schedule(Math.max(1, b.downtime()), PeerTimer.RESTART_RETURN.timer(session.sessionGen()));
  }

  /** A dormant dedicated supernode is woken by the coordinator. */
  private void activate(EntityContext ctx, Activate command) {
    if (self.kind() != PeerIdentity.Kind.DEDICATED || self.dedicatedCapacity() != null) {
      return; // only a dormant dedicated supernode wakes, and only once
    }
    self.apply(command);
    session.infrastructureUp();
    OverlayWorld world = self.world();
    for (int b = 0; b < world.bootstrapCount(); b++) {
      cache.add(world.firstBootstrap() + b, ctx.random());
    }
    becomeSupernode(ctx, false);
  }

  // ---------------------------------------------------------------- serving

  private void tryPromote(EntityContext ctx, OverlayParams p) {
    if (!self.isPeer() || role != null || !self.eligible() || session.state() == State.OFFLINE) {
      return;
    }
    if (promotion.promote(ctx.now(), session.upSince(), p.healing(), ctx.random())) {
      becomeSupernode(ctx, true);
    }
  }

  private void schedulePromotionCheck(EntityContext ctx, OverlayParams p) {
    ctx.schedule(PromotionWatch.checkDelay(p.healing(), ctx.random()),
        PeerTimer.PROMOTION_CHECK.timer(session.sessionGen()));
  }

  private void becomeSupernode(EntityContext ctx, boolean promotion) {
    OverlayParams p = self.params();
    ctx.sampled(true);
    roleGen++;
    if (guard == null) {
      guard = ServerGuard.forSupernode();
    }
    role = new SupernodeRole(self, roleGen, guard, ctx.now());
    ctx.metrics().add(OverlayMetrics.SUPERNODES, 1);
    if (promotion) {
      ctx.metrics().add(OverlayMetrics.PROMOTIONS, 1);
    }
    role.announce(ctx, p, cache);
    session.serveSelf(ctx);
  }

  private void stopServing(EntityContext ctx, boolean clean) {
    role.stop(ctx, clean);
    role = null;
    ctx.sampled(false);
    roleGen++;
    ctx.metrics().add(OverlayMetrics.SUPERNODES, -1);
  }

  /** Demotion or self-shutdown: stop serving, keep running as an ordinary client. */
  private void stopServingAndReconnect(EntityContext ctx, int counter) {
    OverlayParams p = self.params();
    ctx.metrics().add(counter, 1);
    stopServing(ctx, true);
    if (promotion != null) {
      promotion.coolDown(ctx.now(), p.healing());
    }
    session.detachAndReconnect(ctx, p, self.id());
  }

  @Override
  public void sample(MetricsSink sink) {
    if (role != null) {
      role.sample(sink, lastNow);
    }
  }

  // ---------------------------------------------------------------- as its session sees it
  // (the peer itself, not a hooks object: 16 bytes less per peer)

  @Override
  public boolean serving() {
    return role != null;
  }

  @Override
  public void shortage(EntityContext ctx, OverlayParams p) {
    if (promotion != null && promotion.noteShortage(ctx.now(), p.healing())) {
      tryPromote(ctx, p);
    }
  }

  @Override
  public void giveUp(EntityContext ctx, OverlayParams p) {
    ctx.metrics().add(OverlayMetrics.LOGIN_GIVE_UPS, 1);
    processStop(ctx, true);
    ctx.schedule(schedule.afterGiveUp(ctx, p), PeerTimer.SESSION_START.timer(session.sessionGen()));
  }

  @Override
  public void online() {
    schedule.signedIn();
  }

  // ---------------------------------------------------------------- for tests

  State state() {
    return session.state();
  }

  int supernode() {
    return session.supernode();
  }

  boolean isSupernode() {
    return role != null;
  }

  int clientCount() {
    return role == null ? 0 : role.clientCount();
  }

  int cacheSize() {
    return cache.size();
  }

  int linkGenForTest() {
    return session.linkGen();
  }
}
