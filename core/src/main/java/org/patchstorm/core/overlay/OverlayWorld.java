package org.patchstorm.core.overlay;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.TargetPool;
import org.patchstorm.core.overlay.attack.TargetSelector;
import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.TimelineEvent.AddSupernodes;

/**
 * What every entity knows about the world without asking: the id layout, the parameter
 * schedule, and per-id traits (region, eligibility, update habit, contacts) as pure functions of
 * (seed, id), so that any entity can compute any other's region and the initial supernodes
 * without messages. Immutable, shared by all entities of a member.
 *
 * <p>Id layout: login servers [0, L), bootstrap supernodes [L, L+B), dedicated supernodes
 * [L+B, L+B+D) (dormant until an add-supernodes event wakes them), peers [L+B+D, P), bots
 * [P, C) (botnet after botnet, dormant until their attack starts), the coordinator C (the
 * last id, so that it is one entity in any partitioning and adds nothing before the others).
 */
public final class OverlayWorld {

  private static final long SALT_REGION = 0x5851F42D4C957F2DL;
  private static final long SALT_ELIGIBLE = 0x14057B7EF767814FL;
  private static final long SALT_UPDATE = 0x2545F4914F6CDD1DL;
  private static final long SALT_CONTACT = 0x9E3779B97F4A7C15L;
  private static final long SALT_INITIAL = 0xD1B54A32D192ED03L;

  private final OverlayParams base;
  private final long seed;
  private final double timelineScale;
  private final int loginServers;
  private final int bootstrap;
  private final int dedicated;
  private final int peers;
  private final long[][] latencyMicros;
  private final long jitterMicros;
  private final double[] regionCumulative;
  // Every send looks up two regions for its latency: drawn once per peer here, not per send.
  private final byte[] peerRegion;
  private final int[] initialSupernodes;
  private static final long SALT_ONLINE = 0x8CB92BA72F3D8DD7L;
  private static final long SALT_ASSIGN = 0x3C6EF372FE94F82BL;
  // Warm start: clients of each initial supernode, indexed like initialSupernodes.
  private final int[][] initialClients;

  private static final long SALT_VERSION = 0x4CF5AD432745937FL;
  private static final long SALT_TARGETS = 0x7A6F2C3B1D5E4F8AL;
  private final AttackParams attack;
  // Settings changed by the coordinator's commands: interned, so that the entities that take
  // the same change share one copy instead of each holding its own.
  private final java.util.concurrent.ConcurrentHashMap<Change, Object> changes = new java.util.concurrent.ConcurrentHashMap<>();
  // First bot id of each botnet, plus the end; and each botnet's targets.
  private final int[] botnetFirst;
  private final int[][] botnetTargets;

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
    this.timelineScale = timelineScale;
    this.attack = attack;
    this.base = params;
    this.seed = seed;
    this.loginServers = params.login().servers();
    this.bootstrap = params.infrastructure().bootstrapSupernodes();
    int adds = params.timeline().addSupernodes().stream().mapToInt(AddSupernodes::count).sum();
    this.dedicated = Math.max(adds, params.infrastructure().dedicatedPool());
    this.peers = params.population().peers();
    OverlayParams.Geography g = params.geography();
    int regions = g.regions().size();
    this.latencyMicros = new long[regions][regions];
    for (int i = 0; i < regions; i++) {
      for (int j = 0; j < regions; j++) {
        latencyMicros[i][j] = Math.round(g.latencyMs()[i][j] * 1000);
      }
    }
    this.jitterMicros = Math.round(g.jitterMs() * 1000);
    this.regionCumulative = new double[regions];
    double total = g.regions().stream().mapToDouble(OverlayParams.Region::weight).sum();
    double acc = 0;
    for (int i = 0; i < regions; i++) {
      acc += g.regions().get(i).weight() / total;
      regionCumulative[i] = acc;
    }
    regionCumulative[regions - 1] = 1.0;
    this.peerRegion = new byte[peers];
    for (int i = 0; i < peers; i++) {
      peerRegion[i] = (byte) drawRegion(firstPeer() + i);
    }
    buildStartHazard(params);
    // Initial supernodes: a share of all peers, drawn among the eligible ones.
    double pick = Math.min(1.0, params.healing().initialShare() / params.population().eligibleShare());
    int[] initial = new int[peers];
    int n = 0;
    for (int id = firstPeer(); id < firstPeer() + peers; id++) {
      if (eligible(id) && unit(id, SALT_INITIAL) < pick) {
        initial[n++] = id;
      }
    }
    this.initialSupernodes = java.util.Arrays.copyOf(initial, n);
    // Peers online at time 0 start attached to an initial supernode, so a run starts in the
    // steady state instead of with a log-in flood of its own making.
    int[] counts = new int[n];
    int[] assigned = new int[peers];
    for (int id = firstPeer(); id < firstPeer() + peers; id++) {
      int sn = n == 0 || isInitialSupernode(id) || !initiallyOnline(id) ? -1 : assignIndex(id, n);
      assigned[id - firstPeer()] = sn;
      if (sn >= 0) {
        counts[sn]++;
      }
    }
    this.initialClients = new int[n][];
    for (int i = 0; i < n; i++) {
      initialClients[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int id = firstPeer(); id < firstPeer() + peers; id++) {
      int sn = assigned[id - firstPeer()];
      if (sn >= 0) {
        initialClients[sn][counts[sn]++] = id;
      }
    }
    List<Botnet> botnets = attack.botnets();
    this.botnetFirst = new int[botnets.size() + 1];
    this.botnetTargets = new int[botnets.size()][];
    int first = firstPeer() + peers;
    TargetPool pool = targetPool();
    for (int b = 0; b < botnets.size(); b++) {
      botnetFirst[b] = first;
      first += botnets.get(b).bots();
      // The botnet's controller picks the targets once, from a stream of its own.
      botnetTargets[b] = TargetSelector.select(botnets.get(b), pool, new SplittableRandom(mix(seed ^ SALT_TARGETS ^ b)));
    }
    botnetFirst[botnets.size()] = first;
  }

