package org.patchstorm.core.overlay;

import java.util.random.RandomGenerator;

/**
 * What every entity knows about any peer without asking, as pure functions of (seed, id): its
 * region, whether it is eligible for supernode duty, installs updates automatically or runs the
 * affected client version, and its contacts.
 */
final class PeerTraits {

  private static final long SALT_REGION = 0x5851F42D4C957F2DL;
  private static final long SALT_ELIGIBLE = 0x14057B7EF767814FL;
  private static final long SALT_UPDATE = 0x2545F4914F6CDD1DL;
  private static final long SALT_CONTACT = 0x9E3779B97F4A7C15L;
  private static final long SALT_VERSION = 0x4CF5AD432745937FL;

  private final long seed;
  private final IdLayout ids;
  private final OverlayParams base;
  private final double affectedVersionShare;
  private final double[] regionCumulative;
  // Every send looks up two regions for its latency: drawn once per peer here, not per send.
  private final byte[] peerRegion;

  PeerTraits(long seed, IdLayout ids, OverlayParams base, double affectedVersionShare) {
    this.seed = seed;
    this.ids = ids;
    this.base = base;
    this.affectedVersionShare = affectedVersionShare;
    OverlayParams.Geography g = base.geography();
    int regions = g.regions().size();
    this.regionCumulative = new double[regions];
    double total = g.regions().stream().mapToDouble(OverlayParams.Region::weight).sum();
    double acc = 0;
    for (int i = 0; i < regions; i++) {
      acc += g.regions().get(i).weight() / total;
      regionCumulative[i] = acc;
    }
    regionCumulative[regions - 1] = 1.0;
    this.peerRegion = new byte[ids.peerCount()];
    for (int i = 0; i < peerRegion.length; i++) {
      peerRegion[i] = (byte) drawRegion(ids.firstPeer() + i);
    }
  }

  int region(int id) {
    if (id < ids.loginServers()) {
      return base.login().region();
    }
    if (id < ids.firstPeer()) {
      return (id - ids.loginServers()) % regionCumulative.length;
    }
    int peer = id - ids.firstPeer();
    return peer < peerRegion.length ? peerRegion[peer] : drawRegion(id); // beyond the peers: bots
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

  boolean eligible(int id) {
    return id >= ids.firstPeer() && unit(id, SALT_ELIGIBLE) < base.population().eligibleShare();
  }

  boolean autoUpdate(int id) {
    return unit(id, SALT_UPDATE) < base.population().autoUpdateShare();
  }

  boolean affectedVersion(int id) {
    return unit(id, SALT_VERSION) < affectedVersionShare;
  }

  /** The k-th contact of a peer: another peer, fixed for the run. */
  int contact(int id, int k) {
    int peers = ids.peerCount();
    long h = mix(seed ^ (id * 0x9E3779B97F4A7C15L) ^ (k * SALT_CONTACT));
    int other = ids.firstPeer() + (int) Long.remainderUnsigned(h, peers);
    return other == id ? ids.firstPeer() + (other - ids.firstPeer() + 1) % peers : other;
  }

  /** A random peer, drawn from the caller's stream. */
  int randomPeer(RandomGenerator random) {
    return ids.firstPeer() + random.nextInt(ids.peerCount());
  }

  /** A uniform number in [0, 1) for (seed, id, salt). */
  double unit(int id, long salt) {
    return (mix(seed ^ salt ^ (id * 0xBF58476D1CE4E5B9L)) >>> 11) * 0x1.0p-53;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
