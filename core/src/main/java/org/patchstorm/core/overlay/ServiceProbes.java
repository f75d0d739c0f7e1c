package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.ClientSession.State;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.Presence;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.OverlayMessage.StatusUpdate;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.attack.AttackParams;

/**
 * What the user of an online peer does and sees, measured: instant messages and presence
 * changes to contacts (relayed by the sender's supernode, one path for both), and contact
 * searches answered by the own supernode. While the peer serves, its own role relays.
 */
final class ServiceProbes {

  /** The messages a supernode relays from one contact to another, each with its own counters. */
  enum Relayed {
    IM(OverlayMetrics.IM_SENT, OverlayMetrics.IM_DELIVERED, OverlayMetrics.IM_FAILED, OverlayMetrics.IM_LATENCY,
        RegionMetrics.Count.IM_DELIVERED, RegionMetrics.Count.IM_FAILED),
    STATUS(OverlayMetrics.STATUS_SENT, OverlayMetrics.STATUS_DELIVERED, OverlayMetrics.STATUS_FAILED,
        OverlayMetrics.STATUS_LATENCY, RegionMetrics.Count.STATUS_DELIVERED, RegionMetrics.Count.STATUS_FAILED);

    final int sent;
    final int delivered;
    final int failed;
    final int latency;
    /** The same outcomes counted by the sender's region. */
    final RegionMetrics.Count regionDelivered;
    final RegionMetrics.Count regionFailed;

    Relayed(int sent, int delivered, int failed, int latency, RegionMetrics.Count regionDelivered,
        RegionMetrics.Count regionFailed) {
      this.sent = sent;
      this.delivered = delivered;
      this.failed = failed;
      this.latency = latency;
      this.regionDelivered = regionDelivered;
      this.regionFailed = regionFailed;
    }

    OverlayMessage message(int from, int to, long sentAt, boolean relayed) {
      return this == IM ? new Im(from, to, sentAt, relayed) : new StatusUpdate(from, to, sentAt, relayed);
    }

    /** How old it may arrive and still count: a late presence change shows the wrong state. */
    long deadline(OverlayWorld world) {
      return this == IM ? Long.MAX_VALUE : world.attack().service().statusDeadline();
    }
  }

  // No world field: the peer's identity holds it, and a field would cost every peer 8 bytes.
  private final PeerIdentity self;
  /** When the pending contact search's first try left, or -1 (every try carries it). */
  private long searchSentAt = -1;
  private int searchSeq;
  /** How many times the pending search was asked. */
  private byte searchTries;

  ServiceProbes(PeerIdentity self) {
    this.self = self;
  }

  /** The peer just came on line through {@code supernode}: announce presence, start the probes. */
  void start(EntityContext ctx, OverlayParams p, int supernode, boolean announce, int linkGen) {
    if (announce) {
      ctx.send(supernode, new Presence(self.id()), self.latency(ctx, supernode));
    }
    AttackParams.Service service = self.world().attack().service();
    schedule(ctx, PeerTimer.IM_SEND, p.client().imPerHour(), linkGen);
    schedule(ctx, PeerTimer.STATUS_SEND, service.statusPerHour(), linkGen);
    schedule(ctx, PeerTimer.SEARCH_SEND, service.searchesPerHour(), linkGen);
  }

  /** One of the probe timers of the current link, while on line: act, then set the next. */
  void onTimer(EntityContext ctx, OverlayParams p, PeerTimer kind, SupernodeRole role, int supernode, int linkGen) {
    AttackParams.Service service = self.world().attack().service();
    switch (kind) {
      case IM_SEND -> {
        send(ctx, p, Relayed.IM, role, supernode);
        schedule(ctx, kind, p.client().imPerHour(), linkGen);
      }
      case STATUS_SEND -> {
        send(ctx, p, Relayed.STATUS, role, supernode);
        schedule(ctx, kind, service.statusPerHour(), linkGen);
      }
      case SEARCH_SEND -> {
        startSearch(ctx, role, supernode);
        schedule(ctx, kind, service.searchesPerHour(), linkGen);
      }
      default -> throw new IllegalArgumentException("not a probe timer: " + kind);
    }
  }

  /** Poisson arrivals at {@code perHour}; none when it is 0. */
  private void schedule(EntityContext ctx, PeerTimer kind, double perHour, int linkGen) {
    if (perHour > 0) {
      long gap = (long) (ctx.random().nextExponential() * OverlayParams.HOUR / perHour);
      ctx.schedule(Math.max(1, gap), kind.timer(linkGen));
    }
  }

  /** A message to a random contact, through the own supernode (or the own role when serving). */
  private void send(EntityContext ctx, OverlayParams p, Relayed kind, SupernodeRole role, int supernode) {
    int to = self.world().contact(self.id(), ctx.random().nextInt(p.population().contacts()));
    ctx.metrics().add(kind.sent, 1);
    if (role != null) {
      relay(ctx, role, kind, self.id(), to, ctx.now());
    } else {
      ctx.send(supernode, kind.message(self.id(), to, ctx.now(), false), self.latency(ctx, supernode));
    }
  }