  /** What an attacker knows: the servers, the bootstrap set and the supernodes of time 0. */
  private TargetPool targetPool() {
    int[] logins = IntStream.range(0, loginServers).toArray();
    int[] boot = IntStream.range(firstBootstrap(), firstBootstrap() + bootstrap).toArray();
    // Known supernodes: the bootstrap set (in every client) and those of time 0 (crawled).
    int n = initialSupernodes.length;
    int[] known = IntStream.concat(IntStream.of(boot), IntStream.of(initialSupernodes)).toArray();
    int[] load = new int[known.length];
    int[] regions = new int[known.length];
    for (int i = 0; i < known.length; i++) {
      load[i] = i < boot.length ? 0 : initialClients[i - boot.length].length;
      regions[i] = region(known[i]);
    }
    return new TargetPool(logins, boot, known, load, regions);
  }

  // Cumulative start hazard per (region, eligible) at one-minute steps over one day; see
  // nextStart().
  private double[][] startHazard;
  private static final int MINUTES = 1440;

  /**
   * When a peer that goes off-line at {@code now} starts its next session: the first event of a
   * non-homogeneous Poisson process whose rate mu(t) = (f'(t) + f(t)/S) / (1 - f(t)) keeps the
   * expected online share of a region equal to its diurnal curve f (S: mean session). Sampled
   * by inverting the cumulative rate, so it costs no events.
   */
  public long nextStart(int region, boolean eligibleGroup, long now, double unitExponential) {
    double[] h = startHazard[region * 2 + (eligibleGroup ? 1 : 0)];
    double perDay = h[MINUTES];
    long minute = now / OverlayParams.MINUTE;
    double start = hazardAt(h, perDay, minute, now - minute * OverlayParams.MINUTE);
    double target = start + unitExponential;
    // Whole days first, then the minute by binary search within the day.
    long days = (long) Math.floor((target - hazardAt(h, perDay, (minute / MINUTES) * MINUTES, 0)) / perDay);
    long dayStart = (minute / MINUTES + Math.max(0, days)) * MINUTES;
    long lo = Math.max(minute, dayStart);
    long hi = lo + 2L * MINUTES;
    while (hazardAt(h, perDay, hi, 0) < target) {
      hi += MINUTES;
    }
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (hazardAt(h, perDay, mid, 0) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double before = hazardAt(h, perDay, lo, 0);
    double rate = hazardAt(h, perDay, lo + 1, 0) - before;
    double frac = rate <= 0 ? 0 : Math.min(1, Math.max(0, (target - before) / rate));
    long t = lo * OverlayParams.MINUTE + (long) (frac * OverlayParams.MINUTE);
    return Math.max(now + 1, t);
  }

  private static double hazardAt(double[] h, double perDay, long minute, long extraMicros) {
    long day = Math.floorDiv(minute, MINUTES);
    int m = (int) (minute - day * MINUTES);
    double value = day * perDay + h[m];
    if (extraMicros > 0) {
      value += (h[m + 1] - h[m]) * extraMicros / (double) OverlayParams.MINUTE;
    }
    return value;
  }

  private void buildStartHazard(OverlayParams params) {
    int regions = params.geography().regions().size();
    startHazard = new double[regions * 2][];
    double session = params.population().session().mean();
    for (int r = 0; r < regions; r++) {
      for (int e = 0; e < 2; e++) {
        double s = session * (e == 1 ? params.population().eligibleSessionScale() : 1);
        double[] h = new double[MINUTES + 1];
        for (int m = 0; m < MINUTES; m++) {
          long t = m * OverlayParams.MINUTE;
          double f = diurnal(r, t + OverlayParams.MINUTE / 2);
          double slope = (diurnal(r, t + OverlayParams.MINUTE) - diurnal(r, t)) / 60.0; // per second
          double mu = Math.max(0, (slope + f / s) / (1 - f)); // per second
          h[m + 1] = h[m] + mu * 60.0;
        }
        startHazard[r * 2 + e] = h;
      }
    }
  }

  /** Whether a peer is online at time 0 (drawn against its region's diurnal share). */
  public boolean initiallyOnline(int id) {
    return id >= firstPeer()
        && (isInitialSupernode(id) || unit(id, SALT_ONLINE) < diurnal(region(id), 0));
  }

  /** The initial supernode of a peer online at time 0, or -1. */
  public int initialSupernodeOf(int id) {
    int n = initialSupernodes.length;
    if (n == 0 || isInitialSupernode(id) || !initiallyOnline(id)) {
      return -1;
    }
    return initialSupernodes[assignIndex(id, n)];
  }

  /** The clients an initial supernode holds at time 0 (shared array: do not modify). */
  public int[] initialClientsOf(int supernode) {
    int i = java.util.Arrays.binarySearch(initialSupernodes, supernode);
    return i < 0 ? new int[0] : initialClients[i];
  }

  private int assignIndex(int id, int n) {
    return (int) Long.remainderUnsigned(mix(seed ^ SALT_ASSIGN ^ (id * 0xBF58476D1CE4E5B9L)), n);
  }

  /** The parameters at the start of the run (timeline events change them by commands). */
  public OverlayParams params() {
    return base;
  }

  /** The experiment seed (the coordinator derives each event's stream from it). */
  long seed() {
    return seed;
  }

  /** How the experiment's timeline capacities were scaled (1: not at all). */
  double timelineScale() {
    return timelineScale;
  }

  /** The coordinator, which carries out the timeline: the last entity. */
  public int coordinator() {
    return botnetFirst[botnetFirst.length - 1];
  }

  public boolean isCoordinator(int id) {
    return id == coordinator();
  }

  public int entityCount() {
    return coordinator() + 1;
  }

  /**
   * {@code before} with a settable key changed, one shared copy per distinct change: every
   * entity that takes the same change from the same settings gets the same object.
   */
  @SuppressWarnings("unchecked")
  <T> T changed(T before, org.patchstorm.core.config.SettableKeys<T> keys, int code, double value) {
    return (T) changes.computeIfAbsent(new Change(before, code, value),
        c -> keys.byCode(code).setter().apply(before, value));
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

  public AttackParams attack() {
    return attack;
  }

  /** The defences at the start of the run (set-defence events change them by commands). */
  public Defences defences() {
    return attack.defences();
  }

  public int firstAttacker() {
    return firstPeer() + peers;
  }

  public boolean isAttacker(int id) {
    return id >= firstAttacker() && id < coordinator();
  }

  /** The index of the declared botnet of that name, or -1. */
  public int botnetIndex(String name) {
    List<Botnet> botnets = attack.botnets();
    for (int b = 0; b < botnets.size(); b++) {
      if (botnets.get(b).name().equals(name)) {
        return b;
      }
    }
    return -1;
  }

  /** The first bot id of botnet {@code b}. */
  public int firstBot(int b) {
    return botnetFirst[b];
  }

  public boolean isPeer(int id) {
    return id >= firstPeer() && id < firstAttacker();
  }

  /** The index of the botnet bot {@code id} belongs to. */
  public int botnetOf(int id) {
    int b = 0;
    while (botnetFirst[b + 1] <= id) {
      b++;
    }
    return b;
  }

  /** The 0-based index of bot {@code id} within its botnet. */
  public int botIndex(int id) {
    return id - botnetFirst[botnetOf(id)];
  }

  /** The targets of botnet {@code b}, ascending ids (shared array: do not modify). */
  public int[] botnetTargets(int b) {
    return botnetTargets[b];
  }

  /** Whether a peer runs the affected client version (fixed for the run). */
  public boolean affectedVersion(int id) {
    return unit(id, SALT_VERSION) < attack.crash().affectedVersionShare();
  }

  public int loginServers() {
    return loginServers;
  }

  public int firstBootstrap() {
    return loginServers;
  }

  public int bootstrapCount() {
    return bootstrap;
  }

  public int firstDedicated() {
    return loginServers + bootstrap;
  }

  public int dedicatedCount() {
    return dedicated;
  }

  public int firstPeer() {
    return loginServers + bootstrap + dedicated;
  }

  public boolean isLoginServer(int id) {
    return id < loginServers;
  }

  public boolean isBootstrap(int id) {
    return id >= loginServers && id < loginServers + bootstrap;
  }

  public boolean isDedicated(int id) {
    return id >= firstDedicated() && id < firstPeer();
  }

  /** Initial supernodes (peers), ascending. Shared array: do not modify. */
  public int[] initialSupernodes() {
    return initialSupernodes;
  }

  public boolean isInitialSupernode(int id) {
    return java.util.Arrays.binarySearch(initialSupernodes, id) >= 0;
  }

  public int region(int id) {
    if (id < loginServers) {
      return base.login().region();
    }
    if (id < firstPeer()) {
      return (id - loginServers) % regionCumulative.length;
    }
    int peer = id - firstPeer();
    return peer < peers ? peerRegion[peer] : drawRegion(id); // beyond the peers: bots
  }

  private int drawRegion(int id) {
    double u = unit(id, SALT_REGION);
    for (int i = 0; i < regionCumulative.length; i++) {
      if (u < regionCumulative[i]) {
        return i;
      }
    }
    return regionCumulative.length - 1;
  }

  public boolean eligible(int id) {
    return id >= firstPeer() && unit(id, SALT_ELIGIBLE) < base.population().eligibleShare();
  }

  public boolean autoUpdate(int id) {
    return unit(id, SALT_UPDATE) < base.population().autoUpdateShare();
  }

  /** A random peer (for bots' relayed junk), drawn from the caller's stream. */
  public int randomPeer(RandomGenerator random) {
    return firstPeer() + random.nextInt(peers);
  }

  /** The k-th contact of a peer: another peer, fixed for the run. */
  public int contact(int id, int k) {
    long h = mix(seed ^ (id * 0x9E3779B97F4A7C15L) ^ (k * SALT_CONTACT));
    int other = firstPeer() + (int) Long.remainderUnsigned(h, peers);
    return other == id ? firstPeer() + (other - firstPeer() + 1) % peers : other;
  }

  /** One-way latency from one entity to another, with jitter drawn from the sender's stream. */
  public long latency(int from, int to, RandomGenerator random) {
    long base = latencyMicros[region(from)][region(to)];
    return jitterMicros == 0 ? base : base + (long) (random.nextDouble() * jitterMicros);
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

  /** Local hour (fractional, 0..24) of a region at virtual time {@code now}. */
  public double localHour(int region, long now) {
    double offset = base.geography().regions().get(region).utcOffsetHours();
    double h = (now / (double) OverlayParams.HOUR + offset) % 24.0;
    return h < 0 ? h + 24 : h;
  }

  /** The diurnal target online share of a region at {@code now}, linearly interpolated. */
  public double diurnal(int region, long now) {
    double[] curve = base.geography().diurnal();
    double h = localHour(region, now);
    int i = (int) Math.floor(h) % 24;
    double f = h - Math.floor(h);
    return curve[i] * (1 - f) + curve[(i + 1) % 24] * f;
  }

  /** Offset (µs) of a region's local clock from virtual time. */
  public long utcOffsetMicros(int region) {
    return Math.round(base.geography().regions().get(region).utcOffsetHours() * OverlayParams.HOUR);
  }

  private double unit(int id, long salt) {
    return (mix(seed ^ salt ^ (id * 0xBF58476D1CE4E5B9L)) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
