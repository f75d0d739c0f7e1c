package org.patchstorm.actors.engine;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.metrics.MetricsSchema;

/** Fills any heap: ten entities keep 16 KB more each virtual millisecond. */
public final class HoggingModel implements Model {

  @Override
  public int entityCount() {
    return 10;
  }

  @Override
  public long lookaheadMicros() {
    return 1000;
  }

  @Override
  public MetricsSchema schema() {
    return new MetricsSchema(List.of(
        new MetricsSchema.Counter("ticks", MetricsSchema.CounterKind.PER_INTERVAL)), List.of());
  }

  @Override
  public EntityFactory factory() {
    return (id, random) -> new Entity() {
      private final List<byte[]> kept = new ArrayList<>();

      @Override
      public void start(EntityContext ctx) {
        ctx.schedule(1000, "tick");
      }

      @Override
      public void receive(EntityContext ctx, Object message) {
        ctx.metrics().add(0, 1);
        kept.add(new byte[16 << 10]);
        ctx.schedule(1000, "tick");
      }
    };
  }

  @Override
  public PayloadCodec codec() {
    return FailingModel.ONE_JVM;
  }
}
