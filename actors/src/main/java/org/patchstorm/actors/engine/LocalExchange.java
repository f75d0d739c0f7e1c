package org.patchstorm.actors.engine;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Exchange between partitions of one JVM: batches travel as plain tells, never copied. */
public record LocalExchange(List<ActorRef<Partition.Command>> partitionRefs)
    implements PartitionExchange {

  public LocalExchange {
    partitionRefs = List.copyOf(partitionRefs);
  }

  @Override
  public int partitions() {
    return partitionRefs.size();
  }

  @Override
  public void send(int toPartition, Partition.Batch batch) {
    partitionRefs.get(toPartition).tell(batch);
  }
}
