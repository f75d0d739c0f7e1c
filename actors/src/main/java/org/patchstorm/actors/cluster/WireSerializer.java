package org.patchstorm.actors.cluster;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunCoordinator;
import org.patchstorm.core.metrics.SnapshotCodec;

/**
 * The hand-written serializer of the hot cross-member messages: batch chunks (a fixed header and
 * the already encoded events), metric rows ({@link SnapshotCodec}) and a live run's grants (the
 * horizon and the injected events, already encoded like a batch).
 */
public final class WireSerializer extends SerializerWithStringManifest {
  private static final String BATCH = "B";
  private static final String ROW = "R";
  private static final String GRANT = "G";
  private static final int HEADER = 4 + 8 + 8 + 4 + 4;

  public WireSerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return 742_001;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Partition.EncodedBatch) {
      return BATCH;
    }
    if (o instanceof RunCoordinator.RowSnapshot) {
      return ROW;
    }
    if (o instanceof Partition.Grant) {
      return GRANT;
    }
    throw new IllegalArgumentException("not a wire message: " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof Partition.EncodedBatch b) {
      ByteBuffer out = ByteBuffer.allocate(HEADER + b.bytes().length);
      out.putInt(b.from()).putLong(b.round()).putLong(b.earliestEpoch());
      out.putInt(b.chunk()).putInt(b.chunks()).put(b.bytes());
      return out.array();
    }
    if (o instanceof RunCoordinator.RowSnapshot r) {
      byte[] snapshot = SnapshotCodec.encode(r.snapshot());
      return ByteBuffer.allocate(4 + snapshot.length).putInt(r.partition()).put(snapshot).array();
    }
    if (o instanceof Partition.Grant g) {
      byte[] events = g.injected() == null ? new byte[0] : g.injected();
      return ByteBuffer.allocate(8 + 8 + events.length)
          .putLong(g.horizonMicros()).putLong(g.earliestInjectedMicros()).put(events).array();
    }
    throw new IllegalArgumentException("not a wire message: " + o.getClass());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    switch (manifest) {
      case BATCH -> {
        int from = in.getInt();
        long round = in.getLong();
        long earliest = in.getLong();
        int chunk = in.getInt();
        int chunks = in.getInt();
        byte[] events = new byte[in.remaining()];
        in.get(events);
        return new Partition.EncodedBatch(from, round, earliest, chunk, chunks, events);
      }
      case ROW -> {
        int partition = in.getInt();
        byte[] snapshot = new byte[in.remaining()];
        in.get(snapshot);
        return new RunCoordinator.RowSnapshot(partition, SnapshotCodec.decode(snapshot));
      }
      case GRANT -> {
        long horizon = in.getLong();
        long earliestInjected = in.getLong();
        byte[] events = null;
        if (in.hasRemaining()) {
          events = new byte[in.remaining()];
          in.get(events);
        }
        return new Partition.Grant(horizon, earliestInjected, events);
      }
      default -> throw new NotSerializableException("unknown wire manifest " + manifest);
    }
  }
}
