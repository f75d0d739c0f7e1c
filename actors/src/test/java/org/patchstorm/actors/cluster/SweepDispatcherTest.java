package org.patchstorm.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sweep's rows cross from a member to the runner over Artery, through the configured
 * serializer (Jackson CBOR, never Java serialization), bit for bit: runs.csv written from them
 * must be the one a run in the runner's JVM gives, NaN and infinities included.
 */
@Timeout(60)
class SweepDispatcherTest {
  private static ActorTestKit member;
  private static ActorTestKit runner;

  @BeforeAll
  static void start() {
    member = LoopbackRemoting.testKit("member");
    runner = LoopbackRemoting.testKit("runner");
  }

  @AfterAll
  static void stop() {
    member.shutdownTestKit();
    runner.shutdownTestKit();
  }

  private static <T> ActorRef<T> seenFromMember(ActorRef<T> ref) {
    return LoopbackRemoting.seenFrom(member, runner, ref);
  }

  @Test
  void rowsAndTheRunsEndArriveBitForBit() {
    TestProbe<SweepDispatcher.Command> dispatcher = runner.createTestProbe();
    TestProbe<RunWorker.Command> worker = member.createTestProbe();
    double[] times = {60, 120.5};
    double[][] values = {
      {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.1 + 0.2},
      {Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 123456789.123456789, 0}
    };
    ActorRef<SweepDispatcher.Command> remote = seenFromMember(dispatcher.ref());
    remote.tell(new SweepDispatcher.RunRows(7, 128, times, values, worker.ref()));
    remote.tell(new SweepDispatcher.RunEnded(7, 130, 3000, null, worker.ref()));

    SweepDispatcher.RunRows rows =
        dispatcher.expectMessageClass(SweepDispatcher.RunRows.class);
    assertEquals(7, rows.run());
    assertEquals(128, rows.firstRow());
    assertArrayEquals(bits(times), bits(rows.times()));
    for (int r = 0; r < values.length; r++) {
      assertArrayEquals(bits(values[r]), bits(rows.values()[r]), "row " + r);
    }
    assertEquals(worker.ref().path().name(), rows.worker().path().name());
    SweepDispatcher.RunEnded end = dispatcher.expectMessageClass(SweepDispatcher.RunEnded.class);
    assertEquals(130, end.rows());
    assertEquals(3000, end.entities());
    assertNull(end.failure());
  }

  private static long[] bits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToLongBits(values[i]);
    }
    return bits;
  }
}
