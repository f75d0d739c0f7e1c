package org.patchstorm.core.engine;

import java.util.BitSet;
import org.patchstorm.core.metrics.MetricsSink;

/**
 * The {@link Sampled} entities of a partition that currently want sampling, by local index. At a
 * reporting boundary only these are visited, in index order (the order cannot matter: sampling
 * only adds to sums and histograms).
 */
final class SampledEntities implements SamplingSwitch {
  private final EntitySlot[] slots;
  private final Placement placement;
  private final BitSet on = new BitSet();

  SampledEntities(EntitySlot[] slots, Placement placement) {
    this.slots = slots;
    this.placement = placement;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i].entity instanceof Sampled) {
        on.set(i);
      }
    }
  }

  @Override
  public void set(EntitySlot slot, boolean wanted) {
    if (!(slot.entity instanceof Sampled)) {
      return;
    }
    on.set(placement.localIndex(slot.id), wanted);
  }

  /** The same for an entity hosted elsewhere, which says it is {@link Sampled} by asking. */
  void set(int localIndex, boolean wanted) {
    on.set(localIndex, wanted);
  }

  /** Local indexes of the entities to sample at the coming boundary, in order. */
  int[] wanted() {
    return on.stream().toArray();
  }

  void sampleAll(MetricsSink sink) {
    for (int i = on.nextSetBit(0); i >= 0; i = on.nextSetBit(i + 1)) {
      ((Sampled) slots[i].entity).sample(sink);
    }
  }
}
