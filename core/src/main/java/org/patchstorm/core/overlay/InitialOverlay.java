package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.patchstorm.core.overlay.attack.TargetPool;

/**
 * The overlay at time 0, the same on every member: which peers serve as supernodes, which are on
 * line, and the supernode each of those is attached to (a warm start: a run begins in the steady
 * state instead of with a log-in flood of its own making).
 */
final class InitialOverlay {

  private static final long SALT_INITIAL = 0xD1B54A32D192ED03L;
  private static final long SALT_ONLINE = 0x8CB92BA72F3D8DD7L;
  private static final long SALT_ASSIGN = 0x3C6EF372FE94F82BL;

  private final long seed;
  private final IdLayout ids;
  private final PeerTraits traits;
  private final ArrivalProcess arrivals;
  private final int[] initialSupernodes;
  // Clients of each initial supernode, indexed like initialSupernodes.
  private final int[][] initialClients;
  /**
   * With clients that prefer their own region, the indexes (in initialSupernodes) of each
   * region's initial supernodes; null otherwise (any supernode).
   */
  private final int[][] byRegion;

  InitialOverlay(long seed, OverlayParams params, IdLayout ids, PeerTraits traits, ArrivalProcess arrivals) {
    this.seed = seed;
    this.ids = ids;
    this.traits = traits;
    this.arrivals = arrivals;
    int peers = ids.peerCount();
    int firstPeer = ids.firstPeer();
    // Initial supernodes: a share of all peers, drawn among the eligible ones.
    double pick = Math.min(1.0, params.healing().initialShare() / params.population().eligibleShare());
    int regions = params.geography().regions().size();
    boolean ownRegion = params.client().preferOwnRegion();
    this.initialSupernodes = ownRegion ? whereUsersAre(pick, regions) : drawn(pick);
    this.byRegion = ownRegion ? indexByRegion(regions) : null;
    int n = initialSupernodes.length;
    int[] counts = new int[n];
    int[] assigned = new int[peers];
    for (int id = firstPeer; id < firstPeer + peers; id++) {
      int sn = n == 0 || isInitialSupernode(id) || !initiallyOnline(id) ? -1 : assignIndex(id);
      assigned[id - firstPeer] = sn;
      if (sn >= 0) {
        counts[sn]++;
      }
    }
    this.initialClients = new int[n][];
    for (int i = 0; i < n; i++) {
      initialClients[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int id = firstPeer; id < firstPeer + peers; id++) {
      int sn = assigned[id - firstPeer];
      if (sn >= 0) {
        initialClients[sn][counts[sn]++] = id;
      }
    }
  }

  /** Each eligible peer serves at time 0 with probability {@code pick}. */
  private int[] drawn(double pick) {
    int[] initial = new int[ids.peerCount()];
    int n = 0;
    for (int id = ids.firstPeer(); id < ids.firstPeer() + ids.peerCount(); id++) {
      if (traits.eligible(id) && traits.unit(id, SALT_INITIAL) < pick) {
        initial[n++] = id;
      }
    }
    return Arrays.copyOf(initial, n);
  }

  /**
   * With clients served in their own region: as many initial supernodes as the draw gives on
   * average, shared among the regions by their users on line at time 0 (at least one each), the
   * eligible peers of lowest draw in each. The run starts in the steady state: drawn by
   * population, the evening Americas had a third fewer supernodes than their users needed, and
   * at 20 k peers a region could get one or two for hundreds of users; they lost most presence
   * updates until promotions caught up half an hour later.
   */
  private int[] whereUsersAre(double pick, int regions) {
    List<List<Integer>> eligible = new ArrayList<>();
    double[] users = new double[regions];
    for (int r = 0; r < regions; r++) {
      eligible.add(new ArrayList<>());
    }
    double eligibleCount = 0;
    for (int id = ids.firstPeer(); id < ids.firstPeer() + ids.peerCount(); id++) {
      int r = traits.region(id);
      users[r] += arrivals.diurnal(r, 0);
      if (traits.eligible(id)) {
        eligible.get(r).add(id);
        eligibleCount++;
      }
    }
    double total = Arrays.stream(users).sum();
    IntStream.Builder chosen = IntStream.builder();
    for (int r = 0; r < regions; r++) {
      List<Integer> candidates = eligible.get(r);
      long wanted = total == 0 ? 0 : Math.max(1, Math.round(pick * eligibleCount * users[r] / total));
      candidates.stream()
          .sorted(Comparator.comparingDouble((Integer id) -> traits.unit(id, SALT_INITIAL)).thenComparingInt(id -> id))
          .limit(wanted)
          .forEach(chosen::add);
    }
    return chosen.build().sorted().toArray();
  }

  /** Initial supernodes (peers), ascending. Shared array: do not modify. */
  int[] supernodes() {
    return initialSupernodes;
  }

  boolean isInitialSupernode(int id) {
    return Arrays.binarySearch(initialSupernodes, id) >= 0;
  }

  /** Whether a peer is online at time 0 (drawn against its region's diurnal share). */
  boolean initiallyOnline(int id) {
    return id >= ids.firstPeer()
        && (isInitialSupernode(id) || traits.unit(id, SALT_ONLINE) < arrivals.diurnal(traits.region(id), 0));
  }

  /** The initial supernode of a peer online at time 0, or -1. */
  int supernodeOf(int id) {
    int n = initialSupernodes.length;
    if (n == 0 || isInitialSupernode(id) || !initiallyOnline(id)) {
      return -1;
    }
    return initialSupernodes[assignIndex(id)];
  }

  /** The clients an initial supernode holds at time 0 (shared array: do not modify). */
  int[] clientsOf(int supernode) {
    int i = Arrays.binarySearch(initialSupernodes, supernode);
    return i < 0 ? new int[0] : initialClients[i];
  }

  /** The index of a peer's initial supernode: one of its region's when it prefers those. */
  private int assignIndex(int id) {
    long h = PeerTraits.mix(seed ^ SALT_ASSIGN ^ (id * 0xBF58476D1CE4E5B9L));
    int[] own = byRegion == null ? null : byRegion[traits.region(id)];
    if (own == null || own.length == 0) {
      return (int) Long.remainderUnsigned(h, initialSupernodes.length);
    }
    return own[(int) Long.remainderUnsigned(h, own.length)];
  }

  private int[][] indexByRegion(int regions) {
    int[][] out = new int[regions][];
    for (int r = 0; r < regions; r++) {
      int region = r;
      out[r] = IntStream.range(0, initialSupernodes.length)
          .filter(i -> traits.region(initialSupernodes[i]) == region).toArray();
    }
    return out;
  }

  /** What an attacker knows: the servers, the bootstrap set and the supernodes of time 0. */
  TargetPool targetPool() {
    int[] logins = IntStream.range(0, ids.loginServers()).toArray();
    int[] boot = IntStream.range(ids.firstBootstrap(), ids.firstBootstrap() + ids.bootstrapCount()).toArray();
    // Known supernodes: the bootstrap set (in every client) and those of time 0 (crawled).
    int[] known = IntStream.concat(IntStream.of(boot), IntStream.of(initialSupernodes)).toArray();
    int[] load = new int[known.length];
    int[] regions = new int[known.length];
    for (int i = 0; i < known.length; i++) {
      load[i] = i < boot.length ? 0 : initialClients[i - boot.length].length;
      regions[i] = traits.region(known[i]);
    }
    return new TargetPool(logins, boot, known, load, regions);
  }
}
