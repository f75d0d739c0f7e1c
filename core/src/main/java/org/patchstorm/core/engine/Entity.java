package org.patchstorm.core.engine;

/**
 * An emulated node: a peer, supernode, login server, attacker or the scenario timeline.
 *
 * <p>Entity code is a plain state machine. The runtime calls it one event at a time, in the
 * canonical order (virtual time, sender id, sender sequence), and never concurrently for the
 * same entity, so implementations need no synchronisation. Everything an entity does to the
 * outside world goes through its {@link EntityContext}.
 */
public interface Entity {

  /** Called once, at virtual time 0, before any message is delivered. */
  void start(EntityContext ctx);

  /** Called for every message and every timer addressed to this entity. */
  void receive(EntityContext ctx, Object message);
}
