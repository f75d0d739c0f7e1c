package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsSink;

class SampledEntitiesTest {

  /** Adds its id to counter 0 when sampled. */
  private record Gauge(int id) implements Entity, Sampled {
    @Override public void start(EntityContext ctx) {}
    @Override public void receive(EntityContext ctx, Object message) {}
    @Override public void sample(MetricsSink sink) {
      sink.add(0, id);
    }
  }

  private record Silent() implements Entity {
    @Override public void start(EntityContext ctx) {}
    @Override public void receive(EntityContext ctx, Object message) {}
  }

  private static final class Sum implements MetricsSink {
    final List<Long> added = new ArrayList<>();
    @Override public void add(int counter, long delta) {
      added.add(delta);
    }
    @Override public void record(int histogram, long value) {}
  }

  @Test
  void visitsTheSampledEntitiesThatAskInLocalOrder() {
    // Partition 1 of 2 hosts ids 1, 3, 5, 7; id 5 is not Sampled.
    Placement placement = Placement.modular(2);
    EntitySlot[] slots = new EntitySlot[4];
    for (int i = 0; i < 4; i++) {
      int id = placement.entityAt(1, i);
      slots[i] = EntitySlot.create((entity, random) -> entity == 5 ? new Silent() : new Gauge(entity), id, 9);
    }
    SampledEntities sampled = new SampledEntities(slots, placement);
    Sum all = new Sum();
    sampled.sampleAll(all);
    assertEquals(List.of(1L, 3L, 7L), all.added);

    sampled.set(slots[1], false); // id 3 opts out
    sampled.set(slots[2], true); // id 5 cannot opt in: nothing to sample
    Sum some = new Sum();
    sampled.sampleAll(some);
    assertEquals(List.of(1L, 7L), some.added);

    sampled.set(slots[1], true);
    Sum again = new Sum();
    sampled.sampleAll(again);
    assertEquals(List.of(1L, 3L, 7L), again.added);
  }
}
