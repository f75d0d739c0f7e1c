package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayMessage.ACCEPTED;
import static org.patchstorm.core.overlay.OverlayMessage.FULL;
import static org.patchstorm.core.overlay.OverlayMessage.NOT_SUPERNODE;

import java.util.List;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.Sampled;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.ListExchange;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Presence;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.OverlayMessage.Flood;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.OverlayMessage.StatusUpdate;
import org.patchstorm.core.overlay.TimelineEvent.RestartBurst;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.defence.ServerGuard;

/**
 * A peer: an ordinary client that may serve as a supernode (the role is state), or one of the
 * operator's bootstrap or dedicated supernodes, which only serve.
 *
 * <p>Client life: off -> connecting (several cached supernodes in parallel, the bootstrap set
 * every few rounds) -> authenticating with a login server (time-outs and retries by policy) ->
 * online (presence, IMs, keep-alives from the supernode) -> log-out, crash or restart. A lost
 * supernode is noticed at once when it says goodbye and after missed keep-alives when it
 * crashed.
 *
 * <p>Supernode life: promoted when it sees shortage (at once if healing is load-aware, else at
 * a periodic check), subject to minimum uptime; serves a bounded number of clients and a bounded
 * message rate (a virtual queue of work units draining at the service rate; overflow is dropped);
 * gossips its list; demotes itself when idle; optionally shuts itself down under sustained
 * overload.
 */
public final class PeerEntity implements Entity, Sampled {

  enum Kind { PEER, BOOTSTRAP, DEDICATED }

  static final int OFFLINE = 0;
  static final int CONNECTING = 1;
  static final int AUTHENTICATING = 2;
  static final int ONLINE = 3;


  /** How long a client waits for more answers after the first acceptance before it chooses. */
  static final long CHOOSE_WINDOW = 300_000L;

  /** Locally throttled log-ins wait at least this long, so an immediate policy cannot spin. */
  static final long THROTTLED_RETRY_FLOOR = OverlayParams.SECOND;

  private final OverlayWorld world;
  private final int id;
  private final Kind kind;
  private final int region;
  private final boolean eligible;

  private int state = OFFLINE;
  private int supernode = -1;
  private boolean needsLogin;
  /** Back from a crash and not yet connected: the next connection syncs (crash.sync-cost). */
  private boolean syncPending;
  private int sessionGen;
  private int linkGen;
  private long upSince;
  private long lastNow;

  /** The supernodes this peer knows (also the supernode's list for gossip). */
  private HostCache cache;

  // Connecting.
  private int connectRound;
  private long prevConnectDelay;
  private int[] roundTargets = new int[0];
  private int roundReplies;
  private int bestAccept = -1;
  private int bestClients;

  // Keep-alive watch.
  private long lastHeard;

  // Log-in.
  private int loginAttempt;
  private boolean awaitingLogin;
  private long loginSentAt;
  private long prevLoginDelay;
  private double throttleRequests;
  private double throttleAccepts;
  private long throttleAt;

  // Healing.
  private long shortageAt = Long.MIN_VALUE;
  private long cooldownUntil;

  // Restarts.
  private int pendingBurst = -1;

  // Supernode role.
  private boolean isSupernode;
  private int snGen;
  private int[] clients;
  private int clientCount;
  private WorkQueue queue;
  private long overloadSince = -1;
  private long lowSince = -1;
  private boolean shutdownDue;
  private boolean warmStart;

  // Defences of the supernode role (created on first use) and its warm-up.
  private ServerGuard guard;
  private long servingSince = Long.MIN_VALUE / 2;
  /** A supernode that crashed comes back in that role (if the crash model says so). */
  private boolean resumeRole;

  // The user's pending directory search, if any.
  private long searchSentAt = -1;
  private int searchSeq;
  /** When the client lost its supernode while logged in (session resumption), or -1. */
  private long lostAt = -1;

  PeerEntity(OverlayWorld world, int id) {
    this.world = world;
    this.id = id;
    this.kind = world.isBootstrap(id) ? Kind.BOOTSTRAP : world.isDedicated(id) ? Kind.DEDICATED : Kind.PEER;
    this.region = world.region(id);
    this.eligible = world.eligible(id);
  }

  // ---------------------------------------------------------------- start

  @Override
  public void start(EntityContext ctx) {
    lastNow = ctx.now();
    ctx.sampled(false); // only supernodes have gauges to sample
    OverlayParams p = world.params(ctx.now());
    cache = new HostCache(id, p.client().hostCacheSize());
    cache.seed(world.initialSupernodes(), ctx.random());
    switch (kind) {
      case BOOTSTRAP -> {
        state = ONLINE;
        becomeSupernode(ctx, false);
      }
      case DEDICATED -> ctx.schedule(world.dedicatedActivation(id) - ctx.now(), PeerTimer.ACTIVATE.timer(0));
      case PEER -> startPeer(ctx, p);
    }
  }

  private void startPeer(EntityContext ctx, OverlayParams p) {
    scheduleRestarts(ctx, p);
    if (!world.initiallyOnline(id)) {
      // Residual off-line time: a fresh sample (exact for exponential off-times; a uniform
      // share of one sample would start a burst of sessions in the first minutes).
      ctx.schedule(offlineDuration(ctx, p), PeerTimer.SESSION_START.timer(sessionGen));
      return;
    }
    // Warm start: already up and logged in for a while (uptime counts towards promotion);
    // the residual session is a fresh sample, for the same reason.
    long session = sessionDuration(ctx, p);
    long elapsed = (long) (ctx.random().nextDouble() * sessionDuration(ctx, p));
    upSince = ctx.now() - elapsed;
    state = CONNECTING;
    needsLogin = false;
    ctx.metrics().add(OverlayMetrics.PEERS_UP, 1);
    ctx.schedule(session, PeerTimer.SESSION_END.timer(sessionGen));
    if (eligible) {
      schedulePromotionCheck(ctx, p);
    }
    if (world.isInitialSupernode(id)) {
      becomeSupernode(ctx, false);
      servingSince = Long.MIN_VALUE / 2; // serving for long already: warm
      for (int c : world.initialClientsOf(id)) {
        addClient(c);
      }
    } else {
      int sn = world.initialSupernodeOf(id);
      cache.add(sn, ctx.random());
      warmStart = true;
      link(ctx, sn);
      warmStart = false;
    }
  }

