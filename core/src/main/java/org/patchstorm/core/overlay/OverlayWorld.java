package org.patchstorm.core.overlay;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.patchstorm.core.config.SettableKeys;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.TargetPool;
import org.patchstorm.core.overlay.attack.TargetSelector;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * What every entity knows about the world without asking, immutable and shared by all entities
 * of a member: the parameters at the start of the run, the id layout ({@link IdLayout}), per-id
 * traits ({@link PeerTraits}), when users start their clients ({@link ArrivalProcess}), the
 * overlay of time 0 ({@link InitialOverlay}), link latencies and the botnets' targets. All are
 * pure functions of (experiment, seed), so that any entity can compute any other's region and
 * the initial supernodes without messages.
 */
public final class OverlayWorld {

  private static final long SALT_TARGETS = 0x7A6F2C3B1D5E4F8AL;

  private final OverlayParams base;
  private final long seed;
  private final double timelineScale;
  private final AttackParams attack;
  private final IdLayout ids;
  private final PeerTraits traits;
  private final ArrivalProcess arrivals;
  private final InitialOverlay initial;
  private final long[][] latencyMicros;
  private final long jitterMicros;
  private final int[][] botnetTargets;
  /** Each region's bootstrap supernodes (they are spread over the regions in turn). */
  private final int[][] bootstrapsByRegion;
  // Settings changed by the coordinator's commands: interned, so that the entities that take
  // the same change share one copy instead of each holding its own.
  private final ConcurrentHashMap<Change, Object> changes = new ConcurrentHashMap<>();
  private final InForce initialInForce;

  public OverlayWorld(OverlayParams params, long seed) {
    this(params, AttackParams.none(), seed);
  }

  public OverlayWorld(OverlayParams params, AttackParams attack, long seed) {
    this(params, attack, seed, 1);
  }

  /**
   * {@code timelineScale}: how the experiment scaled its timeline's capacities (see {@link
   * OverlayScenarios#scaleCapacity}), for events injected while the run goes.
   */
  public OverlayWorld(OverlayParams params, AttackParams attack, long seed, double timelineScale) {
    this.base = params;
    this.seed = seed;
    this.timelineScale = timelineScale;
    this.attack = attack;
    this.initialInForce = new InForce(params, attack.defences(), null);
    this.ids = new IdLayout(params, attack);
    this.traits = new PeerTraits(seed, ids, params, attack.crash().affectedVersionShare());
    this.arrivals = new ArrivalProcess(params);
    this.initial = new InitialOverlay(seed, params, ids, traits, arrivals);
    OverlayParams.Geography g = params.geography();
    int regions = g.regions().size();
    this.latencyMicros = new long[regions][regions];
    for (int i = 0; i < regions; i++) {
      for (int j = 0; j < regions; j++) {
        latencyMicros[i][j] = Math.round(g.latencyMs()[i][j] * 1000);
      }
    }
    this.jitterMicros = Math.round(g.jitterMs() * 1000);
    this.bootstrapsByRegion = new int[regions][];
    for (int r = 0; r < regions; r++) {
      int region = r;
      bootstrapsByRegion[r] = IntStream.range(ids.firstBootstrap(), ids.firstBootstrap() + ids.bootstrapCount())
          .filter(b -> traits.region(b) == region).toArray();
    }
    List<Botnet> botnets = attack.botnets();
    this.botnetTargets = new int[botnets.size()][];
    TargetPool pool = initial.targetPool();
    for (int b = 0; b < botnets.size(); b++) {
      // The botnet's controller picks the targets once, from a stream of its own.
      botnetTargets[b] = TargetSelector.select(botnets.get(b), pool,
          new SplittableRandom(PeerTraits.mix(seed ^ SALT_TARGETS ^ b)));
    }
  }

  // ---------------------------------------------------------------- settings

  /** The parameters at the start of the run (timeline events change them by commands). */
  public OverlayParams params() {
    return base;
  }

  public AttackParams attack() {
    return attack;
  }

  /** The defences at the start of the run (set-defence events change them by commands). */
  public Defences defences() {
    return attack.defences();
  }

  /** The experiment seed (the coordinator derives each event's stream from it). */
  long seed() {
    return seed;
  }

  /** How the experiment's timeline capacities were scaled (1: not at all). */
  double timelineScale() {
    return timelineScale;
  }

  /**
   * {@code before} with a settable key changed, one shared copy per distinct change: every
   * entity that takes the same change from the same settings gets the same object.
   */
  <T> T changed(T before, SettableKeys<T> keys, int code, double value) {
    return shared(before, code, value, () -> keys.byCode(code).setter().apply(before, value));
  }

  /**
   * The one object {@code make} gives for change {@code code = value} of {@code before}: every
   * entity that takes the same change of the same object gets it ({@code make} may not change
   * settings itself).
   */
  @SuppressWarnings("unchecked")
  <T> T shared(Object before, int code, double value, Supplier<T> make) {
    return (T) changes.computeIfAbsent(new Change(before, code, value), c -> make.get());
  }

  /** The settings every entity starts with, one object for all. */
  InForce initialInForce() {
    return initialInForce;
  }

