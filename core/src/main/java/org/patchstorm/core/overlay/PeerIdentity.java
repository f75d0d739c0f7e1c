package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.Activate;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * Who a peer is: fixed for the whole run, shared by the peer's roles, with the settings in force
 * at the peer (which the coordinator's commands change). The region is looked up in the world (a
 * byte per peer there) rather than kept: 8 bytes less per peer.
 */
final class PeerIdentity {

  /** An ordinary client (which may serve), or one of the operator's supernodes (which only serve). */
  enum Kind { PEER, BOOTSTRAP, DEDICATED }

  private final OverlayWorld world;
  private final int id;
  private final Kind kind;
  private final boolean eligible;
  /** Shared with the other entities that have seen the same commands. */
  private InForce inForce;

  private PeerIdentity(OverlayWorld world, int id, Kind kind, boolean eligible) {
    this.world = world;
    this.id = id;
    this.kind = kind;
    this.eligible = eligible;
    this.inForce = world.initialInForce();
  }

  static PeerIdentity of(OverlayWorld world, int id) {
    Kind kind = world.isBootstrap(id) ? Kind.BOOTSTRAP : world.isDedicated(id) ? Kind.DEDICATED : Kind.PEER;
    return new PeerIdentity(world, id, kind, world.eligible(id));
  }

  OverlayWorld world() {
    return world;
  }

  int id() {
    return id;
  }

  Kind kind() {
    return kind;
  }

  boolean eligible() {
    return eligible;
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

  /** The capacity this dedicated supernode was woken with (null before). */
  Activate dedicatedCapacity() {
    return inForce.dedicatedCapacity();
  }

  void apply(ChangeParameter c) {
    inForce = inForce.with(world, c);
  }

  void apply(ChangeDefence c) {
    inForce = inForce.with(world, c);
  }

  void apply(Activate a) {
    inForce = inForce.with(a);
  }

  InForce inForceForTest() {
    return inForce;
  }

  /** A link latency to {@code to}, drawn from this peer's stream. */
  long latency(EntityContext ctx, int to) {
    return world.latency(id, to, ctx.random());
  }
}
