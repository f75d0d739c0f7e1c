package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.PartitionMetrics;

class EpochExecutionTest {
  private static final long LOOKAHEAD = 1000;
  private static final int SELF = 5;

  /** An entity that logs "message@time" and lets each test react to what it receives. */
  private static final class Recorder implements Entity {
    final List<String> log = new ArrayList<>();
    BiConsumer<EntityContext, Object> onStart = (ctx, m) -> {};
    BiConsumer<EntityContext, Object> onReceive = (ctx, m) -> {};

    @Override
    public void start(EntityContext ctx) {
      onStart.accept(ctx, null);
    }

    @Override
    public void receive(EntityContext ctx, Object message) {
      log.add(message + "@" + ctx.now());
      onReceive.accept(ctx, message);
    }
  }

  private final Recorder recorder = new Recorder();
  private final EntitySlot slot = EntitySlot.create((id, random) -> recorder, SELF, 42);
  private final EventBuffer outbox = new EventBuffer(4);
  private final SampledEntities sampled = new SampledEntities(new EntitySlot[] {slot}, Placement.modular(1));
  private final PartitionMetrics metrics =
      new PartitionMetrics(new MetricsSchema(List.of(), List.of()));

  /** An execution of epoch 5, i.e. [5000, 6000), over the given (already sorted) events. */
  private EpochExecution epochFive(EventBuffer events) {
    return new EpochExecution(slot, metrics, LOOKAHEAD, 6000, outbox, sampled, events, 0, events.size());
  }

  private EventBuffer sent() {
    return outbox;
  }

  @Test
  void timerSetInsideTheEpochRunsBetweenAnEarlierAndALaterIncomingEvent() {
    EventBuffer in = new EventBuffer(2);
    in.add(5100, SELF, 2, 0, "A");
    in.add(5500, SELF, 3, 0, "B");
    recorder.onReceive =
        (ctx, m) -> {
          if (m.equals("A")) {
            ctx.schedule(200, "T"); // 5300: after A, before B
          }
        };
    epochFive(in.sortedCanonically()).run();
    assertEquals(List.of("A@5100", "T@5300", "B@5500"), recorder.log);
  }

  @Test
  void timerAndIncomingEventAtTheSameTimeAreOrderedBySenderId() {
    EventBuffer in = new EventBuffer(3);
    in.add(5100, SELF, 2, 0, "A");
    in.add(5500, SELF, 9, 0, "C"); // sender 9 > self 5: after the timer
    in.add(5500, SELF, 3, 0, "B"); // sender 3 < self 5: before the timer
    recorder.onReceive =
        (ctx, m) -> {
          if (m.equals("A")) {
            ctx.schedule(400, "T"); // 5500, sender = self = 5
          }
        };
    epochFive(in.sortedCanonically()).run();
    assertEquals(List.of("A@5100", "B@5500", "T@5500", "C@5500"), recorder.log);
  }

  @Test
  void timersChainWithinTheEpochAndLaterOnesGoToTheOutbox() {
    EventBuffer in = new EventBuffer(1);
    in.add(5000, SELF, 1, 0, "A");
    recorder.onReceive =
        (ctx, m) -> {
          if (m.equals("A")) {
            ctx.schedule(700, "T2"); // set first, due later
            ctx.schedule(300, "T1");
            ctx.schedule(1000, "next-epoch"); // 6000 is the next epoch's first instant
          } else if (m.equals("T2")) {
            ctx.schedule(0, "T3"); // same instant, runs right after
          }
        };
    epochFive(in.sortedCanonically()).run();
    assertEquals(List.of("A@5000", "T1@5300", "T2@5700", "T3@5700"), recorder.log);
    EventBuffer out = sent();
    assertEquals(1, out.size());
    assertEquals(6000, out.time(0));
    assertEquals(SELF, out.target(0));
    assertEquals(SELF, out.sender(0));
    assertEquals("next-epoch", out.payload(0));
  }

  @Test
  void sendsCarrySenderAndIncreasingSequenceSoSimultaneousSendsKeepTheirOrder() {
    EventBuffer in = new EventBuffer(1);
    in.add(5200, SELF, 1, 0, "A");
    recorder.onReceive =
        (ctx, m) -> {
          ctx.send(8, "first", LOOKAHEAD); // exactly the lookahead is allowed
          ctx.send(8, "second", LOOKAHEAD);
          ctx.send(3, "other", 2500);
        };
    epochFive(in.sortedCanonically()).run();
    EventBuffer out = sent().sortedCanonically();
    assertEquals(3, out.size());
    assertEquals("other", out.payload(0));
    assertEquals(7700, out.time(0));
    assertEquals("first", out.payload(1));
    assertEquals("second", out.payload(2));
    assertEquals(6200, out.time(1));
    assertEquals(SELF, out.sender(1));
    assertTrue(out.seq(1) < out.seq(2));
  }

  @Test
  void sendBelowTheLookaheadThrows() {
    EventBuffer in = new EventBuffer(1);
    in.add(5200, SELF, 1, 0, "A");
    recorder.onReceive = (ctx, m) -> ctx.send(8, "too fast", LOOKAHEAD - 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> epochFive(in).run());
    assertTrue(e.getMessage().contains("lookahead"), e.getMessage());
  }

  @Test
  void negativeTimerDelayThrows() {
    EventBuffer in = new EventBuffer(1);
    in.add(5200, SELF, 1, 0, "A");
    recorder.onReceive = (ctx, m) -> ctx.schedule(-1, "back in time");
    assertThrows(IllegalArgumentException.class, () -> epochFive(in).run());
  }

  @Test
  void startRunsAtTimeZeroWithItsTimersBeforeTheFirstEpochEnds() {
    recorder.onStart =
        (ctx, m) -> {
          assertEquals(0, ctx.now());
          assertEquals(SELF, ctx.self());
          ctx.schedule(900, "late");
          ctx.schedule(100, "early");
          ctx.schedule(1000, "epoch1");
        };
    new EpochExecution(slot, metrics, LOOKAHEAD, 1000, outbox, sampled, new EventBuffer(1), 0, 0)
        .runStart();
    assertEquals(List.of("early@100", "late@900"), recorder.log);
    EventBuffer out = sent();
    assertEquals(1, out.size());
    assertEquals(1000, out.time(0));
  }
}
