package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * Who a peer is: fixed for the whole run, shared by the peer's roles, with the settings in force
 * at the peer (which the coordinator's commands change). The region is looked up in the world (a
 * byte per peer there) rather than kept: 8 bytes less per peer.
 */
record PeerIdentity(OverlayWorld world, int id, Kind kind, boolean eligible, InForce inForce) {

  /** An ordinary client (which may serve), or one of the operator's supernodes (which only serve). */
  enum Kind { PEER, BOOTSTRAP, DEDICATED }

  static PeerIdentity of(OverlayWorld world, int id) {
    Kind kind = world.isBootstrap(id) ? Kind.BOOTSTRAP : world.isDedicated(id) ? Kind.DEDICATED : Kind.PEER;
    return new PeerIdentity(world, id, kind, world.eligible(id), new InForce(world));
  }

  int region() {
    return world.region(id);
  }

  boolean isPeer() {
    return kind == Kind.PEER;
  }

  /** The parameters in force at the peer. */
  OverlayParams params(EntityContext ctx) {
    return inForce.params();
  }

  OverlayParams params() {
    return inForce.params();
  }

  Defences defences() {
    return inForce.defences();
  }

  /** A link latency to {@code to}, drawn from this peer's stream. */
  long latency(EntityContext ctx, int to) {
    return world.latency(id, to, ctx.random());
  }
}
