package org.patchstorm.actors.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;

/**
 * Ten entities ticking every millisecond, one of which fails: at start, or on its first tick at or
 * after 5 ms, either with an exception or with an error.
 */
final class FailingModel implements Model {
  static final int ENTITIES = 10;

  enum When { START, RECEIVE_EXCEPTION, RECEIVE_ERROR }

  private final int culprit;
  private final When when;

  FailingModel(int culprit, When when) {
    this.culprit = culprit;
    this.when = when;
  }

  @Override
  public int entityCount() {
    return ENTITIES;
  }

  @Override
  public long lookaheadMicros() {
    return 1000;
  }

  @Override
  public MetricsSchema schema() {
    return new MetricsSchema(
        List.of(new MetricsSchema.Counter("ticks", CounterKind.PER_INTERVAL)), List.of());
  }

  @Override
  public EntityFactory factory() {
    return (id, random) ->
        new Entity() {
          @Override
          public void start(EntityContext ctx) {
            if (id == culprit && when == When.START) {
              throw new IllegalStateException("refusing to start");
            }
            ctx.schedule(500, "tick");
          }

          @Override
          public void receive(EntityContext ctx, Object message) {
            ctx.metrics().add(0, 1);
            if (id == culprit && ctx.now() >= 5000) {
              if (when == When.RECEIVE_ERROR) {
                throw new AssertionError("broken invariant at " + ctx.now());
              }
              throw new IllegalStateException("boom at " + ctx.now());
            }
            ctx.schedule(1000, "tick");
          }
        };
  }

  /** The codec of test models that never leave one JVM. */
  static final PayloadCodec ONE_JVM = new PayloadCodec() {
    @Override
    public void write(Object message, DataOutput out) throws IOException {
      throw new IOException("not needed in one JVM");
    }

    @Override
    public Object read(DataInput in) throws IOException {
      throw new IOException("not needed in one JVM");
    }
  };

  @Override
  public PayloadCodec codec() {
    return ONE_JVM;
  }
}
