package org.patchstorm.actors.engine;

import java.io.ByteArrayOutputStream;
import java.util.TreeMap;
import org.patchstorm.core.engine.BatchCodec;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.PayloadCodec;

/**
 * Puts the chunks of encoded batches back together, per sending partition. Chunks of one sender
 * arrive in order (Artery keeps the order per sender and receiver), so a batch is complete at its
 * last chunk; a missing chunk shows as a sequence gap and is an error, never a silent loss.
 */
public final class BatchAssembler {
  private final PayloadCodec codec;
  private final TreeMap<Integer, ByteArrayOutputStream> partial = new TreeMap<>();
  private final TreeMap<Integer, Integer> nextChunk = new TreeMap<>();

  public BatchAssembler(PayloadCodec codec) {
    this.codec = codec;
  }

  /** The model's codec, which also decodes injected events. */
  PayloadCodec codec() {
    return codec;
  }

  /** Takes one chunk; returns the whole batch at its last chunk, null before. */
  public Partition.Batch accept(Partition.EncodedBatch part) {
    int expected = nextChunk.getOrDefault(part.from(), 0);
    if (part.chunk() != expected) {
      throw new IllegalStateException("batch of round " + part.round() + " from partition "
          + part.from() + ": got chunk " + part.chunk() + ", expected " + expected);
    }
    if (part.chunks() == 1) {
      return batch(part, part.bytes());
    }
    ByteArrayOutputStream bytes =
        partial.computeIfAbsent(part.from(), f -> new ByteArrayOutputStream());
    bytes.writeBytes(part.bytes());
    if (part.chunk() < part.chunks() - 1) {
      nextChunk.put(part.from(), expected + 1);
      return null;
    }
    partial.remove(part.from());
    nextChunk.remove(part.from());
    return batch(part, bytes.toByteArray());
  }

  private Partition.Batch batch(Partition.EncodedBatch part, byte[] encoded) {
    EventBuffer events = BatchCodec.decode(encoded, codec);
    return new Partition.Batch(
        part.from(), part.round(), part.earliestEpoch(), events.isEmpty() ? null : events);
  }
}
