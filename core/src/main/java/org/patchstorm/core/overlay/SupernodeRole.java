package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayMessage.ACCEPTED;
import static org.patchstorm.core.overlay.OverlayMessage.FULL;

import java.util.Arrays;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.Flood;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.ListExchange;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Presence;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.PeerIdentity.Kind;
import org.patchstorm.core.overlay.defence.ServerGuard;

/**
 * A peer while it serves as a supernode; it exists only for that time. It takes clients up to
 * its limit, does their work through a {@link WorkQueue} at its service rate, gossips its list,
 * keeps its clients alive, and watches itself: sustained overload may shut it down (when
 * self-shutdown is on) and a long idle stretch demotes it. The peer acts on both.
 */
final class SupernodeRole {

  private final PeerIdentity self;
  private final OverlayWorld world;
  /** Tells this role's keep-alive timers from those of an earlier stint. */
  private final int generation;
  /** The peer's defences; kept by the peer across stints, as their state belongs to the host. */
  private final ServerGuard guard;
  private final WorkQueue queue;
  /** The access link, once a message reached it while its capacity is limited; else null. */
  private LinkLoad link;
  private int[] clients = new int[16];
  private int clientCount;
  private long overloadSince = -1;
  private long lowSince = -1;
  private boolean shutdownDue;
  /** It has shed its excess clients in the current stretch of overload (crash.shed-load). */
  private boolean shed;
  private long servingSince;

  SupernodeRole(PeerIdentity self, int generation, ServerGuard guard, long now) {
    this.self = self;
    this.world = self.world();
    this.generation = generation;
    this.guard = guard;
    this.queue = new WorkQueue(now);
    this.servingSince = now;
  }

  int generation() {
    return generation;
  }

  /** For supernodes that have served since long before the run: no warm-up. */
  void markWarm() {
    servingSince = Long.MIN_VALUE / 2;
  }

  /** Announces itself to a few known supernodes and one bootstrap node, and starts ticking. */
  void announce(EntityContext ctx, OverlayParams p, HostCache cache) {
    int fanout = p.supernode().gossipFanout();
    for (int i = 0; i < fanout && cache.size() > 0; i++) {
      int to = cache.pick(ctx.random());
      if (to != self.id()) {
        ctx.send(to, new ListExchange(self.id(), false, listSample(ctx, p, cache)), self.latency(ctx, to));
      }
    }
    if (self.kind() != Kind.BOOTSTRAP) {
      int b = world.firstBootstrap() + ctx.random().nextInt(world.bootstrapCount());
      ctx.send(b, new ListExchange(self.id(), false, listSample(ctx, p, cache)), self.latency(ctx, b));
    }
    long tick = p.client().keepAliveInterval();
    ctx.schedule(1 + (long) (ctx.random().nextDouble() * tick), PeerTimer.SN_TICK.timer(generation));
  }

  /**
   * Keep-alives with a list sample to every client, one gossip exchange, the next tick. Returns
   * true when the peer should stop serving because it has been idle long enough (demotion).
   */
  boolean tick(EntityContext ctx, OverlayParams p, HostCache cache) {
    boolean busy = overloaded(p, ctx.now());
    watchOverload(ctx, p, queueFill(p, ctx.now()));
    if (shutdownDue) {
      return false; // the peer shuts it down; no keep-alives from a supernode about to quit
    }
    double loss = linkLoss(p, ctx.now());
    for (int i = 0; i < clientCount; i++) {
      int c = clients[i];
      if (loss > 0 && ctx.random().nextDouble() < loss) {
        continue; // lost on the saturated link: the client hears nothing this time
      }
      ctx.send(c, new KeepAlive(self.id(), clientCount, busy, listSample(ctx, p, cache)), self.latency(ctx, c));
    }
    if (cache.size() > 0) {
      int to = cache.pick(ctx.random());
      if (to != self.id()) {
        ctx.send(to, new ListExchange(self.id(), false, listSample(ctx, p, cache)), self.latency(ctx, to));
      }
    }
    ctx.schedule(p.client().keepAliveInterval(), PeerTimer.SN_TICK.timer(generation));
    return self.isPeer() && idleLongEnough(ctx.now(), p);
  }