  private void scheduleRestarts(EntityContext ctx, OverlayParams p) {
    List<RestartBurst> bursts = p.timeline().restartBursts();
    for (int i = 0; i < bursts.size(); i++) {
      RestartBurst b = bursts.get(i);
      // Draw both numbers whatever the outcome, so one burst's settings do not shift another's.
      double pick = ctx.random().nextDouble();
      double jitter = ctx.random().nextDouble();
      boolean matches = switch (b.selector()) {
        case ALL -> true;
        case AUTO_UPDATE -> world.autoUpdate(id);
        case ELIGIBLE -> eligible;
        case AFFECTED_VERSION -> world.affectedVersion(id);
      };
      if (!matches || pick >= b.fraction()) {
        continue;
      }
      long time = b.at();
      if (b.localTimeOfDay() >= 0) {
        long offset = world.utcOffsetMicros(region);
        long local = b.at() + offset;
        long day = 24 * OverlayParams.HOUR;
        long candidate = Math.floorDiv(local, day) * day + b.localTimeOfDay() - offset;
        time = candidate < b.at() ? candidate + day : candidate;
      }
      time += (long) (jitter * b.window());
      ctx.schedule(Math.max(0, time - ctx.now()), PeerTimer.RESTART.timer(0, i));
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
      onConnectReply(ctx, m);
    } else if (message instanceof KeepAlive m) {
      onKeepAlive(ctx, m);
    } else if (message instanceof Im m) {
      onIm(ctx, m);
    } else if (message instanceof LoginReply m) {
      onLoginReply(ctx, m);
    } else if (message instanceof SupernodeGone m) {
      cache.remove(m.supernode());
      if (supernode == m.supernode() && !isSupernode) {
        supernodeLost(ctx);
      }
    } else if (message instanceof Disconnect m) {
      removeClient(m.client());
    } else if (message instanceof NotYourClient m) {
      removeClient(m.client());
    } else if (message instanceof Presence) {
      if (isSupernode) {
        admit(ctx, 1);
      }
    } else if (message instanceof ListExchange m) {
      onListExchange(ctx, m);
    } else if (message instanceof StatusUpdate m) {
      onStatus(ctx, m);
    } else if (message instanceof Search m) {
      onSearch(ctx, m);
    } else if (message instanceof SearchReply m) {
      onSearchReply(ctx, m);
    } else if (message instanceof Flood m) {
      if (isSupernode && guarded(ctx, m.from())) {
        admit(ctx, m.units()); // relaying the junk costs the supernode; the peer ignores it
      }
    }
    if (shutdownDue) {
      shutdownDue = false;
      stopServingAndReconnect(ctx, OverlayMetrics.SHUTDOWNS);
    }
  }

  private void onTimer(EntityContext ctx, Timer t) {
    OverlayParams p = world.params(ctx.now());
    switch (PeerTimer.of(t)) {
      case SESSION_START -> {
        if (t.gen() == sessionGen && state == OFFLINE) {
          processStart(ctx, p);
        }
      }
      case SESSION_END -> {
        if (t.gen() == sessionGen && state != OFFLINE) {
          processStop(ctx, true);
          ctx.schedule(offlineDuration(ctx, p), PeerTimer.SESSION_START.timer(sessionGen));
        }
      }
      case CONNECT_TIMEOUT -> {
        if (t.gen() == linkGen && t.arg() == connectRound && state == CONNECTING && supernode < 0
            && bestAccept < 0) {
          // Cached supernodes that did not answer are gone; forget them (not the bootstrap set).
          for (int target : roundTargets) {
            if (target >= 0 && !world.isBootstrap(target)) {
              cache.remove(target);
            }
          }
          shortage(ctx, p);
          connectRoundFailed(ctx, p);
        }
      }
      case CHOOSE -> {
        if (t.gen() == linkGen && t.arg() == connectRound && state == CONNECTING && supernode < 0
            && bestAccept >= 0) {
          link(ctx, bestAccept);
        }
      }
      case CONNECT_RETRY -> {
        if (t.gen() == linkGen && state == CONNECTING && supernode < 0) {
          beginConnect(ctx, p);
        }
      }
      case LOGIN_TIMEOUT -> {
        if (t.gen() == linkGen && awaitingLogin && t.arg() == loginAttempt) {
          awaitingLogin = false;
          ctx.metrics().add(OverlayMetrics.LOGIN_TIMEOUTS, 1);
          loginFailed(ctx, p, false);
        }
      }
      case LOGIN_RETRY -> {
        if (t.gen() == linkGen && state == AUTHENTICATING) {
          sendLogin(ctx, p);
        }
      }
      case WATCHDOG -> {
        if (t.gen() == linkGen && supernode >= 0 && !isSupernode) {
          long deadline = lastHeard + p.client().missedKeepAlives() * p.client().keepAliveInterval();
          if (ctx.now() >= deadline) {
            supernodeLost(ctx);
          } else {
            ctx.schedule(deadline - ctx.now(), PeerTimer.WATCHDOG.timer(linkGen));
          }
        }
      }
      case IM_SEND -> {
        if (t.gen() == linkGen && state == ONLINE) {
          sendIm(ctx, p);
          scheduleIm(ctx, p);
        }
      }
      case PROMOTION_CHECK -> {
        if (t.gen() == sessionGen && state != OFFLINE) {
          if (shortageAt >= ctx.now() - p.healing().promotionCheckInterval()) {
            tryPromote(ctx, p);
          }
          schedulePromotionCheck(ctx, p);
        }
      }
      case RESTART -> onRestart(ctx, p, t.arg(), false);
      case PENDING_RESTART -> {
        if (t.gen() == sessionGen && state != OFFLINE) {
          onRestart(ctx, p, t.arg(), true);
        }
      }
      case RESTART_RETURN -> {
        if (t.gen() == sessionGen && state == OFFLINE) {
          processStart(ctx, p);
          if (resumeRole && !isSupernode) {
            becomeSupernode(ctx, false); // back in the role, but cold: see warmUpFactor
          }
          resumeRole = false;
        }
      }
      case STATUS_SEND -> {
        if (t.gen() == linkGen && state == ONLINE) {
          sendStatus(ctx);
          scheduleProbe(ctx, PeerTimer.STATUS_SEND, world.attack().service().statusPerHour());
        }
      }
      case SEARCH_SEND -> {
        if (t.gen() == linkGen && state == ONLINE) {
          startSearch(ctx);
          scheduleProbe(ctx, PeerTimer.SEARCH_SEND, world.attack().service().searchesPerHour());
        }
      }
      case SEARCH_TIMEOUT -> {
        if (t.gen() == searchSeq && searchSentAt >= 0) {
          searchSentAt = -1;
          if (state != OFFLINE) {
            ctx.metrics().add(OverlayMetrics.SEARCH_FAILURES, 1);
          }
        }
      }
      case SN_TICK -> {
        if (t.gen() == snGen && isSupernode) {
          supernodeTick(ctx, p);
        }
      }
      case ACTIVATE -> {
        state = ONLINE;
        for (int b = 0; b < world.bootstrapCount(); b++) {
          cache.add(world.firstBootstrap() + b, ctx.random());
        }
        becomeSupernode(ctx, false);
      }
    }
  }