  /** A change of one settings object (compared by identity) by one key. */
  private record Change(Object before, int code, double value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Change c && c.before == before && c.code == code
          && Double.compare(c.value, value) == 0;
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(before) * 31 + code) * 31 + Double.hashCode(value);
    }
  }

  // ---------------------------------------------------------------- ids

  public IdLayout ids() {
    return ids;
  }

  public int entityCount() {
    return ids.entityCount();
  }

  public int coordinator() {
    return ids.coordinator();
  }

  public boolean isCoordinator(int id) {
    return ids.isCoordinator(id);
  }

  public int loginServers() {
    return ids.loginServers();
  }

  public int firstBootstrap() {
    return ids.firstBootstrap();
  }

  public int bootstrapCount() {
    return ids.bootstrapCount();
  }

  /**
   * How many peer supernodes' share of a flood a bootstrap node draws: its service rate in
   * peer supernodes' (10 at 100 k peers in the scenarios whose bootstrap rate scales).
   */
  public double bootstrapFloodWeight() {
    return base.infrastructure().bootstrapMessageRate() / base.supernode().messageRate();
  }

  /** The bootstrap supernodes of {@code region} (shared: do not change it). */
  public int[] bootstrapsOf(int region) {
    return bootstrapsByRegion[region];
  }

  public int firstDedicated() {
    return ids.firstDedicated();
  }

  public int dedicatedCount() {
    return ids.dedicatedCount();
  }

  public int firstPeer() {
    return ids.firstPeer();
  }

  public int firstAttacker() {
    return ids.firstAttacker();
  }

  public boolean isLoginServer(int id) {
    return ids.isLoginServer(id);
  }

  public boolean isBootstrap(int id) {
    return ids.isBootstrap(id);
  }

  public boolean isDedicated(int id) {
    return ids.isDedicated(id);
  }

  public boolean isPeer(int id) {
    return ids.isPeer(id);
  }

  public boolean isAttacker(int id) {
    return ids.isAttacker(id);
  }

  public int botnetOf(int id) {
    return ids.botnetOf(id);
  }

  public int botIndex(int id) {
    return ids.botIndex(id);
  }

  public int firstBot(int b) {
    return ids.firstBot(b);
  }

  public int botnetIndex(String name) {
    return ids.botnetIndex(name);
  }

  /** The targets of botnet {@code b}, ascending ids (shared array: do not modify). */
  public int[] botnetTargets(int b) {
    return botnetTargets[b];
  }

  // ---------------------------------------------------------------- traits

  public int region(int id) {
    return traits.region(id);
  }

  public boolean eligible(int id) {
    return traits.eligible(id);
  }

  public boolean autoUpdate(int id) {
    return traits.autoUpdate(id);
  }

  /** Whether a peer runs the affected client version (fixed for the run). */
  public boolean affectedVersion(int id) {
    return traits.affectedVersion(id);
  }

  /** The k-th contact of a peer: another peer, fixed for the run. */
  public int contact(int id, int k) {
    return traits.contact(id, k);
  }

  /** A random peer (for bots' relayed junk), drawn from the caller's stream. */
  public int randomPeer(RandomGenerator random) {
    return traits.randomPeer(random);
  }

  // ---------------------------------------------------------------- time of day

  /** See {@link ArrivalProcess#nextStart}. */
  public long nextStart(int region, boolean eligibleGroup, long now, double unitExponential) {
    return arrivals.nextStart(region, eligibleGroup, now, unitExponential);
  }

  /** Local hour (fractional, 0..24) of a region at virtual time {@code now}. */
  public double localHour(int region, long now) {
    return arrivals.localHour(region, now);
  }

  /** The diurnal target online share of a region at {@code now}, linearly interpolated. */
  public double diurnal(int region, long now) {
    return arrivals.diurnal(region, now);
  }

  /** Offset (µs) of a region's local clock from virtual time. */
  public long utcOffsetMicros(int region) {
    return arrivals.utcOffsetMicros(region);
  }

  // ---------------------------------------------------------------- time 0

  /** Initial supernodes (peers), ascending. Shared array: do not modify. */
  public int[] initialSupernodes() {
    return initial.supernodes();
  }

  public boolean isInitialSupernode(int id) {
    return initial.isInitialSupernode(id);
  }

  /** Whether a peer is online at time 0 (drawn against its region's diurnal share). */
  public boolean initiallyOnline(int id) {
    return initial.initiallyOnline(id);
  }

  /** The initial supernode of a peer online at time 0, or -1. */
  public int initialSupernodeOf(int id) {
    return initial.supernodeOf(id);
  }

  /** The clients an initial supernode holds at time 0 (shared array: do not modify). */
  public int[] initialClientsOf(int supernode) {
    return initial.clientsOf(supernode);
  }

  // ---------------------------------------------------------------- links

  /** One-way latency from one entity to another, with jitter drawn from the sender's stream. */
  public long latency(int from, int to, RandomGenerator random) {
    long latency = latencyMicros[region(from)][region(to)];
    return jitterMicros == 0 ? latency : latency + (long) (random.nextDouble() * jitterMicros);
  }

  public long lookaheadMicros() {
    long min = Long.MAX_VALUE;
    for (long[] row : latencyMicros) {
      for (long v : row) {
        min = Math.min(min, v);
      }
    }
    return min;
  }

  public int regions() {
    return latencyMicros.length;
  }

  /**
   * How long before an event's time the coordinator sends its commands, and so the latency they
   * take: the smallest latency between two different regions (the lookahead with one region).
   * Every message between regions, the coordinator's included, then takes at least that long,
   * which is what lets cluster members that host different regions meet less often.
   */
  public long commandLeadMicros() {
    long min = Long.MAX_VALUE;
    for (int a = 0; a < latencyMicros.length; a++) {
      for (int b = 0; b < latencyMicros.length; b++) {
        if (a != b) {
          min = Math.min(min, latencyMicros[a][b]);
        }
      }
    }
    return min == Long.MAX_VALUE ? lookaheadMicros() : Math.max(min, lookaheadMicros());
  }

  /** The smallest latency of any message from region {@code from} to region {@code to}. */
  public long regionLatencyMicros(int from, int to) {
    return from == to ? latencyMicros[from][to]
        : Math.min(latencyMicros[from][to], commandLeadMicros());
  }
}
