package org.patchstorm.core.overlay;

import java.util.Arrays;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;

/**
 * A client's connect rounds: each asks several supernodes at once (from the host cache, or the
 * bootstrap set every few rounds and whenever the cache is empty), counts their answers and,
 * for load-aware selection, keeps the least loaded acceptance.
 */
final class ConnectRounds {

  /** Cache draws an own-region-only round makes to find its targets (the cache mixes regions). */
  private static final int OWN_REGION_DRAWS = 64;

  /** No round under way: one shared empty array (an own one would cost every peer 16 bytes). */
  private static final int[] NO_TARGETS = new int[0];

  private final PeerIdentity self;
  private final OverlayWorld world;
  private int round;
  private long prevDelay;
  private int[] targets = NO_TARGETS;
  private int replies;
  private int best = -1;
  private int bestClients;

  ConnectRounds(PeerIdentity self) {
    this.self = self;
    this.world = self.world();
  }

  /** Counting starts over from the first round. */
  void reset() {
    round = 0;
    prevDelay = 0;
  }

  /** Sends {@code request} to the next round's targets; returns how many. */
  int begin(EntityContext ctx, OverlayParams p, HostCache cache, ConnectRequest request) {
    round++;
    int parallel = p.client().parallelConnects();
    boolean bootstrap = cache.size() == 0 || round % (p.client().cacheRoundsBeforeBootstrap() + 1) == 0;
    if (p.client().ownRegionOnly()) {
      return beginInOwnRegion(ctx, parallel, bootstrap, cache, request);
    }
    int n = bootstrap ? Math.min(parallel, world.bootstrapCount()) : Math.min(parallel, cache.size());
    targets = new int[n];
    replies = 0;
    best = -1;
    // Clients served in their own region ask their region's cached supernodes first (the first
    // eight draws of each target skip the others).
    boolean ownFirst = !bootstrap && p.client().preferOwnRegion();
    int limit = ownFirst ? 16 : 8;
    for (int i = 0; i < n; i++) {
      int target;
      int tries = 0;
      do {
        target = bootstrap
            ? world.firstBootstrap() + ctx.random().nextInt(world.bootstrapCount())
            : cache.pick(ctx.random());
      } while ((HostCache.contains(targets, i, target)
          || ownFirst && tries < 8 && world.region(target) != self.region()) && ++tries < limit);
      targets[i] = target;
      ctx.send(target, request, self.latency(ctx, target));
    }
    return n;
  }

  /**
   * A round of a client that only its region serves: up to {@code parallel} cached supernodes
   * of the region, or its region's bootstrap supernodes on a bootstrap round and whenever the
   * cache holds none of the region.
   */
  private int beginInOwnRegion(EntityContext ctx, int parallel, boolean bootstrap, HostCache cache,
      ConnectRequest request) {
    int[] picked = new int[parallel];
    int n = 0;
    for (int draw = 0; !bootstrap && draw < OWN_REGION_DRAWS && n < parallel && cache.size() > 0; draw++) {
      int target = cache.pick(ctx.random());
      if (world.region(target) == self.region() && !HostCache.contains(picked, n, target)) {
        picked[n++] = target;
      }
    }
    if (n == 0) {
      for (int b : world.bootstrapsOf(self.region())) {
        if (n < parallel) {
          picked[n++] = b;
        }
      }
    }
    targets = Arrays.copyOf(picked, n);
    replies = 0;
    best = -1;
    for (int target : targets) {
      ctx.send(target, request, self.latency(ctx, target));
    }
    return n;
  }

  int round() {
    return round;
  }

  /** Cached supernodes that did not answer are gone; forgets them (not the bootstrap set). */
  void forgetSilent(HostCache cache) {
    for (int target : targets) {
      if (target >= 0 && !world.isBootstrap(target)) {
        cache.remove(target);
      }
    }
  }

  /** The wait before the next round, by the connect retry policy; the round is over. */
  long retryDelay(EntityContext ctx, OverlayParams p) {
    long delay = p.client().connectRetry().nextDelay(round, prevDelay, ctx.random());
    prevDelay = delay;
    targets = NO_TARGETS;
    return delay;
  }

  /** Linked: the round is over. */
  void finish() {
    targets = NO_TARGETS;
    best = -1;
  }

  /** Counts an answer from {@code sn}; false if it is not a target of this round (or answered). */
  boolean countAnswer(int sn) {
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] == sn) {
        targets[i] = -1; // count each target's answer once
        replies++;
        return true;
      }
    }
    return false;
  }

  boolean allAnswered() {
    return replies >= targets.length;
  }

  boolean hasBest() {
    return best >= 0;
  }

  int best() {
    return best;
  }

  /**
   * An acceptance from {@code sn} with {@code clients}: keeps the less loaded of it and the best
   * so far (with {@code ownRegionFirst}, one of the client's own region before any other).
   * Returns the one to release, or -1 for the round's first acceptance.
   */
  int offer(int sn, int clients, boolean ownRegionFirst) {
    if (best < 0) {
      best = sn;
      bestClients = clients;
      return -1;
    }
    boolean near = world.region(sn) == self.region();
    boolean bestNear = world.region(best) == self.region();
    if (ownRegionFirst && near != bestNear ? near : clients < bestClients) {
      int released = best;
      best = sn;
      bestClients = clients;
      return released;
    }
    return sn;
  }
}