  // ---------------------------------------------------------------- sessions and restarts

  private void processStart(EntityContext ctx, OverlayParams p) {
    sessionGen++;
    linkGen++;
    upSince = ctx.now();
    state = CONNECTING;
    needsLogin = true;
    lostAt = -1;
    ctx.metrics().add(OverlayMetrics.PEERS_UP, 1);
    ctx.schedule(sessionDuration(ctx, p), PeerTimer.SESSION_END.timer(sessionGen));
    if (pendingBurst >= 0) {
      RestartBurst b = p.timeline().restartBursts().get(pendingBurst);
      ctx.schedule(b.missedDelay(), PeerTimer.PENDING_RESTART.timer(sessionGen, pendingBurst));
      pendingBurst = -1;
    }
    if (eligible) {
      schedulePromotionCheck(ctx, p);
    }
    connectRound = 0;
    prevConnectDelay = 0;
    beginConnect(ctx, p);
  }

  /** Stops the client process; a clean stop says goodbye to the supernode or to the clients. */
  private void processStop(EntityContext ctx, boolean clean) {
    if (isSupernode) {
      stopServing(ctx, clean);
    } else if (supernode >= 0 && clean) {
      ctx.send(supernode, new Disconnect(id), latency(ctx, supernode));
    }
    if (supernode >= 0) {
      ctx.metrics().add(OverlayMetrics.CONNECTED, -1);
    }
    if (state == ONLINE) {
      ctx.metrics().add(OverlayMetrics.ONLINE, -1);
    }
    ctx.metrics().add(OverlayMetrics.PEERS_UP, -1);
    supernode = -1;
    awaitingLogin = false;
    state = OFFLINE;
    sessionGen++;
    linkGen++;
  }

  private void onRestart(EntityContext ctx, OverlayParams p, int burstIndex, boolean pending) {
    RestartBurst b = p.timeline().restartBursts().get(burstIndex);
    if (state == OFFLINE) {
      if (!pending && b.missedDelay() >= 0) {
        pendingBurst = burstIndex;
      }
      return;
    }
    if (isSupernode && !b.includeSupernodes()) {
      return;
    }
    ctx.metrics().add(OverlayMetrics.RESTARTS, 1);
    resumeRole = isSupernode && kind == Kind.PEER && world.attack().crash().resumeSupernodeRole();
    syncPending = b.crash();
    processStop(ctx, !b.crash());
    ctx.schedule(Math.max(1, b.downtime().sampleMicros(ctx.random())), PeerTimer.RESTART_RETURN.timer(sessionGen));
  }

  private long sessionDuration(EntityContext ctx, OverlayParams p) {
    double scale = eligible ? p.population().eligibleSessionScale() : 1;
    return Math.max(OverlayParams.SECOND, (long) (p.population().session().sampleMicros(ctx.random()) * scale));
  }

  /**
   * Off-line time: until the next start of a time-varying Poisson process that keeps the
   * region's online share on its diurnal curve (see {@link OverlayWorld#nextStart}).
   */
  private long offlineDuration(EntityContext ctx, OverlayParams p) {
    long next = world.nextStart(region, eligible, ctx.now(), ctx.random().nextExponential());
    return Math.max(OverlayParams.SECOND, next - ctx.now());
  }

  // ---------------------------------------------------------------- connecting

