package org.patchstorm.core.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;
import org.patchstorm.core.metrics.MetricsSchema.Stat;
import org.patchstorm.core.metrics.MetricsSink;

/**
 * A model built to catch any change of delivery order. Entities message each other across the
 * whole id space, with a few "hot" targets and send times on a coarse grid so that many messages
 * reach one entity at the same instant; receipt sets local timers that interleave with incoming
 * events. Every entity folds what it receives into an order-sensitive hash
 * {@code h = h * 31 + sender * 7 + payload}, whose changes go into a counter, so a different order
 * anywhere shows up in the metrics. Hashes are kept to 36 bits so sums stay exact as doubles.
 */
public final class OrderProbeModel implements Model {
  public static final int RECEIVED = 0;
  public static final int HASH = 1;
  public static final int SAMPLED_HASH = 2;
  public static final int DELAY = 0;
  static final long MASK = (1L << 36) - 1;
  static final long LOOKAHEAD = 1000;
  static final long PERIOD = 5000;
  static final int HOT = 8;

  private static final MetricsSchema SCHEMA =
      new MetricsSchema(
          List.of(
              new MetricsSchema.Counter("received", CounterKind.PER_INTERVAL),
              new MetricsSchema.Counter("hash", CounterKind.LEVEL),
              new MetricsSchema.Counter("sampled_hash", CounterKind.PER_INTERVAL)),
          List.of(
              new MetricsSchema.Histogram(
                  "delay_us", 10_000, 1.0, List.of(Stat.COUNT, Stat.MEAN, Stat.P99, Stat.MAX))));

  private final int entities;

  public OrderProbeModel(int entities) {
    this.entities = entities;
  }

  /** A message: who sent it, when, and a small number that feeds the hash. */
  public record Probe(int from, long sentAt, int payload) {}

  /** A timer an entity sets itself on some receipts, due within the same epoch. */
  public record Echo(int payload) {}

  public enum Tick { INSTANCE }

  @Override
  public int entityCount() {
    return entities;
  }

  @Override
  public long lookaheadMicros() {
    return LOOKAHEAD;
  }

  @Override
  public MetricsSchema schema() {
    return SCHEMA;
  }

  @Override
  public EntityFactory factory() {
    return (id, random) -> new Prober(entities);
  }

  @Override
  public PayloadCodec codec() {
    return new PayloadCodec() {
      @Override
      public void write(Object message, DataOutput out) throws IOException {
        throw new IOException("not needed in one JVM");
      }

      @Override
      public Object read(DataInput in) throws IOException {
        throw new IOException("not needed in one JVM");
      }
    };
  }

  /** One probing entity. */
  public static final class Prober implements Entity, Sampled {
    private final int entities;
    private long hash;

    Prober(int entities) {
      this.entities = entities;
    }

    public long hash() {
      return hash;
    }

    private void fold(EntityContext ctx, int sender, int payload) {
      long before = hash;
      hash = (hash * 31 + sender * 7L + payload) & MASK;
      ctx.metrics().add(HASH, hash - before);
      ctx.metrics().add(RECEIVED, 1);
    }

    @Override
    public void start(EntityContext ctx) {
      // Phases on a 500 us grid: many entities act at the same instants.
      ctx.schedule(ctx.random().nextInt(10) * 500L, Tick.INSTANCE);
    }

    @Override
    public void receive(EntityContext ctx, Object message) {
      if (message == Tick.INSTANCE) {
        fold(ctx, ctx.self(), 0);
        for (int k = 0; k < 2; k++) {
          int target =
              ctx.random().nextBoolean()
                  ? ctx.random().nextInt(Math.min(HOT, entities))
                  : ctx.random().nextInt(entities);
          long latency = LOOKAHEAD * (1 + ctx.random().nextInt(2));
          ctx.send(target, new Probe(ctx.self(), ctx.now(), ctx.random().nextInt(1000)), latency);
        }
        ctx.schedule(PERIOD, Tick.INSTANCE);
      } else if (message instanceof Probe probe) {
        fold(ctx, probe.from(), probe.payload());
        ctx.metrics().record(DELAY, ctx.now() - probe.sentAt() + probe.payload());
        if (probe.payload() % 3 == 0) {
          ctx.schedule((probe.payload() % 4) * 250L, new Echo(probe.payload()));
        }
        if (probe.payload() % 5 == 0) {
          // A reply's payload is never a multiple of 5 again, so replies do not chain forever.
          int reply = (probe.payload() * 7 + 1) % 1000;
          ctx.send(probe.from(), new Probe(ctx.self(), ctx.now(), reply), LOOKAHEAD);
        }
      } else if (message instanceof Echo echo) {
        fold(ctx, ctx.self(), echo.payload());
      } else {
        throw new IllegalArgumentException("unexpected message " + message);
      }
    }

    @Override
    public void sample(MetricsSink sink) {
      sink.add(SAMPLED_HASH, hash);
    }
  }
}
