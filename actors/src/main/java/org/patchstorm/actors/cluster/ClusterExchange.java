package org.patchstorm.actors.cluster;

import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.PartitionExchange;
import org.patchstorm.core.engine.BatchCodec;
import org.patchstorm.core.engine.PayloadCodec;

/**
 * The exchange of one partition in a cluster: batches for partitions of the same member are plain
 * tells; batches for other members are encoded once and cut into chunks below Artery's frame size.
 *
 * <p>Flow control: a partition sends its batch of round r+1 only after it has received every
 * partition's batch of round r, so between two partitions at most two rounds' batches are ever in
 * flight. Artery's outbound queue (set in application.conf) is far larger than partitions x
 * partitions x 2 x chunks for any batch that fits in memory, so it never overflows and drops.
 */
public final class ClusterExchange implements PartitionExchange {
  /** Below Artery's default maximum frame (256 KiB), leaving room for the envelope. */
  public static final int DEFAULT_CHUNK_BYTES = 192 * 1024;

  private final List<ActorRef<Partition.Command>> partitions;
  private final boolean[] remote;
  private final PayloadCodec codec;
  private final int chunkBytes;
  private long crossMemberEvents;

  public ClusterExchange(
      List<ActorRef<Partition.Command>> partitions, PayloadCodec codec, int chunkBytes) {
    this.partitions = List.copyOf(partitions);
    this.codec = codec;
    this.chunkBytes = chunkBytes;
    this.remote = new boolean[partitions.size()];
    for (int p = 0; p < remote.length; p++) {
      remote[p] = partitions.get(p).path().address().hasGlobalScope();
    }
  }

  @Override
  public int partitions() {
    return partitions.size();
  }

  @Override
  public void send(int toPartition, Partition.Batch batch) {
    ActorRef<Partition.Command> target = partitions.get(toPartition);
    if (!remote[toPartition]) {
      target.tell(batch);
      return;
    }
    if (batch.events() != null) {
      crossMemberEvents += batch.events().size();
    }
    byte[] encoded = BatchCodec.encode(batch.events(), codec);
    int chunks = Math.max(1, (encoded.length + chunkBytes - 1) / chunkBytes);
    for (int c = 0; c < chunks; c++) {
      byte[] part =
          chunks == 1
              ? encoded
              : Arrays.copyOfRange(
                  encoded, c * chunkBytes, Math.min(encoded.length, (c + 1) * chunkBytes));
      target.tell(
          new Partition.EncodedBatch(
              batch.from(), batch.round(), batch.earliestEpoch(), c, chunks, part));
    }
  }

  @Override
  public long crossMemberEvents() {
    return crossMemberEvents;
  }
}