  private void beginConnect(EntityContext ctx, OverlayParams p) {
    connectRound++;
    int parallel = p.client().parallelConnects();
    boolean bootstrap = cache.size() == 0 || connectRound % (p.client().cacheRoundsBeforeBootstrap() + 1) == 0;
    int n = bootstrap ? Math.min(parallel, world.bootstrapCount()) : Math.min(parallel, cache.size());
    roundTargets = new int[n];
    roundReplies = 0;
    bestAccept = -1;
    for (int i = 0; i < n; i++) {
      int target;
      int tries = 0;
      do {
        target = bootstrap
            ? world.firstBootstrap() + ctx.random().nextInt(world.bootstrapCount())
            : cache.pick(ctx.random());
      } while (HostCache.contains(roundTargets, i, target) && ++tries < 8);
      roundTargets[i] = target;
      ctx.send(target, new ConnectRequest(id, !needsLogin, syncPending), latency(ctx, target));
    }
    ctx.metrics().add(OverlayMetrics.CONNECT_ATTEMPTS, n);
    ctx.schedule(p.client().connectTimeout(), PeerTimer.CONNECT_TIMEOUT.timer(linkGen, connectRound));
  }

  private void connectRoundFailed(EntityContext ctx, OverlayParams p) {
    if (kind == Kind.PEER && connectRound >= p.client().giveUpAfterRounds()) {
      // The user stares at "connecting..." long enough and closes the client for a while.
      ctx.metrics().add(OverlayMetrics.LOGIN_GIVE_UPS, 1);
      processStop(ctx, true);
      ctx.schedule(Math.max(1, p.login().giveUpPause().sampleMicros(ctx.random())),
          PeerTimer.SESSION_START.timer(sessionGen));
      return;
    }
    long delay = p.client().connectRetry().nextDelay(connectRound, prevConnectDelay, ctx.random());
    prevConnectDelay = delay;
    roundTargets = new int[0];
    // A new link generation cancels the round's time-out when it failed early.
    linkGen++;
    ctx.schedule(delay, PeerTimer.CONNECT_RETRY.timer(linkGen));
  }

  private void onConnectReply(EntityContext ctx, ConnectReply r) {
    OverlayParams p = world.params(ctx.now());
    if (r.status() == NOT_SUPERNODE) {
      cache.remove(r.supernode());
    } else {
      cache.add(r.supernode(), ctx.random());
      cache.merge(r.supernodes(), ctx.random());
      if (r.status() == FULL || r.clients() * p.supernode().perClientLoad() > p.healing().promoteAboveLoad()) {
        shortage(ctx, p);
      }
    }
    boolean connecting = state == CONNECTING && supernode < 0;
    if (r.status() == ACCEPTED && !connecting) {
      if (supernode != r.supernode()) {
        // A late acceptance after we chose, or after we left: release it.
        ctx.send(r.supernode(), new Disconnect(id), latency(ctx, r.supernode()));
      }
      return;
    }
    if (!connecting || !isTarget(r.supernode())) {
      return;
    }
    roundReplies++;
    if (r.status() == ACCEPTED) {
      // Load-aware selection keeps the least loaded of the supernodes that accept within a
      // short window and releases the others; otherwise the first answer wins.
      if (!p.healing().loadAware()) {
        link(ctx, r.supernode()); // the first (usually the nearest) supernode that answers
        return;
      }
      if (bestAccept < 0) {
        bestAccept = r.supernode();
        bestClients = r.clients();
        ctx.schedule(CHOOSE_WINDOW, PeerTimer.CHOOSE.timer(linkGen, connectRound));
      } else if (r.clients() < bestClients) {
        ctx.send(bestAccept, new Disconnect(id), latency(ctx, bestAccept));
        bestAccept = r.supernode();
        bestClients = r.clients();
      } else {
        ctx.send(r.supernode(), new Disconnect(id), latency(ctx, r.supernode()));
      }
    }
    if (roundReplies >= roundTargets.length) {
      if (bestAccept >= 0) {
        link(ctx, bestAccept);
      } else {
        connectRoundFailed(ctx, p);
      }
    }
  }

  private boolean isTarget(int sn) {
    for (int i = 0; i < roundTargets.length; i++) {
      if (roundTargets[i] == sn) {
        roundTargets[i] = -1; // count each target's answer once
        return true;
      }
    }
    return false;
  }

  /** Attaches to a supernode (or to itself when serving), then logs in or goes online. */
  private void link(EntityContext ctx, int sn) {
    OverlayParams p = world.params(ctx.now());
    linkGen++;
    supernode = sn;
    syncPending = false;
    roundTargets = new int[0];
    bestAccept = -1;
    if (kind == Kind.PEER) {
      ctx.metrics().add(OverlayMetrics.CONNECTED, 1);
    }
    lastHeard = ctx.now();
    if (sn != id) {
      long watch = p.client().missedKeepAlives() * p.client().keepAliveInterval();
      ctx.schedule(watch, PeerTimer.WATCHDOG.timer(linkGen));
    }
    if (!needsLogin && lostAt >= 0 && ctx.now() - lostAt > p.client().sessionResume()) {
      needsLogin = true; // too long away: the session expired
    }
    lostAt = -1;
    if (needsLogin) {
      state = AUTHENTICATING;
      loginAttempt = 0;
      prevLoginDelay = 0;
      sendLogin(ctx, p);
    } else {
      goOnline(ctx, p);
    }
  }

  private void goOnline(EntityContext ctx, OverlayParams p) {
    state = ONLINE;
    if (kind != Kind.PEER) {
      return;
    }
    ctx.metrics().add(OverlayMetrics.ONLINE, 1);
    if (!isSupernode && !warmStart) {
      ctx.send(supernode, new Presence(id), latency(ctx, supernode));
    }
    scheduleIm(ctx, p);
    AttackParams.Service service = world.attack().service();
    scheduleProbe(ctx, PeerTimer.STATUS_SEND, service.statusPerHour());
    scheduleProbe(ctx, PeerTimer.SEARCH_SEND, service.searchesPerHour());
  }

