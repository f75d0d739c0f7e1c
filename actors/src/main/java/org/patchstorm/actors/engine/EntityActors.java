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
import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.MetricsLog;

/**
 * A partition's entities as actors of their own (the actor-per-entity hosting). The partition
 * keeps the calendar and the round barrier; this spawns the entity actors as its children and
 * runs each of its steps through them: the start, then per round the samples of a reporting
 * boundary (if one is due) and one epoch. It asks every entity concerned at once, and once all
 * have replied merges their replies through the partition's core in entity-id order, the order
 * in which the core runs entities itself, so the results are the same byte for byte.
 */
final class EntityActors {

  /**
   * A finished step: the rows to report, then the epoch's routed sends; {@code sent} is null when
   * the run ended here, or when {@code failure} says why it cannot go on.
   */
  record Step(List<IntervalSnapshot> rows, Outbound sent, String failure) {}

  private enum Phase { IDLE, STARTING, SAMPLING, RUNNING }

  private final PartitionCore core;
  private final Placement placement;
  private final long endMicros;
  private final List<ActorRef<EntityActor.Command>> actors;

  private Phase phase = Phase.IDLE;
  private int[] asked;  // local index of the entity asked in each turn
  private EntityActor.Reply[] replies;  // by turn
  private int awaiting;
  private long epoch;
  private long epochStart;
  private int[] rows;
  private List<IntervalSnapshot> snapshots;

  private EntityActors(
      PartitionCore core,
      Placement placement,
      long endMicros,
      List<ActorRef<EntityActor.Command>> actors) {
    this.core = core;
    this.placement = placement;
    this.endMicros = endMicros;
    this.actors = actors;
  }

  /** Takes the core's entities and spawns an actor for each, a child of {@code partition}. */
  static EntityActors spawn(
      ActorContext<Partition.Command> partition,
      PartitionCore core,
      Placement placement,
      long endMicros) {
    ActorRef<EntityActor.Reply> replies = partition.getSelf().narrow();
    List<HostedEntity> entities = core.handOverEntities();
    List<ActorRef<EntityActor.Command>> actors = new ArrayList<>(entities.size());
    for (HostedEntity entity : entities) {
      actors.add(partition.spawn(EntityActor.create(entity, replies), EntityActor.name(entity)));
    }
    return new EntityActors(core, placement, endMicros, actors);
  }

  /** Starts every entity; the step finishes when all have replied (null: wait for replies). */
  Step start() {
    begin(Phase.STARTING, actors.size(), new int[0]);
    long end = core.epochEnd(0);
    for (int local = 0; local < actors.size(); local++) {
      asked[local] = local;
      actors.get(local).tell(new EntityActor.Start(local, end));
    }
    return awaiting == 0 ? finish() : null;
  }

  /**
   * Reports {@code rows} (due before {@code epochStart}), then runs {@code epoch} unless the run
   * ends first. Returns the finished step, or null when replies are awaited ({@link #accept}).
   */
  Step step(long epoch, long epochStart, int[] rows) {
    this.epoch = epoch;
    this.epochStart = epochStart;
    int[] wanted = rows.length == 0 ? new int[0] : core.sampledIndexes();
    begin(Phase.SAMPLING, wanted.length, rows);
    for (int turn = 0; turn < wanted.length; turn++) {
      asked[turn] = wanted[turn];
      actors.get(wanted[turn]).tell(new EntityActor.TakeSample(turn));
    }
    return awaiting == 0 ? finish() : null;
  }

  /** Takes one reply; returns the step once it is the last one awaited, else null. */
  Step accept(EntityActor.Reply reply) {
    if (phase == Phase.IDLE || replies[reply.turn()] != null) {
      throw new IllegalStateException("unexpected " + reply + " in phase " + phase);
    }
    replies[reply.turn()] = reply;
    return --awaiting == 0 ? finish() : null;
  }

  private void begin(Phase next, int count, int[] dueRows) {
    phase = next;
    asked = new int[count];
    replies = new EntityActor.Reply[count];
    awaiting = count;
    if (next != Phase.RUNNING) {
      rows = dueRows;
      snapshots = new ArrayList<>(dueRows.length);
    }
  }

  private Step finish() {
    for (EntityActor.Reply reply : replies) {
      if (reply instanceof EntityActor.Failed failed) {
        // The first failing entity in id order, as when the partition runs them in turn.
        phase = Phase.IDLE;
        return new Step(snapshots, null, failed.reason());
      }
    }
    if (phase == Phase.SAMPLING) {
      List<MetricsLog> samples = new ArrayList<>(replies.length);
      for (EntityActor.Reply reply : replies) {
        MetricsLog sample = ((EntityActor.SampleTaken) reply).sample();
        if (sample != null) {
          samples.add(sample);
        }
      }
      for (int row : rows) {
        snapshots.add(core.snapshot(row, samples));
      }
      return runEpoch();
    }
    for (int turn = 0; turn < replies.length; turn++) {
      core.merge(asked[turn], ((EntityActor.Ran) replies[turn]).result());
    }
    phase = Phase.IDLE;
    return new Step(snapshots, core.route(), null);
  }

  private Step runEpoch() {
    if (epochStart >= endMicros) {
      phase = Phase.IDLE;
      return new Step(snapshots, null, null);
    }
    EventBuffer due = core.takeEpoch(epoch);
    int busy = 0;
    for (int i = 0; i < due.size(); i = due.endOfTarget(i)) {
      busy++;
    }
    begin(Phase.RUNNING, busy, rows);
    long end = core.epochEnd(epoch);
    int turn = 0;
    for (int i = 0; i < due.size(); turn++) {
      int j = due.endOfTarget(i);
      asked[turn] = placement.localIndex(due.target(i));
      actors.get(asked[turn]).tell(new EntityActor.RunEpoch(turn, due, i, j, epoch, end));
      i = j;
    }
    return busy == 0 ? finish() : null;
  }
}
