package org.patchstorm.core.ping;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;

/**
 * The reference "ping" workload that makes Patchstorm comparable with other simulators: peers on a
 * fixed random graph, each sending one one-way message per period, at its own random phase, to a
 * uniformly chosen out-neighbour over a link of uniform random latency. Receivers only count.
 */
public final class PingModel implements Model {
  public static final int SENT = 0;
  public static final int DELIVERED = 1;
  public static final int TIMERS = 2;

  private static final MetricsSchema SCHEMA =
      new MetricsSchema(
          List.of(
              new MetricsSchema.Counter("sent", CounterKind.PER_INTERVAL),
              new MetricsSchema.Counter("delivered", CounterKind.PER_INTERVAL),
              new MetricsSchema.Counter("timer_firings", CounterKind.PER_INTERVAL)),
          List.of());

  private final PingParams params;

  public PingModel(PingParams params) {
    this.params = params;
  }

  public PingParams params() {
    return params;
  }

  @Override
  public int entityCount() {
    return params.peers();
  }

  @Override
  public long lookaheadMicros() {
    return params.latencyMinMicros();
  }

  @Override
  public MetricsSchema schema() {
    return SCHEMA;
  }

  @Override
  public EntityFactory factory() {
    return (id, random) -> new Peer(params, neighbours(id, random));
  }

  private int[] neighbours(int id, RandomGenerator random) {
    int[] out = new int[Math.min(params.outDegree(), params.peers() - 1)];
    for (int k = 0; k < out.length; k++) {
      int n = random.nextInt(params.peers() - 1);
      out[k] = n >= id ? n + 1 : n; // never itself
    }
    return out;
  }

  @Override
  public PayloadCodec codec() {
    return CODEC;
  }

  /** The timer that makes a peer send. One shared instance: it carries no data. */
  public enum Tick { INSTANCE }

  /** The message peers send each other. */
  public enum Ping { INSTANCE }

  private static final PayloadCodec CODEC =
      new PayloadCodec() {
        @Override
        public void write(Object message, DataOutput out) throws IOException {
          if (message == Tick.INSTANCE) {
            out.writeByte(0);
          } else if (message == Ping.INSTANCE) {
            out.writeByte(1);
          } else {
            throw new IOException("not a ping message: " + message);
          }
        }

        @Override
        public Object read(DataInput in) throws IOException {
          byte tag = in.readByte();
          return switch (tag) {
            case 0 -> Tick.INSTANCE;
            case 1 -> Ping.INSTANCE;
            default -> throw new IOException("unknown ping message tag " + tag);
          };
        }
      };

  static final class Peer implements Entity {
    private final PingParams params;
    private final int[] neighbours;

    Peer(PingParams params, int[] neighbours) {
      this.params = params;
      this.neighbours = neighbours;
    }

    @Override
    public void start(EntityContext ctx) {
      ctx.schedule(ctx.random().nextLong(params.periodMicros()), Tick.INSTANCE);
    }

    @Override
    public void receive(EntityContext ctx, Object message) {
      if (message == Tick.INSTANCE) {
        ctx.metrics().add(TIMERS, 1);
        if (neighbours.length > 0) {
          int target = neighbours[ctx.random().nextInt(neighbours.length)];
          long latency =
              ctx.random().nextLong(params.latencyMinMicros(), params.latencyMaxMicros() + 1);
          ctx.send(target, Ping.INSTANCE, latency);
          ctx.metrics().add(SENT, 1);
        }
        ctx.schedule(params.periodMicros(), Tick.INSTANCE);
      } else {
        ctx.metrics().add(DELIVERED, 1);
      }
    }
  }
}