  private void supernodeLost(EntityContext ctx) {
    OverlayParams p = world.params(ctx.now());
    cache.remove(supernode);
    ctx.metrics().add(OverlayMetrics.CONNECTED, -1);
    if (state == ONLINE) {
      ctx.metrics().add(OverlayMetrics.ONLINE, -1);
    }
    supernode = -1;
    awaitingLogin = false;
    state = CONNECTING;
    lostAt = ctx.now();
    linkGen++;
    connectRound = 0;
    prevConnectDelay = 0;
    beginConnect(ctx, p);
  }

  private void onKeepAlive(EntityContext ctx, KeepAlive k) {
    if (supernode == k.supernode() && !isSupernode && state != OFFLINE) {
      lastHeard = ctx.now();
      cache.merge(k.supernodes(), ctx.random());
      OverlayParams p = world.params(ctx.now());
      if (k.overloaded() || k.clients() * p.supernode().perClientLoad() > p.healing().promoteAboveLoad()) {
        shortage(ctx, p);
      }
    } else {
      ctx.send(k.supernode(), new NotYourClient(id), latency(ctx, k.supernode()));
    }
  }

  // ---------------------------------------------------------------- log-in

  private void sendLogin(EntityContext ctx, OverlayParams p) {
    OverlayParams.Login l = p.login();
    loginAttempt++;
    if (loginAttempt > 1) {
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
      loginFailed(ctx, p, true);
      return;
    }
    int server = ctx.random().nextInt(world.loginServers());
    ctx.metrics().add(OverlayMetrics.LOGIN_ATTEMPTS, 1);
    awaitingLogin = true;
    loginSentAt = ctx.now();
    ctx.send(server, new LoginRequest(id, loginAttempt), latency(ctx, server));
    ctx.schedule(l.clientTimeout(), PeerTimer.LOGIN_TIMEOUT.timer(linkGen, loginAttempt));
  }

  private void onLoginReply(EntityContext ctx, LoginReply r) {
    if (!awaitingLogin || state != AUTHENTICATING || r.attempt() != loginAttempt) {
      return; // the client gave up on this attempt: the server's work was wasted
    }
    awaitingLogin = false;
    OverlayParams p = world.params(ctx.now());
    if (r.ok()) {
      throttleAccepts += 1;
      ctx.metrics().add(OverlayMetrics.LOGIN_SUCCESSES, 1);
      ctx.metrics().record(OverlayMetrics.LOGIN_LATENCY, ctx.now() - loginSentAt);
      needsLogin = false;
      goOnline(ctx, p);
    } else {
      ctx.metrics().add(OverlayMetrics.LOGIN_FAILURES, 1);
      loginFailed(ctx, p, false);
    }
  }

  private void loginFailed(EntityContext ctx, OverlayParams p, boolean throttled) {
    OverlayParams.Login l = p.login();
    if (loginAttempt >= l.giveUpAfter()) {
      // The user gives up and closes the client for a while.
      ctx.metrics().add(OverlayMetrics.LOGIN_GIVE_UPS, 1);
      processStop(ctx, true);
      ctx.schedule(Math.max(1, l.giveUpPause().sampleMicros(ctx.random())), PeerTimer.SESSION_START.timer(sessionGen));
      return;
    }
    long delay = l.retry().nextDelay(loginAttempt, prevLoginDelay, ctx.random());
    if (throttled) {
      delay = Math.max(delay, THROTTLED_RETRY_FLOOR);
    }
    prevLoginDelay = delay;
    if (delay == 0) {
      sendLogin(ctx, p); // no timer for an immediate retry: one event less per attempt
    } else {
      ctx.schedule(delay, PeerTimer.LOGIN_RETRY.timer(linkGen));
    }
  }

  // ---------------------------------------------------------------- IM

  private void scheduleIm(EntityContext ctx, OverlayParams p) {
    double perHour = p.client().imPerHour();
    if (perHour > 0) {
      long gap = (long) (ctx.random().nextExponential() * OverlayParams.HOUR / perHour);
      ctx.schedule(Math.max(1, gap), PeerTimer.IM_SEND.timer(linkGen));
    }
  }

  private void sendIm(EntityContext ctx, OverlayParams p) {
    int to = world.contact(id, ctx.random().nextInt(p.population().contacts()));
    ctx.metrics().add(OverlayMetrics.IM_SENT, 1);
    Im im = new Im(id, to, ctx.now(), false);
    if (isSupernode) {
      relay(ctx, im);
    } else {
      ctx.send(supernode, im, latency(ctx, supernode));
    }
  }

  private void onIm(EntityContext ctx, Im m) {
    if (!m.relayed()) {
      if (isSupernode && !guarded(ctx, m.from())) {
        ctx.metrics().add(OverlayMetrics.IM_FAILED, 1); // refused by a defence
      } else if (isSupernode) {
        relay(ctx, m);
      } else {
        ctx.metrics().add(OverlayMetrics.IM_FAILED, 1); // no longer a supernode: lost
      }
      return;
    }
    if (state == ONLINE) {
      ctx.metrics().add(OverlayMetrics.IM_DELIVERED, 1);
      ctx.metrics().record(OverlayMetrics.IM_LATENCY, ctx.now() - m.sentAt());
    } else if (state != OFFLINE) {
      ctx.metrics().add(OverlayMetrics.IM_FAILED, 1); // wants to be online but cannot be reached
    }
    // Contacts that are off by choice are not failures: presence would have shown them away.
  }

  private void relay(EntityContext ctx, Im m) {
    forward(ctx, m.to(), new Im(m.from(), m.to(), m.sentAt(), true), OverlayMetrics.IM_FAILED);
  }

  /**
   * A supernode passes a client's message on to its addressee, after the wait its queue imposes;
   * a full queue drops it and counts {@code failedCounter}.
   */
  private void forward(EntityContext ctx, int to, OverlayMessage relayed, int failedCounter) {
    long delay = admit(ctx, 1);
    if (delay < 0) {
      ctx.metrics().add(failedCounter, 1);
      return;
    }
    ctx.send(to, relayed, delay + latency(ctx, to));
  }

