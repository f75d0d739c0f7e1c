package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.ping.PingModel;
import org.patchstorm.core.ping.PingParams;

class SequentialRunnerTest {
  private static final OrderProbeModel PROBE = new OrderProbeModel(601);

  static void assertSameTable(MetricsTable expected, MetricsTable actual) {
    assertEquals(expected.columns(), actual.columns());
    assertEquals(expected.rowCount(), actual.rowCount());
    for (int r = 0; r < expected.rowCount(); r++) {
      assertEquals(expected.time(r), actual.time(r), "time of row " + r);
      assertArrayEquals(expected.row(r), actual.row(r), "row " + r);
    }
  }

  private static boolean sameCells(MetricsTable a, MetricsTable b) {
    for (int r = 0; r < a.rowCount(); r++) {
      if (!Arrays.equals(a.row(r), b.row(r))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void sameSeedGivesIdenticalTables() {
    MetricsTable first = new SequentialRunner(PROBE, 7).run(100_000, 10_000);
    MetricsTable second = new SequentialRunner(PROBE, 7).run(100_000, 10_000);
    assertEquals(10, first.rowCount());
    assertTrue(first.sum("received") > 10_000, "the probe must actually exchange messages");
    assertSameTable(first, second);
  }

  @Test
  void differentSeedGivesDifferentTables() {
    MetricsTable a = new SequentialRunner(PROBE, 7).run(50_000, 10_000);
    MetricsTable b = new SequentialRunner(PROBE, 8).run(50_000, 10_000);
    assertFalse(sameCells(a, b));
  }

  @Test
  void rowsEndAtEveryIntervalAndTheLastAtTheEnd() {
    MetricsTable t = new SequentialRunner(PROBE, 1).run(25_000, 10_000);
    assertEquals(3, t.rowCount());
    assertEquals(0.01, t.time(0));
    assertEquals(0.02, t.time(1));
    assertEquals(0.025, t.time(2));
  }

  /** A context that lets a test hand messages to a prober in any order. */
  private static final class Counting implements EntityContext, MetricsSink {
    final long[] counters = new long[3];
    long now;

    @Override public long now() { return now; }
    @Override public int self() { return 0; }
    @Override public void send(int target, Object message, long latencyMicros) {}
    @Override public void schedule(long delayMicros, Object message) {}
    @Override public RandomGenerator random() { return EntitySlot.streamFor(1, 0); }
    @Override public MetricsSink metrics() { return this; }
    @Override public void sampled(boolean on) {}
    @Override public void add(int counter, long delta) { counters[counter] += delta; }
    @Override public void record(int histogram, long value) {}
  }

  @Test
  void theProbeSeesASwapOfAnyTwoDeliveries() {
    List<OrderProbeModel.Probe> messages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      messages.add(new OrderProbeModel.Probe(i + 1, 0, 100 + i));
    }
    long reference = hashAfter(messages);
    for (int i = 0; i < messages.size(); i++) {
      for (int j = i + 1; j < messages.size(); j++) {
        List<OrderProbeModel.Probe> swapped = new ArrayList<>(messages);
        swapped.set(i, messages.get(j));
        swapped.set(j, messages.get(i));
        assertNotEquals(reference, hashAfter(swapped), "swap of " + i + " and " + j);
      }
    }
  }

  private static long hashAfter(List<OrderProbeModel.Probe> messages) {
    Counting ctx = new Counting();
    OrderProbeModel.Prober prober = (OrderProbeModel.Prober) PROBE.factory().create(0, ctx.random());
    for (OrderProbeModel.Probe m : messages) {
      prober.receive(ctx, m);
    }
    assertEquals(prober.hash(), ctx.counters[OrderProbeModel.HASH], "deltas add up to the hash");
    return ctx.counters[OrderProbeModel.HASH];
  }

  @Test
  void pingCountsAddUpByHand() {
    // Period = report interval = 10 ms and latency <= 5 ms < period, so:
    // every peer's phase lies in [0, period), hence it fires exactly once per row; it always has
    // a neighbour, so it sends exactly once per row; a message sent in row r arrives by the end
    // of row r + 1; and at the end each peer has at most one message in flight.
    int peers = 300;
    PingModel ping = new PingModel(new PingParams(peers, 4, 10_000, 1000, 5000));
    MetricsTable t = new SequentialRunner(ping, 3).run(200_000, 10_000);
    assertEquals(20, t.rowCount());
    double[] sent = t.column("sent");
    double[] delivered = t.column("delivered");
    double[] timers = t.column("timer_firings");
    double sentSoFar = 0;
    double deliveredSoFar = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      assertEquals(peers, timers[r], "timer firings in row " + r);
      assertEquals(timers[r], sent[r], "one send per firing in row " + r);
      double sentBefore = sentSoFar;
      sentSoFar += sent[r];
      deliveredSoFar += delivered[r];
      assertTrue(deliveredSoFar <= sentSoFar, "nothing arrives before it is sent, row " + r);
      assertTrue(deliveredSoFar >= sentBefore, "everything sent a row ago has arrived, row " + r);
    }
    double inFlight = sentSoFar - deliveredSoFar;
    assertTrue(inFlight >= 0 && inFlight <= peers, "in flight at the end: " + inFlight);
    assertTrue(inFlight > 0, "with latencies up to half a period some messages are in flight");
  }

  @Test
  void anEntityFailingAtStartIsNamed() {
    Model failing =
        new Model() {
          @Override public int entityCount() { return 6; }
          @Override public long lookaheadMicros() { return 1000; }
          @Override public org.patchstorm.core.metrics.MetricsSchema schema() { return PROBE.schema(); }
          @Override public PayloadCodec codec() { return PROBE.codec(); }

          @Override
          public EntityFactory factory() {
            return (id, random) -> {
              Entity inner = PROBE.factory().create(id, random);
              return new Entity() {
                @Override
                public void start(EntityContext ctx) {
                  if (id == 4) {
                    throw new IllegalArgumentException("bad config");
                  }
                  inner.start(ctx);
                }

                @Override
                public void receive(EntityContext ctx, Object message) {
                  inner.receive(ctx, message);
                }
              };
            };
          }
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new SequentialRunner(failing, 1).run(10_000, 5000));
    assertTrue(e.getMessage().contains("entity 4 failed at start"), e.getMessage());
    assertTrue(e.getMessage().contains("bad config"), e.getMessage());
  }
}
