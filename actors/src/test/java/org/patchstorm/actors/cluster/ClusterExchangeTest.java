package org.patchstorm.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.patchstorm.actors.engine.BatchAssembler;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.ping.PingModel;
import org.patchstorm.core.ping.PingParams;

/** Batches between two actor systems over Artery on loopback, through the real serializer. */
@Timeout(60)
class ClusterExchangeTest {
  private static final PayloadCodec CODEC =
      new PingModel(new PingParams(10, 1, 1_000_000, 10_000, 20_000)).codec();
  private static ActorTestKit sender;
  private static ActorTestKit receiver;

  @BeforeAll
  static void start() {
    sender = LoopbackRemoting.testKit("sender");
    receiver = LoopbackRemoting.testKit("receiver");
  }

  @AfterAll
  static void stop() {
    sender.shutdownTestKit();
    receiver.shutdownTestKit();
  }

  /** The receiver's probe as the sender's system sees it: a remote reference. */
  private static ActorRef<Partition.Command> remoteRefTo(TestProbe<Partition.Command> probe) {
    return LoopbackRemoting.seenFrom(sender, receiver, probe.ref());
  }

  @Test
  void aBatchLargerThanAnArteryFrameArrivesWholeInChunks() {
    TestProbe<Partition.Command> probe = receiver.createTestProbe();
    ClusterExchange exchange =
        new ClusterExchange(
            List.of(remoteRefTo(probe)), CODEC, ClusterExchange.DEFAULT_CHUNK_BYTES);
    int count = 60_000;
    EventBuffer events = new EventBuffer(count);
    for (int i = 0; i < count; i++) {
      events.add(1_000L + i, i, count - i, i, PingModel.Ping.INSTANCE);
    }

    exchange.send(0, new Partition.Batch(1, 5, 9, events));

    // 1 version byte + 4 count bytes + 60,000 x (24 header + 1 payload) = 1,500,005 bytes, far
    // above Artery's 256 KiB frame; in 192 KiB chunks that is ceil(1,500,005 / 196,608) = 8.
    BatchAssembler assembler = new BatchAssembler(CODEC);
    Partition.Batch whole = null;
    for (int c = 0; c < 8; c++) {
      Partition.EncodedBatch part =
          probe.expectMessageClass(Partition.EncodedBatch.class, Duration.ofSeconds(20));
      assertEquals(c, part.chunk());
      assertEquals(8, part.chunks());
      assertNull(whole, "the batch must complete only at its last chunk");
      whole = assembler.accept(part);
    }
    assertNotNull(whole);
    assertEquals(1, whole.from());
    assertEquals(5, whole.round());
    assertEquals(9, whole.earliestEpoch());
    assertEquals(count, whole.events().size());
    for (int i = 0; i < count; i += 997) {
      assertEquals(1_000L + i, whole.events().time(i));
      assertEquals(i, whole.events().target(i));
      assertEquals(count - i, whole.events().sender(i));
      assertEquals(i, whole.events().seq(i));
      assertSame(PingModel.Ping.INSTANCE, whole.events().payload(i));
    }
    assertEquals(count, exchange.crossMemberEvents());
  }

  @Test
  void anEmptyBatchStillTravelsSoTheRoundCanEnd() {
    TestProbe<Partition.Command> probe = receiver.createTestProbe();
    ClusterExchange exchange =
        new ClusterExchange(List.of(remoteRefTo(probe)), CODEC, ClusterExchange.DEFAULT_CHUNK_BYTES);

    exchange.send(0, new Partition.Batch(3, 0, Long.MAX_VALUE, null));

    Partition.EncodedBatch part =
        probe.expectMessageClass(Partition.EncodedBatch.class, Duration.ofSeconds(20));
    Partition.Batch whole = new BatchAssembler(CODEC).accept(part);
    assertEquals(Long.MAX_VALUE, whole.earliestEpoch());
    assertNull(whole.events());
    assertEquals(0, exchange.crossMemberEvents());
  }
}