  private boolean idleLongEnough(long now, OverlayParams p) {
    OverlayParams.Healing h = p.healing();
    if (clientCount * p.supernode().perClientLoad() >= h.demoteBelowLoad()) {
      lowSince = -1;
      return false;
    }
    if (lowSince < 0) {
      lowSince = now;
      return false;
    }
    return now - lowSince >= h.demoteAfter();
  }

  /** Sustained overload with self-shutdown on: the peer should stop serving. */
  boolean shutdownDue() {
    return shutdownDue;
  }

  /** Stops serving; a clean stop tells the clients, a crash leaves them to notice. */
  void stop(EntityContext ctx, boolean clean) {
    if (clean) {
      for (int i = 0; i < clientCount; i++) {
        ctx.send(clients[i], new SupernodeGone(self.id()), self.latency(ctx, clients[i]));
      }
    }
    clientCount = 0;
  }

  /** The messages only a serving peer acts on (one that does not serve ignores them). */
  void receive(EntityContext ctx, OverlayMessage message, HostCache cache) {
    if (message instanceof Disconnect m) {
      removeClient(m.client());
    } else if (message instanceof NotYourClient m) {
      removeClient(m.client());
    } else if (message instanceof Presence) {
      admit(ctx, 1);
    } else if (message instanceof ListExchange m) {
      onListExchange(ctx, m, cache);
    } else if (message instanceof Flood m && guarded(ctx, m.from())) {
      admit(ctx, m.units()); // relaying the junk costs the supernode; the peer ignores it
    }
  }

  void onConnectRequest(EntityContext ctx, ConnectRequest m, HostCache cache) {
    OverlayParams p = self.params(ctx);
    if (!guarded(ctx, m.client())) {
      // Refused at the edge: a cheap "full" so a real client tries elsewhere at once.
      ctx.send(m.client(), new ConnectReply(self.id(), FULL, clientCount, new int[0]), self.latency(ctx, m.client()));
      return;
    }
    boolean busy = overloaded(p, ctx.now());
    if (shedsLoad() && indexOfClient(m.client()) < 0 && (busy || clientCount >= maxClients(p))) {
      refuseBusy(ctx, m, cache);
      return;
    }
    long delay = admit(ctx, requestCost(p, m.client()));
    if (delay < 0) {
      return;
    }
    int status;
    if (indexOfClient(m.client()) >= 0) {
      status = ACCEPTED;
      if (p.supernode().probeCost() > 0) {
        syncAfterHandshake(ctx, m); // the chosen supernode's handshake
      }
    } else if (clientCount < admissionLimit(p) && !(busy && p.healing().loadAware())) {
      addClient(m.client());
      status = ACCEPTED;
      syncAfterHandshake(ctx, m);
    } else {
      status = FULL;
    }
    ctx.send(m.client(), new ConnectReply(self.id(), status, clientCount, listSample(ctx, p, cache)),
        delay + self.latency(ctx, m.client()));
  }

  /**
   * What a connection request costs: with probes (supernode.probe-cost), a request from a client
   * not yet held is a round's probe, and the chosen supernode's request from the client it
   * holds is the handshake; without, every request is a handshake.
   */
  private int requestCost(OverlayParams p, int client) {
    int probe = p.supernode().probeCost();
    return probe > 0 && indexOfClient(client) < 0 ? probe : p.supernode().connectCost();
  }

  /**
   * A client back from a crash syncs its contacts, presence and offline messages once it is
   * accepted (crash.sync-cost): the work queues behind the handshake and does not hold up the
   * reply. (Charged before the reply, a sync took longer than a client waits for an answer: no
   * client back from the crash could connect, and the supernodes kept its place as a ghost.)
   */
  private void syncAfterHandshake(EntityContext ctx, ConnectRequest m) {
    int syncCost = world.attack().crash().syncCost();
    if (m.sync() && syncCost > 0) {
      admit(ctx, syncCost);
    }
  }

  /**
   * A supernode that sheds load answers a newcomer "full" for the price of a presence message
   * while it is overloaded, instead of doing the newcomer's handshake and sync first.
   */
  private void refuseBusy(EntityContext ctx, ConnectRequest m, HostCache cache) {
    long delay = admit(ctx, 1);
    if (delay >= 0) {
      OverlayParams p = self.params(ctx);
      ctx.send(m.client(), new ConnectReply(self.id(), FULL, clientCount, listSample(ctx, p, cache)),
          delay + self.latency(ctx, m.client()));
    }
  }