  // ---------------------------------------------------------------- service probes

  private void scheduleProbe(EntityContext ctx, PeerTimer kind, double perHour) {
    if (perHour > 0 && this.kind == Kind.PEER) {
      long gap = (long) (ctx.random().nextExponential() * OverlayParams.HOUR / perHour);
      ctx.schedule(Math.max(1, gap), kind.timer(linkGen));
    }
  }

  /** A presence / call-indicator change for one contact, through the own supernode. */
  private void sendStatus(EntityContext ctx) {
    OverlayParams p = world.params(ctx.now());
    int to = world.contact(id, ctx.random().nextInt(p.population().contacts()));
    ctx.metrics().add(OverlayMetrics.STATUS_SENT, 1);
    StatusUpdate update = new StatusUpdate(id, to, ctx.now(), false);
    if (isSupernode) {
      relayStatus(ctx, update);
    } else {
      ctx.send(supernode, update, latency(ctx, supernode));
    }
  }

  private void onStatus(EntityContext ctx, StatusUpdate m) {
    if (!m.relayed()) {
      if (isSupernode && guarded(ctx, m.from())) {
        relayStatus(ctx, m);
      } else {
        ctx.metrics().add(OverlayMetrics.STATUS_FAILED, 1); // refused, or no longer a supernode
      }
      return;
    }
    long age = ctx.now() - m.sentAt();
    if (state == ONLINE && age <= world.attack().service().statusDeadline()) {
      ctx.metrics().add(OverlayMetrics.STATUS_DELIVERED, 1);
      ctx.metrics().record(OverlayMetrics.STATUS_LATENCY, age);
    } else if (state != OFFLINE) {
      ctx.metrics().add(OverlayMetrics.STATUS_FAILED, 1); // too late to show, or unreachable
    }
  }

  private void relayStatus(EntityContext ctx, StatusUpdate m) {
    forward(ctx, m.to(), new StatusUpdate(m.from(), m.to(), m.sentAt(), true),
        OverlayMetrics.STATUS_FAILED);
  }

  /** The user adds a contact: a directory search through the own supernode, with a time-out. */
  private void startSearch(EntityContext ctx) {
    if (searchSentAt >= 0) {
      return; // one search at a time; the user waits for the first
    }
    ctx.metrics().add(OverlayMetrics.SEARCH_ATTEMPTS, 1);
    searchSentAt = ctx.now();
    searchSeq++;
    ctx.schedule(world.attack().service().searchTimeout(), PeerTimer.SEARCH_TIMEOUT.timer(searchSeq));
    Search search = new Search(id, ctx.now(), 0);
    if (isSupernode) {
      onSearch(ctx, search);
    } else {
      ctx.send(supernode, search, latency(ctx, supernode));
    }
  }

  /**
   * The client's supernode does the lookup (the work of the distributed index, {@code
   * searchCost} units) and answers.
   */
  private void onSearch(EntityContext ctx, Search m) {
    if (!isSupernode || m.client() != id && !guarded(ctx, m.client())) {
      return; // the searcher times out
    }
    long delay = admit(ctx, world.attack().service().searchCost());
    if (delay >= 0) {
      ctx.send(m.client(), new SearchReply(id, m.sentAt()), delay + latency(ctx, m.client()));
    }
  }

  private void onSearchReply(EntityContext ctx, SearchReply r) {
    if (r.sentAt() != searchSentAt || state == OFFLINE) {
      return; // an answer to a search given up or from a former session
    }
    searchSentAt = -1;
    ctx.metrics().add(OverlayMetrics.SEARCH_SUCCESSES, 1);
    ctx.metrics().record(OverlayMetrics.SEARCH_LATENCY, ctx.now() - r.sentAt());
  }

  // ---------------------------------------------------------------- healing

  /** A sign that supernode capacity runs short (full or busy supernodes, failed rounds). */
  private void shortage(EntityContext ctx, OverlayParams p) {
    shortageAt = ctx.now();
    if (p.healing().loadAware()) {
      tryPromote(ctx, p);
    }
  }

  private void tryPromote(EntityContext ctx, OverlayParams p) {
    OverlayParams.Healing h = p.healing();
    if (kind != Kind.PEER || isSupernode || !eligible || state == OFFLINE) {
      return;
    }
    if (ctx.now() - upSince < h.minUptime() || ctx.now() < cooldownUntil) {
      return;
    }
    if (ctx.random().nextDouble() < h.promotionProbability()) {
      becomeSupernode(ctx, true);
    }
  }

  private void schedulePromotionCheck(EntityContext ctx, OverlayParams p) {
    long interval = p.healing().promotionCheckInterval();
    ctx.schedule(interval / 2 + (long) (ctx.random().nextDouble() * interval), PeerTimer.PROMOTION_CHECK.timer(sessionGen));
  }

  // ---------------------------------------------------------------- supernode role

