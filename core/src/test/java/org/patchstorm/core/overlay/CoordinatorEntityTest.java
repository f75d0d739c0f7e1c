package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayMessage.Injected;
import org.patchstorm.core.overlay.OverlayMessage.Restart;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
import org.patchstorm.core.overlay.TimelineEvent.RestartBurst;
import org.patchstorm.core.overlay.dist.Distribution;

class CoordinatorEntityTest {

  private static final long END = 2 * HOUR;
  private static final RestartBurst BURST = new RestartBurst(30 * MINUTE, -1, 10 * MINUTE, 0.4,
      TimelineEvent.Selector.ALL, Distribution.uniform(60, 120), false, true, MINUTE);

  private static OverlayParams params(TimelineEvent... events) {
    return OverlayScenarios.skype2007Fixed(1500).withTimeline(Timeline.of(events));
  }

  @Test
  void wakesOneCommandLeadEarlySoThatItsCommandsArriveAtTheirTimes() {
    OverlayWorld w = new OverlayWorld(params(BURST), 3);
    CoordinatorEntity coordinator = new CoordinatorEntity(w);
    FakeContext ctx = new FakeContext(w.coordinator(), 1);
    coordinator.start(ctx);
    assertTrue(ctx.sent.isEmpty(), "nothing before the event");
    FakeContext.Scheduled wake = ctx.scheduled.get(0);
    // The smallest latency between two regions of the shipped geography (americas-europe), not
    // the lookahead (15 ms within europe): commands between regions take no less than any message.
    assertEquals(45_000, w.commandLeadMicros());
    assertEquals(BURST.at() - w.commandLeadMicros(), wake.delay());
    ctx.clear();
    ctx.now = wake.delay();
    coordinator.receive(ctx, wake.message());
    assertFalse(ctx.sent.isEmpty());
    for (FakeContext.Sent s : ctx.sent) {
      long arrives = ctx.now + s.latency();
      assertTrue(arrives >= BURST.at() && arrives < BURST.at() + BURST.window(), "arrives " + arrives);
      assertTrue(s.latency() >= w.commandLeadMicros(), "latency " + s.latency());
      assertTrue(s.message() instanceof Restart);
    }
  }

  /** A burst reaches exactly the peers the coordinator selected, and only its command restarts a peer. */
  @Test
  void onlyThePeersTheCoordinatorSelectedRestartAndOnlyOnItsCommand() {
    for (long seed : new long[] {1, 2, 3}) {
      OverlayParams p = params(BURST);
      OverlayWorld w = new OverlayWorld(p, seed);
      Set<Integer> selected = new TreeSet<>();
      new FaultPlan(w).plan(BURST, FaultPlan.stream(seed, BURST.at(), 0), w.firstDedicated(),
          (target, command, at) -> selected.add(target));
      Observed run = new Observed(OverlayModel.create(p, seed));
      new SequentialRunner(run, seed).run(END, MINUTE);
      assertEquals(selected, new TreeSet<>(run.commanded), "seed " + seed + ": who got a restart command");
      assertFalse(run.restarted.isEmpty());
      assertTrue(selected.containsAll(run.restarted), "seed " + seed + ": a peer restarted without a command");
      // Those that did not restart were off (and catch up in their next run) or not yet due.
      assertTrue(run.restarted.size() > selected.size() / 4, run.restarted.size() + " of " + selected.size());
    }
  }

  @Test
  void aPeerThatReadsABurstInTheTimelineButGetsNoCommandDoesNotRestart() {
    OverlayWorld w = new OverlayWorld(params(new RestartBurst(0, -1, 0, 1.0, TimelineEvent.Selector.ALL,
        Distribution.constant(60), false, true, -1)), 4);
    for (int id = w.firstPeer(); id < w.firstPeer() + 50; id++) {
      FakeContext ctx = new FakeContext(id, id);
      new PeerEntity(w, id).start(ctx);
      for (FakeContext.Scheduled s : ctx.scheduled) {
        assertFalse(s.delay() == 0 && s.message() instanceof Timer t && t.kind() == PeerTimer.RESTART_RETURN.code);
      }
      assertEquals(0, ctx.counter(OverlayMetrics.RESTARTS));
    }
  }