  private boolean shedsLoad() {
    return self.isPeer() && world.attack().crash().shedLoad();
  }

  private void onListExchange(EntityContext ctx, ListExchange m, HostCache cache) {
    if (admit(ctx, 1) < 0) {
      return;
    }
    cache.add(m.from(), ctx.random());
    cache.merge(m.supernodes(), ctx.random());
    if (!m.reply()) {
      OverlayParams p = self.params(ctx);
      ctx.send(m.from(), new ListExchange(self.id(), true, listSample(ctx, p, cache)), self.latency(ctx, m.from()));
    }
  }

  /**
   * Passes a client's message on to {@code to} after the wait the queue imposes; a full queue
   * drops it, counts {@code failedCounter} and returns false.
   */
  boolean relay(EntityContext ctx, int to, OverlayMessage message, int failedCounter) {
    long delay = admit(ctx, 1);
    if (delay < 0) {
      ctx.metrics().add(failedCounter, 1);
      return false;
    }
    ctx.send(to, message, delay + self.latency(ctx, to));
    return true;
  }

  /**
   * The defences against a request from {@code source}; false means refused (counted by
   * verdict). Refusals cost nothing: that is the point of doing them at the edge.
   */
  boolean guarded(EntityContext ctx, int source) {
    OverlayParams p = self.params(ctx);
    return Gatekeeper.judge(ctx, world, guard, source, queuedUnits(p, ctx.now()), p.supernode().queueCapacity(),
        self.defences()) == ServerGuard.Verdict.PASS;
  }

  /**
   * Puts {@code cost} units of work in the queue. Returns the wait until it is done (µs), or -1
   * when the queue is full and the message is dropped.
   */
  long admit(EntityContext ctx, int cost) {
    OverlayParams p = self.params(ctx);
    long now = ctx.now();
    ctx.metrics().add(OverlayMetrics.MSGS_SENT, 1);
    if (lostOnLink(ctx, p, cost)) {
      ctx.metrics().add(OverlayMetrics.MSGS_DROPPED, 1);
      return -1;
    }
    long delay = queue.admit(now, cost, effectiveRate(p, now), p.supernode().queueCapacity());
    if (delay < 0) {
      ctx.metrics().add(OverlayMetrics.MSGS_DROPPED, 1);
      watchOverload(ctx, p, 1.0);
      return -1;
    }
    ctx.metrics().add(OverlayMetrics.MSGS_DELIVERED, 1);
    watchOverload(ctx, p, queueFill(p, now));
    return delay;
  }

  /**
   * Whether {@code cost} units arriving now are lost on a saturated access link
   * (supernode.link-capacity, infrastructure.bootstrap-link-capacity). The link counts all
   * traffic offered to it, lost or not; what the defences refuse never reaches it (the operator
   * filters upstream).
   */
  private boolean lostOnLink(EntityContext ctx, OverlayParams p, int cost) {
    double capacity = linkCapacity(p);
    if (capacity == 0) {
      return false;
    }
    if (link == null) {
      link = new LinkLoad();
    }
    link.offer(ctx.now(), cost);
    double loss = link.lossProbability(ctx.now(), capacity);
    return loss > 0 && ctx.random().nextDouble() < loss;
  }

  /** The share of what the link carries that is lost now (0 when its capacity is not limited). */
  private double linkLoss(OverlayParams p, long now) {
    double capacity = linkCapacity(p);
    return link == null || capacity == 0 ? 0 : link.lossProbability(now, capacity);
  }

  /** What the supernode's access link carries, units/s; 0 = never saturated (not modelled). */
  private double linkCapacity(OverlayParams p) {
    return switch (self.kind()) {
      case PEER -> p.supernode().linkCapacity();
      case BOOTSTRAP -> p.infrastructure().bootstrapLinkCapacity();
      case DEDICATED -> 0;
    };
  }

