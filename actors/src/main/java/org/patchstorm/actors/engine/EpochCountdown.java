package org.patchstorm.actors.engine;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Counts the entity actors still running an epoch. The last one to finish tells the partition;
 * the atomic decrements also publish each entity's outbox to the partition.
 */
public final class EpochCountdown {
  private final AtomicInteger remaining;
  private final ActorRef<Partition.Command> partition;
  private final long round;

  EpochCountdown(int entities, ActorRef<Partition.Command> partition, long round) {
    this.remaining = new AtomicInteger(entities);
    this.partition = partition;
    this.round = round;
  }

  void done() {
    if (remaining.decrementAndGet() == 0) {
      partition.tell(new Partition.EntitiesDone(round));
    }
  }

  void failed(int entityId, Throwable error) {
    partition.tell(new Partition.EntityFailed(entityId, error));
  }
}