  /**
   * An IM or presence change arrives: from a client, the supernode relays it (if it still serves
   * and its defences let it through); relayed, the addressee counts it.
   */
  void onRelayable(EntityContext ctx, Relayed kind, int from, int to, long sentAt, boolean relayed,
      SupernodeRole role, State state) {
    if (!relayed) {
      if (role != null && role.guarded(ctx, from)) {
        relay(ctx, role, kind, from, to, sentAt);
      } else {
        // refused by a defence, or no longer a supernode: lost
        RegionMetrics.add(ctx, kind.failed, self.world().region(from), kind.regionFailed, 1);
      }
      return;
    }
    long age = ctx.now() - sentAt;
    int senderRegion = self.world().region(from);
    if (state == State.ONLINE && age <= kind.deadline(self.world())) {
      RegionMetrics.add(ctx, kind.delivered, senderRegion, kind.regionDelivered, 1);
      if (kind == Relayed.IM) {
        RegionMetrics.record(ctx, kind.latency, senderRegion, RegionMetrics.Latency.IM, age);
      } else {
        ctx.metrics().record(kind.latency, age);
      }
    } else if (state == State.ONLINE) {
      // too late: the sender's side held it (a region's figures count where it went wrong)
      RegionMetrics.add(ctx, kind.failed, senderRegion, kind.regionFailed, 1);
    } else if (state != State.OFFLINE) {
      // the addressee wants to be on line but cannot be reached: it cannot receive
      RegionMetrics.add(ctx, kind.failed, self.region(), kind.regionFailed, 1);
    }
    // Contacts that are off by choice are not failures: presence would have shown them away.
  }

  private void relay(EntityContext ctx, SupernodeRole role, Relayed kind, int from, int to, long sentAt) {
    if (!role.relay(ctx, to, kind.message(from, to, sentAt, true), kind.failed)) {
      ctx.metrics().add(RegionMetrics.counter(self.world().region(from), kind.regionFailed), 1);
    }
  }

  /** The user adds a contact: a directory search through the own supernode, with a time-out. */
  private void startSearch(EntityContext ctx, SupernodeRole role, int supernode) {
    if (searchSentAt >= 0) {
      return; // one search at a time; the user waits for the first
    }
    ctx.metrics().add(OverlayMetrics.SEARCH_ATTEMPTS, 1);
    searchSentAt = ctx.now();
    searchTries = 0;
    askAgain(ctx, role, supernode, true);
  }

  /** One try of the pending search; {@code online}: whether there is a supernode to ask. */
  private void askAgain(EntityContext ctx, SupernodeRole role, int supernode, boolean online) {
    searchTries++;
    searchSeq++;
    ctx.schedule(self.world().attack().service().searchTimeout(), PeerTimer.SEARCH_TIMEOUT.timer(searchSeq));
    if (!online) {
      return; // the user's client is reconnecting: this try goes nowhere
    }
    Search search = new Search(self.id(), searchSentAt, 0);
    if (role != null) {
      onSearch(ctx, search, role);
    } else {
      ctx.send(supernode, search, self.latency(ctx, supernode));
    }
  }

  /** The client's supernode does the lookup (the distributed index's work) and answers. */
  void onSearch(EntityContext ctx, Search m, SupernodeRole role) {
    if (role == null || m.client() != self.id() && !role.guarded(ctx, m.client())) {
      return; // the searcher times out
    }
    long delay = role.admit(ctx, self.world().attack().service().searchCost());
    if (delay >= 0) {
      ctx.send(m.client(), new SearchReply(self.id(), m.sentAt()), delay + self.latency(ctx, m.client()));
    }
  }

  void onSearchReply(EntityContext ctx, SearchReply r, State state) {
    if (r.sentAt() != searchSentAt || state == State.OFFLINE) {
      return; // an answer to a search given up or from a former session
    }
    searchSentAt = -1;
    RegionMetrics.add(ctx, OverlayMetrics.SEARCH_SUCCESSES, self.region(), RegionMetrics.Count.SEARCH_SUCCESSES, 1);
    RegionMetrics.record(ctx, OverlayMetrics.SEARCH_LATENCY, self.region(), RegionMetrics.Latency.SEARCH,
        ctx.now() - r.sentAt());
  }

  /**
   * No answer in time: the user asks again while tries are left (an answer to any try ends the
   * search), else the contact add fails.
   */
  void onSearchTimeout(EntityContext ctx, Timer t, State state, SupernodeRole role, int supernode) {
    if (t.gen() != searchSeq || searchSentAt < 0) {
      return;
    }
    if (state != State.OFFLINE && searchTries < self.world().attack().service().searchTries()) {
      askAgain(ctx, role, supernode, state == State.ONLINE);
      return;
    }
    searchSentAt = -1;
    if (state != State.OFFLINE) {
      RegionMetrics.add(ctx, OverlayMetrics.SEARCH_FAILURES, self.region(), RegionMetrics.Count.SEARCH_FAILURES, 1);
    }
  }
}
