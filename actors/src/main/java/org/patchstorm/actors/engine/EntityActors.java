package org.patchstorm.actors.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.HostedEntity;
import org.patchstorm.core.engine.Outbound;
import org.patchstorm.core.engine.PartitionCore;
import org.patchstorm.core.engine.Placement;

/**
 * A partition's entities as actors of their own (the actor-per-entity hosting). The partition
 * keeps the calendar and the round barrier; this spawns the entity actors as its children and
 * runs the start and each epoch through them: it sends every entity concerned its share at once,
 * and once all have replied merges their turns through the partition's core in entity-id order,
 * the order in which the core runs entities itself, so the results are the same byte for byte.
 */
final class EntityActors {

  /** A start or epoch that every entity has replied to: its routed sends, or why it failed. */
  record Done(Outbound sent, String failure) {}

  private final PartitionCore core;
  private final Placement placement;
  private final List<ActorRef<EntityActor.Command>> actors;

  private int[] asked = new int[0];  // local index of the entity asked in each turn
  private EntityActor.Reply[] replies = new EntityActor.Reply[0];  // by turn
  private int awaiting;

  private EntityActors(
      PartitionCore core, Placement placement, List<ActorRef<EntityActor.Command>> actors) {
    this.core = core;
    this.placement = placement;
    this.actors = actors;
  }

  /** Takes the core's entities and spawns an actor for each, a child of {@code partition}. */
  static EntityActors spawn(
      ActorContext<Partition.Command> partition, PartitionCore core, Placement placement) {
    ActorRef<EntityActor.Reply> replies = partition.getSelf().narrow();
    List<HostedEntity> entities = core.handOverEntities();
    List<ActorRef<EntityActor.Command>> actors = new ArrayList<>(entities.size());
    for (HostedEntity entity : entities) {
      actors.add(partition.spawn(EntityActor.create(entity, replies), EntityActor.name(entity)));
    }
    return new EntityActors(core, placement, actors);
  }

  /** Starts every entity at time 0; null while replies are awaited ({@link #accept}). */
  Done start() {
    expect(actors.size());
    long end = core.epochEnd(0);
    for (int local = 0; local < actors.size(); local++) {
      asked[local] = local;
      actors.get(local).tell(new EntityActor.Start(local, end));
    }
    return awaiting == 0 ? merge() : null;
  }

  /** Runs {@code epoch}: each busy entity gets one message with its due events. */
  Done runEpoch(long epoch) {
    EventBuffer due = core.takeEpoch(epoch);
    int busy = 0;
    for (int i = 0; i < due.size(); i = due.endOfTarget(i)) {
      busy++;
    }
    expect(busy);
    long end = core.epochEnd(epoch);
    int turn = 0;
    for (int i = 0; i < due.size(); turn++) {
      int j = due.endOfTarget(i);
      asked[turn] = placement.localIndex(due.target(i));
      actors.get(asked[turn]).tell(new EntityActor.RunEpoch(turn, due, i, j, epoch, end));
      i = j;
    }
    return awaiting == 0 ? merge() : null;
  }

  /** Takes one reply; returns the start or epoch once this is the last reply awaited. */
  Done accept(EntityActor.Reply reply) {
    if (awaiting == 0 || replies[reply.turn()] != null) {
      throw new IllegalStateException("unexpected " + reply);
    }
    replies[reply.turn()] = reply;
    return --awaiting == 0 ? merge() : null;
  }

  private void expect(int count) {
    asked = new int[count];
    replies = new EntityActor.Reply[count];
    awaiting = count;
  }

  private Done merge() {
    for (EntityActor.Reply reply : replies) {
      if (reply instanceof EntityActor.Failed failed) {
        // The first failing entity in id order, as when the partition runs them in turn.
        return new Done(null, failed.reason());
      }
    }
    for (int turn = 0; turn < replies.length; turn++) {
      core.merge(asked[turn], ((EntityActor.Ran) replies[turn]).result());
    }
    return new Done(core.route(), null);
  }
}
