package org.patchstorm.core.overlay;

import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * The settings in force at one entity: the run's parameters and defences as the coordinator's
 * commands have changed them so far. Each entity holds its own (changes travel as messages, so
 * every entity sees a change when it arrives, in any hosting); the copies are shared through
 * {@link OverlayWorld#changed}.
 */
final class InForce {

  // No reference to the world: the changes bring it (one field less in every peer).
  private OverlayParams params;
  private Defences defences;
  /** A dedicated supernode's capacity, given when it is woken. */
  private OverlayMessage.Activate capacity;

  InForce(OverlayWorld world) {
    this.params = world.params();
    this.defences = world.defences();
  }

  OverlayParams params() {
    return params;
  }

  Defences defences() {
    return defences;
  }

  void apply(OverlayMessage.Activate a) {
    capacity = a;
  }

  /** The capacity a dedicated supernode was woken with (null before). */
  OverlayMessage.Activate dedicatedCapacity() {
    return capacity;
  }

  void apply(OverlayWorld world, ChangeParameter c) {
    params = world.changed(params, OverlayParams.SETTABLE, c.code(), c.value());
  }

  void apply(OverlayWorld world, ChangeDefence c) {
    defences = world.changed(defences, Defences.SETTABLE, c.code(), c.value());
  }
}
