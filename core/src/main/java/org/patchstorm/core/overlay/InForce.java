package org.patchstorm.core.overlay;

import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * The settings in force at one entity: the run's parameters and defences as the coordinator's
 * commands have changed them so far. Changes travel as messages, so every entity sees a change
 * when it arrives, in any hosting; each entity holds the settings it has seen, and those are
 * shared: all entities start with {@link OverlayWorld#initialInForce}, and every entity that takes
 * the same change of the same settings gets the same object (no object of its own per peer: 24
 * bytes less each).
 */
final class InForce {

  private final OverlayParams params;
  private final Defences defences;
  /** A dedicated supernode's capacity, given when it is woken. */
  private final OverlayMessage.Activate capacity;

  InForce(OverlayParams params, Defences defences, OverlayMessage.Activate capacity) {
    this.params = params;
    this.defences = defences;
    this.capacity = capacity;
  }

  OverlayParams params() {
    return params;
  }

  Defences defences() {
    return defences;
  }

  /** The capacity a dedicated supernode was woken with (null before). */
  OverlayMessage.Activate dedicatedCapacity() {
    return capacity;
  }

  /** These settings with a dedicated supernode's capacity (one supernode's own). */
  InForce with(OverlayMessage.Activate a) {
    return new InForce(params, defences, a);
  }

  InForce with(OverlayWorld world, ChangeParameter c) {
    OverlayParams next = world.changed(params, OverlayParams.SETTABLE, c.code(), c.value());
    return world.shared(this, c.code(), c.value(), () -> new InForce(next, defences, capacity));
  }

  InForce with(OverlayWorld world, ChangeDefence c) {
    Defences next = world.changed(defences, Defences.SETTABLE, c.code(), c.value());
    // Defence codes are keyed apart from parameter codes (below zero).
    return world.shared(this, -1 - c.code(), c.value(), () -> new InForce(params, next, capacity));
  }
}