  private void becomeSupernode(EntityContext ctx, boolean promotion) {
    OverlayParams p = world.params(ctx.now());
    isSupernode = true;
    ctx.sampled(true);
    snGen++;
    clients = new int[16];
    clientCount = 0;
    queue = new WorkQueue(ctx.now());
    overloadSince = -1;
    lowSince = -1;
    servingSince = ctx.now();
    ctx.metrics().add(OverlayMetrics.SUPERNODES, 1);
    if (promotion) {
      ctx.metrics().add(OverlayMetrics.PROMOTIONS, 1);
    }
    // Announce to a few known supernodes and one bootstrap node; gossip spreads the rest.
    int fanout = p.supernode().gossipFanout();
    for (int i = 0; i < fanout && cache.size() > 0; i++) {
      int to = cache.pick(ctx.random());
      if (to != id) {
        ctx.send(to, new ListExchange(id, false, cache.sample(p.supernode().listSample(), ctx.random())), latency(ctx, to));
      }
    }
    if (kind != Kind.BOOTSTRAP) {
      int b = world.firstBootstrap() + ctx.random().nextInt(world.bootstrapCount());
      ctx.send(b, new ListExchange(id, false, cache.sample(p.supernode().listSample(), ctx.random())), latency(ctx, b));
    }
    long tick = p.client().keepAliveInterval();
    ctx.schedule(1 + (long) (ctx.random().nextDouble() * tick), PeerTimer.SN_TICK.timer(snGen));
    if (kind != Kind.PEER) {
      supernode = id;
      return;
    }
    if (supernode >= 0) {
      // Was a client: leave the old supernode; still connected, now through itself.
      ctx.send(supernode, new Disconnect(id), latency(ctx, supernode));
      // A log-in in progress goes on (its timers keep their generation); the old watchdog
      // stops by itself because it checks the role.
      supernode = id;
    } else if (state != OFFLINE) {
      link(ctx, id);
    }
  }

  /** Load-aware supernodes take clients up to the nominal count only; others up to the maximum. */
  private int admissionLimit(OverlayParams p) {
    return kind == Kind.PEER && p.healing().loadAware() ? p.supernode().nominalClients() : maxClients(p);
  }

  private int maxClients(OverlayParams p) {
    return switch (kind) {
      case PEER -> p.supernode().maxClients();
      case BOOTSTRAP -> p.infrastructure().bootstrapMaxClients();
      case DEDICATED -> world.dedicatedMaxClients(id);
    };
  }

  private double messageRate(OverlayParams p) {
    return switch (kind) {
      case PEER -> p.supernode().messageRate();
      case BOOTSTRAP -> p.infrastructure().bootstrapMessageRate();
      case DEDICATED -> world.dedicatedMessageRate(id);
    };
  }

  /** The supernode's service rate now, in message units per second. */
  private double effectiveRate(OverlayParams p) {
    double perClient = kind == Kind.PEER ? p.supernode().perClientLoad() : 0;
    return messageRate(p) * Math.max(0.05, 1 - clientCount * perClient) * warmUpFactor();
  }

  /** A peer that just started serving is not fully useful yet (the crash model's warm-up). */
  private double warmUpFactor() {
    return kind == Kind.PEER ? world.attack().crash().warmUp().factor(lastNow - servingSince) : 1;
  }

  /**
   * The supernode's defences against a request from {@code source}; false means refused
   * (counted by verdict). Refusals cost nothing: that is the point of doing them at the edge.
   */
  private boolean guarded(EntityContext ctx, int source) {
    OverlayParams p = world.params(ctx.now());
    if (guard == null) {
      guard = ServerGuard.forSupernode();
    }
    boolean bot = world.isAttacker(source);
    ServerGuard.Verdict v = guard.check(source, bot, ctx.now(), queuedUnits(p, ctx.now()),
        p.supernode().queueCapacity(), world.defences(ctx.now()), ctx.random());
    switch (v) {
      case PASS -> {
        return true;
      }
      case BLOCKED -> {
        ctx.metrics().add(OverlayMetrics.BLOCKED, 1);
        if (!bot) {
          ctx.metrics().add(OverlayMetrics.LEGIT_BLOCKED, 1);
        }
      }
      case RATE_LIMITED -> ctx.metrics().add(OverlayMetrics.RATE_LIMITED, 1);
      case SHED -> ctx.metrics().add(OverlayMetrics.SHED, 1);
    }
    return false;
  }

  /** Units still waiting at {@code now}: the backlog drains at the current service rate. */
  private double queuedUnits(OverlayParams p, long now) {
    return queue.queuedUnits(now, effectiveRate(p));
  }

  /**
   * Puts {@code cost} units of work in the virtual queue. Returns the wait until it is done
   * (µs), or -1 when the queue is full and the message is dropped.
   */
  private long admit(EntityContext ctx, int cost) {
    OverlayParams p = world.params(ctx.now());
    long now = ctx.now();
    ctx.metrics().add(OverlayMetrics.MSGS_SENT, 1);
    long delay = queue.admit(now, cost, effectiveRate(p), p.supernode().queueCapacity());
    if (delay < 0) {
      ctx.metrics().add(OverlayMetrics.MSGS_DROPPED, 1);
      watchOverload(p, now, 1.0);
      return -1;
    }
    ctx.metrics().add(OverlayMetrics.MSGS_DELIVERED, 1);
    watchOverload(p, now, fill(p, now));
    return delay;
  }

  private void watchOverload(OverlayParams p, long now, double fill) {
    OverlayParams.Healing h = p.healing();
    if (fill < h.overloadThreshold()) {
      overloadSince = -1;
      return;
    }
    if (overloadSince < 0) {
      overloadSince = now;
    } else if (h.selfShutdown() && kind == Kind.PEER && now - overloadSince >= h.overloadDuration()) {
      shutdownDue = true;
    }
  }

  /** How full the supernode is: the larger of its queue fill and its clients' share of capacity. */
  private double fill(OverlayParams p, long now) {
    double queueFill = queue.fill(now, effectiveRate(p), p.supernode().queueCapacity());
    double clientFill = kind == Kind.PEER ? clientCount * p.supernode().perClientLoad() : 0;
    return Math.max(queueFill, clientFill);
  }

  private boolean overloaded(OverlayParams p, long now) {
    return fill(p, now) >= p.healing().overloadThreshold();
  }

