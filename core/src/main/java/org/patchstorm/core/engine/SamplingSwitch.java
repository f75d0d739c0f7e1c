package org.patchstorm.core.engine;

/** Where an entity's {@link EntityContext#sampled} goes: its partition's set, or its own turn. */
interface SamplingSwitch {
  void set(EntitySlot slot, boolean on);
}