  /**
   * The same event, once in the experiment's timeline and once handed to the coordinator while the
   * run goes (one lookahead before its time), after another event of the same time: the same
   * metrics, cell for cell.
   */
  @Test
  void anInjectedEventGivesTheSameRunAsTheSameEventInTheFile() {
    for (long seed : new long[] {1, 2}) {
      RestartBurst first = new RestartBurst(40 * MINUTE, -1, 5 * MINUTE, 0.2, TimelineEvent.Selector.ALL,
          Distribution.constant(90), true, true, -1);
      String secondText = "{ type = restart-burst, at = 40m, window = 10m, fraction = 0.3, selector = auto-update,"
          + " downtime { type = uniform, min = 1m, max = 2m }, exit = clean, include-supernodes = false,"
          + " missed-restart-delay = 1m }";
      OverlayModel injected = OverlayModel.create(params(first), seed);
      Injections.Prepared prepared = prepare(injected, secondText);
      long deliverAt = 40 * MINUTE - prepared.leadMicros();
      List<Injections.Delivery> deliveries = prepared.deliveries(deliverAt);
      assertEquals(1, deliveries.size());
      assertEquals(injected.world().coordinator(), deliveries.get(0).target());
      MetricsTable live = new SequentialRunner(new Delivering(injected, deliverAt, deliveries.get(0).payload()), seed)
          .run(END, MINUTE);

      TimelineEvent second = TimelineEntry.read(prepared.timelineEntry(deliverAt), "recorded", injected.world()).event();
      assertEquals(40 * MINUTE, second.at());
      MetricsTable replay = new SequentialRunner(OverlayModel.create(params(first, second), seed), seed).run(END, MINUTE);
      for (String column : live.columns()) {
        assertArrayEquals(replay.column(column), live.column(column), "seed " + seed + ", " + column);
      }
      assertTrue(live.sum("restarts") > 0);
    }
  }

  private static Injections.Prepared prepare(OverlayModel model, String text) {
    try {
      return model.injections().prepare(text, "test");
    } catch (org.patchstorm.core.engine.InjectionRefused e) {
      throw new AssertionError(e.getMessage());
    }
  }

  /** A model that watches who gets a restart command and who restarts. */
  private static final class Observed extends Wrapped {
    final Set<Integer> commanded = new ConcurrentSkipListSet<>();
    final Set<Integer> restarted = new ConcurrentSkipListSet<>();

    Observed(OverlayModel model) {
      super(model);
    }

    @Override
    Entity wrap(int id, Entity entity) {
      return new Entity() {
        @Override
        public void start(EntityContext ctx) {
          entity.start(watch(ctx, id));
        }

        @Override
        public void receive(EntityContext ctx, Object message) {
          if (message instanceof Restart) {
            commanded.add(id);
          }
          entity.receive(watch(ctx, id), message);
        }
      };
    }

    private EntityContext watch(EntityContext ctx, int id) {
      return new ForwardingContext(ctx) {
        @Override
        public MetricsSink metrics() {
          MetricsSink sink = ctx.metrics();
          return new MetricsSink() {
            @Override
            public void add(int counter, long delta) {
              if (counter == OverlayMetrics.RESTARTS) {
                restarted.add(id);
              }
              sink.add(counter, delta);
            }

            @Override
            public void record(int histogram, long value) {
              sink.record(histogram, value);
            }
          };
        }
      };
    }
  }

  /** A model whose coordinator is handed {@code payload} at {@code at}, as a live runner would. */
  private static final class Delivering extends Wrapped {
    private static final Object HAND_OVER = new Object();
    private final long at;
    private final Object payload;

    Delivering(OverlayModel model, long at, Object payload) {
      super(model);
      this.at = at;
      this.payload = payload;
    }

    @Override
    Entity wrap(int id, Entity entity) {
      if (id != model.world().coordinator()) {
        return entity;
      }
      return new Entity() {
        @Override
        public void start(EntityContext ctx) {
          entity.start(ctx);
          ctx.schedule(at, HAND_OVER);
        }

        @Override
        public void receive(EntityContext ctx, Object message) {
          entity.receive(ctx, message == HAND_OVER ? (Injected) payload : message);
        }
      };
    }
  }

  private abstract static class Wrapped implements Model {
    final OverlayModel model;

    Wrapped(OverlayModel model) {
      this.model = model;
    }

    abstract Entity wrap(int id, Entity entity);

    @Override
    public int entityCount() {
      return model.entityCount();
    }

    @Override
    public long lookaheadMicros() {
      return model.lookaheadMicros();
    }

    @Override
    public MetricsSchema schema() {
      return model.schema();
    }

    @Override
    public EntityFactory factory() {
      EntityFactory inner = model.factory();
      return (int id, RandomGenerator random) -> wrap(id, inner.create(id, random));
    }

    @Override
    public PayloadCodec codec() {
      return model.codec();
    }
  }

  private static class ForwardingContext implements EntityContext {
    private final EntityContext ctx;

    ForwardingContext(EntityContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public long now() {
      return ctx.now();
    }

    @Override
    public int self() {
      return ctx.self();
    }

    @Override
    public void send(int target, Object message, long latencyMicros) {
      ctx.send(target, message, latencyMicros);
    }

    @Override
    public void schedule(long delayMicros, Object message) {
      ctx.schedule(delayMicros, message);
    }

    @Override
    public RandomGenerator random() {
      return ctx.random();
    }

    @Override
    public MetricsSink metrics() {
      return ctx.metrics();
    }

    @Override
    public void sampled(boolean on) {
      ctx.sampled(on);
    }
  }
}