  private void onConnectRequest(EntityContext ctx, ConnectRequest m) {
    if (state == OFFLINE) {
      return; // host down: the client times out
    }
    if (!isSupernode) {
      ctx.send(m.client(), new ConnectReply(id, NOT_SUPERNODE, 0, new int[0]), latency(ctx, m.client()));
      return;
    }
    OverlayParams p = world.params(ctx.now());
    if (!guarded(ctx, m.client())) {
      // Refused at the edge: a cheap "full" so a real client tries elsewhere at once.
      ctx.send(m.client(), new ConnectReply(id, FULL, clientCount, new int[0]), latency(ctx, m.client()));
      return;
    }
    boolean busy = overloaded(p, ctx.now());
    int syncCost = world.attack().crash().syncCost();
    long delay = admit(ctx, m.sync() && syncCost > 0 ? syncCost : p.supernode().connectCost());
    if (delay < 0) {
      return;
    }
    int status;
    if (indexOfClient(m.client()) >= 0) {
      status = ACCEPTED;
    } else if (clientCount < admissionLimit(p) && !(busy && p.healing().loadAware())) {
      addClient(m.client());
      status = ACCEPTED;
    } else {
      status = FULL;
    }
    ctx.send(m.client(), new ConnectReply(id, status, clientCount, cache.sample(p.supernode().listSample(), ctx.random())), delay + latency(ctx, m.client()));
  }

  private void onListExchange(EntityContext ctx, ListExchange m) {
    if (!isSupernode) {
      return;
    }
    if (admit(ctx, 1) < 0) {
      return;
    }
    cache.add(m.from(), ctx.random());
    cache.merge(m.supernodes(), ctx.random());
    if (!m.reply()) {
      OverlayParams p = world.params(ctx.now());
      ctx.send(m.from(), new ListExchange(id, true, cache.sample(p.supernode().listSample(), ctx.random())), latency(ctx, m.from()));
    }
  }

  private void supernodeTick(EntityContext ctx, OverlayParams p) {
    boolean busy = overloaded(p, ctx.now());
    watchOverload(p, ctx.now(), fill(p, ctx.now()));
    if (shutdownDue) {
      return; // receive() shuts it down; no keep-alives from a supernode about to quit
    }
    for (int i = 0; i < clientCount; i++) {
      int c = clients[i];
      ctx.send(c, new KeepAlive(id, clientCount, busy, cache.sample(p.supernode().listSample(), ctx.random())), latency(ctx, c));
    }
    if (cache.size() > 0) {
      int to = cache.pick(ctx.random());
      if (to != id) {
        ctx.send(to, new ListExchange(id, false, cache.sample(p.supernode().listSample(), ctx.random())), latency(ctx, to));
      }
    }
    ctx.schedule(p.client().keepAliveInterval(), PeerTimer.SN_TICK.timer(snGen));
    if (kind == Kind.PEER) {
      OverlayParams.Healing h = p.healing();
      if (clientCount * p.supernode().perClientLoad() < h.demoteBelowLoad()) {
        if (lowSince < 0) {
          lowSince = ctx.now();
        } else if (ctx.now() - lowSince >= h.demoteAfter()) {
          stopServingAndReconnect(ctx, OverlayMetrics.DEMOTIONS);
        }
      } else {
        lowSince = -1;
      }
    }
  }

  private void stopServing(EntityContext ctx, boolean clean) {
    if (clean) {
      for (int i = 0; i < clientCount; i++) {
        ctx.send(clients[i], new SupernodeGone(id), latency(ctx, clients[i]));
      }
    }
    clientCount = 0;
    clients = null;
    isSupernode = false;
    ctx.sampled(false);
    snGen++;
    ctx.metrics().add(OverlayMetrics.SUPERNODES, -1);
  }

  /** Demotion or self-shutdown: stop serving, keep running as an ordinary client. */
  private void stopServingAndReconnect(EntityContext ctx, int counter) {
    if (!isSupernode) {
      return;
    }
    OverlayParams p = world.params(ctx.now());
    ctx.metrics().add(counter, 1);
    stopServing(ctx, true);
    cooldownUntil = ctx.now() + p.healing().cooldown();
    cache.remove(id);
    ctx.metrics().add(OverlayMetrics.CONNECTED, -1);
    if (state == ONLINE) {
      ctx.metrics().add(OverlayMetrics.ONLINE, -1);
    }
    supernode = -1;
    awaitingLogin = false;
    state = CONNECTING;
    lostAt = needsLogin ? -1 : ctx.now();
    linkGen++;
    connectRound = 0;
    prevConnectDelay = 0;
    beginConnect(ctx, p);
  }

  private void addClient(int c) {
    if (clientCount == clients.length) {
      clients = java.util.Arrays.copyOf(clients, clientCount * 2);
    }
    clients[clientCount++] = c;
  }

  private int indexOfClient(int c) {
    for (int i = 0; i < clientCount; i++) {
      if (clients[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private void removeClient(int c) {
    if (!isSupernode) {
      return;
    }
    int i = indexOfClient(c);
    if (i >= 0) {
      clients[i] = clients[--clientCount];
    }
  }

  @Override
  public void sample(MetricsSink sink) {
    if (isSupernode) {
      OverlayParams p = world.params(lastNow);
      sink.record(OverlayMetrics.SN_CLIENTS, clientCount);
      sink.record(OverlayMetrics.SN_QUEUE, Math.round(queuedUnits(p, lastNow)));
    }
  }

  private long latency(EntityContext ctx, int to) {
    return world.latency(id, to, ctx.random());
  }

  // ---------------------------------------------------------------- for tests

  int state() {
    return state;
  }

  int supernode() {
    return supernode;
  }

  boolean isSupernode() {
    return isSupernode;
  }

  int clientCount() {
    return clientCount;
  }

  int cacheSize() {
    return cache.size();
  }

  int linkGenForTest() {
    return linkGen;
  }
}
