package org.patchstorm.actors.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.engine.LiveHorizon;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;

/**
 * A model that takes injections, for the live tests. Entities ping random others on random
 * ticks and fold what they receive into an order-sensitive hash; a kick ({@code { at = 20ms,
 * target = 3, amount = 2 }}) makes its target send {@code amount} extra pings at once, which
 * changes every later draw and hash. Kicks come from its schedule (each target sets itself a timer
 * at the start, as a timeline would) or are injected while the run goes; the same kicks either way
 * give the same metrics.
 */
public final class KickModel implements Model {
  static final long LOOKAHEAD = 1000;
  static final int SENT = 0;
  static final int DELIVERED = 1;
  static final int TICKS = 2;
  static final int HASH = 3;
  static final int KICKS = 4;
  private static final long MASK = (1L << 36) - 1;

  /** {@code amount} extra pings from {@code target} at {@code atMicros}. */
  public record Kick(long atMicros, int target, int amount) {}

  record Ping(int from) {}

  record Kicked(int amount) {}

  enum Tick { INSTANCE }

  private final int entities;
  private final List<Kick> schedule;

  public KickModel(int entities, List<Kick> schedule) {
    this.entities = entities;
    this.schedule = List.copyOf(schedule);
  }

  /** The model with the kicks of these timeline entries (as {@link #injections} writes them). */
  public static KickModel replaying(int entities, List<String> timelineEntries) {
    List<Kick> kicks = new ArrayList<>();
    for (String entry : timelineEntries) {
      Config c = ConfigFactory.parseString(entry);
      kicks.add(new Kick(c.getDuration("at", TimeUnit.MICROSECONDS), c.getInt("target"),
          c.getInt("amount")));
    }
    return new KickModel(entities, kicks);
  }

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
    return new MetricsSchema(List.of(
        // Named as ping's, so a results folder can summarise it as a ping run.
        new MetricsSchema.Counter("sent", CounterKind.PER_INTERVAL),
        new MetricsSchema.Counter("delivered", CounterKind.PER_INTERVAL),
        new MetricsSchema.Counter("timer_firings", CounterKind.PER_INTERVAL),
        new MetricsSchema.Counter("hash", CounterKind.LEVEL),
        new MetricsSchema.Counter("kicks", CounterKind.LEVEL)), List.of());
  }

  @Override
  public EntityFactory factory() {
    return (id, random) -> new Entity() {
      private long hash;

      @Override
      public void start(EntityContext ctx) {
        for (Kick k : schedule) {
          if (k.target() == id) {
            ctx.schedule(k.atMicros(), new Kicked(k.amount()));
          }
        }
        ctx.schedule(ctx.random().nextLong(5 * LOOKAHEAD), Tick.INSTANCE);
      }

      @Override
      public void receive(EntityContext ctx, Object message) {
        if (message == Tick.INSTANCE) {
          ctx.metrics().add(TICKS, 1);
          ping(ctx);
          ctx.schedule(500 + ctx.random().nextLong(10 * LOOKAHEAD), Tick.INSTANCE);
        } else if (message instanceof Ping p) {
          long before = hash;
          hash = (hash * 31 + p.from() * 7L + ctx.now() % 1000) & MASK;
          ctx.metrics().add(HASH, hash - before);
          ctx.metrics().add(DELIVERED, 1);
        } else if (message instanceof Kicked k) {
          ctx.metrics().add(KICKS, 1);
          for (int i = 0; i < k.amount(); i++) {
            ping(ctx);
          }
        }
      }

      private void ping(EntityContext ctx) {
        ctx.metrics().add(SENT, 1);
        ctx.send(ctx.random().nextInt(entities), new Ping(id),
            LOOKAHEAD + ctx.random().nextLong(3 * LOOKAHEAD));
      }
    };
  }

  @Override
  public PayloadCodec codec() {
    return new PayloadCodec() {
      @Override
      public void write(Object message, DataOutput out) throws IOException {
        if (message == Tick.INSTANCE) {
          out.writeByte(0);
        } else if (message instanceof Ping p) {
          out.writeByte(1);
          out.writeInt(p.from());
        } else if (message instanceof Kicked k) {
          out.writeByte(2);
          out.writeInt(k.amount());
        } else {
          throw new IOException("not a kick-model message: " + message);
        }
      }

      @Override
      public Object read(DataInput in) throws IOException {
        return switch (in.readByte()) {
          case 0 -> Tick.INSTANCE;
          case 1 -> new Ping(in.readInt());
          case 2 -> new Kicked(in.readInt());
          default -> throw new IOException("unknown kick-model message");
        };
      }
    };
  }

  @Override
  public Injections injections() {
    return (hocon, origin) -> {
      Config c;
      try {
        c = ConfigFactory.parseString(hocon);
      } catch (ConfigException e) {
        throw new InjectionRefused(origin + ": not HOCON: " + e.getMessage());
      }
      int target = intIn(c, "target", 0, entities - 1, origin);
      int amount = intIn(c, "amount", 1, 100, origin);
      long at = -1;
      if (c.hasPath("at")) {
        try {
          at = c.getDuration("at", TimeUnit.MICROSECONDS);
        } catch (ConfigException e) {
          throw new InjectionRefused(origin + ": 'at' must be a duration, e.g. 20ms");
        }
      }
      long requested = at;
      return new Injections.Prepared() {
        @Override
        public long requestedAtMicros() {
          return requested;
        }

        @Override
        public String label() {
          return "kick " + target + " x" + amount;
        }

        @Override
        public String timelineEntry(long atMicros) {
          return "{ at = " + LiveHorizon.seconds(atMicros) + ", target = " + target + ", amount = "
              + amount + " }";
        }

        @Override
        public List<Injections.Delivery> deliveries(long atMicros) {
          return List.of(new Injections.Delivery(target, new Kicked(amount)));
        }
      };
    };
  }

  private static int intIn(Config c, String key, int min, int max, String origin)
      throws InjectionRefused {
    try {
      int value = c.getInt(key);
      if (value < min || value > max) {
        throw new InjectionRefused(origin + ": '" + key + "' must be " + min + " to " + max
            + ", got " + value);
      }
      return value;
    } catch (ConfigException e) {
      throw new InjectionRefused(origin + ": '" + key + "' must be a whole number " + min + " to "
          + max);
    }
  }
}