  /**
   * Self-shutdown watches the work queue: a supernode quits when it cannot keep up with its
   * work, not for the number of its clients (their background signalling already slows its
   * service). Counting clients as overload made the first-hour supernodes that crossed 85% of
   * their client capacity at the morning rise quit with empty queues, and the 2007 overlay
   * collapsed at 100 k peers without any trigger.
   *
   * <p>A supernode that sheds load (crash.shed-load) first drops the clients beyond its nominal
   * count and starts the watch again; it quits only if the overload outlasts a second
   * overload-duration, i.e. when even the cheap refusals and its remaining clients' traffic
   * are more than it serves.
   */
  private void watchOverload(EntityContext ctx, OverlayParams p, double fill) {
    OverlayParams.Healing h = p.healing();
    long now = ctx.now();
    if (fill < h.overloadThreshold()) {
      overloadSince = -1;
      shed = false;
      return;
    }
    if (overloadSince < 0) {
      overloadSince = now;
    } else if (h.selfShutdown() && self.isPeer() && now - overloadSince >= h.overloadDuration()) {
      if (shedsLoad() && !shed) {
        shed = true;
        overloadSince = now;
        dropClientsBeyond(ctx, p.supernode().nominalClients());
      } else {
        shutdownDue = true;
      }
    }
  }

  /** Says goodbye to the most recent clients beyond {@code keep}; they connect elsewhere. */
  private void dropClientsBeyond(EntityContext ctx, int keep) {
    while (clientCount > keep) {
      int c = clients[--clientCount];
      ctx.send(c, new SupernodeGone(self.id()), self.latency(ctx, c));
    }
  }

  private double queueFill(OverlayParams p, long now) {
    return queue.fill(now, effectiveRate(p, now), p.supernode().queueCapacity());
  }

  /**
   * How busy the supernode looks to clients and to load-aware admission: the larger of its
   * queue fill and its clients' share of capacity.
   */
  private double fill(OverlayParams p, long now) {
    double clientFill = self.isPeer() ? clientCount * p.supernode().perClientLoad() : 0;
    return Math.max(queueFill(p, now), clientFill);
  }

  private boolean overloaded(OverlayParams p, long now) {
    return fill(p, now) >= p.healing().overloadThreshold();
  }

  private double queuedUnits(OverlayParams p, long now) {
    return queue.queuedUnits(now, effectiveRate(p, now));
  }

  /** The service rate now, in units per second: less with more clients, and while warming up. */
  private double effectiveRate(OverlayParams p, long now) {
    double perClient = self.isPeer() ? p.supernode().perClientLoad() : 0;
    return messageRate(p) * Math.max(0.05, 1 - clientCount * perClient) * warmUpFactor(now);
  }

  /** A peer that just started serving is not fully useful yet (the crash model's warm-up). */
  private double warmUpFactor(long now) {
    return self.isPeer() ? world.attack().crash().warmUp().factor(now - servingSince) : 1;
  }

  private double messageRate(OverlayParams p) {
    return switch (self.kind()) {
      case PEER -> p.supernode().messageRate();
      case BOOTSTRAP -> p.infrastructure().bootstrapMessageRate();
      case DEDICATED -> self.dedicatedCapacity().messageRate();
    };
  }

  /** Load-aware supernodes take clients up to the nominal count only; others up to the maximum. */
  private int admissionLimit(OverlayParams p) {
    return self.isPeer() && p.healing().loadAware() ? p.supernode().nominalClients() : maxClients(p);
  }

  private int maxClients(OverlayParams p) {
    return switch (self.kind()) {
      case PEER -> p.supernode().maxClients();
      case BOOTSTRAP -> p.infrastructure().bootstrapMaxClients();
      case DEDICATED -> self.dedicatedCapacity().maxClients();
    };
  }

  private int[] listSample(EntityContext ctx, OverlayParams p, HostCache cache) {
    return cache.sample(p.supernode().listSample(), ctx.random());
  }

  void addClient(int c) {
    if (clientCount == clients.length) {
      clients = Arrays.copyOf(clients, clientCount * 2);
    }
    clients[clientCount++] = c;
  }

  void removeClient(int c) {
    int i = indexOfClient(c);
    if (i >= 0) {
      clients[i] = clients[--clientCount];
    }
  }

  private int indexOfClient(int c) {
    for (int i = 0; i < clientCount; i++) {
      if (clients[i] == c) {
        return i;
      }
    }
    return -1;
  }

  int clientCount() {
    return clientCount;
  }

  /** Gauges at a reporting boundary; {@code now} is the time of the peer's last event. */
  void sample(MetricsSink sink, long now) {
    OverlayParams p = self.params();
    sink.record(OverlayMetrics.SN_CLIENTS, clientCount);
    sink.record(OverlayMetrics.SN_QUEUE, Math.round(queuedUnits(p, now)));
  }
}
