package org.patchstorm.actors.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.MetricsRows;

/**
 * Runs one experiment in this JVM: creates the partitions, starts them once all exist, merges
 * their per-interval snapshots into rows in order, and stops when every partition has reached the
 * end (or one has failed).
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  public interface Command {}

  public record PartitionReady(int index, int hosted, ActorRef<Partition.Command> partition)
      implements Command {}

  public record RowSnapshot(int partition, IntervalSnapshot snapshot) implements Command {}

  public record PartitionFinished(int index) implements Command {}

  public record PartitionFailed(int index, String reason) implements Command {}

  private final Partition.Plan plan;
  private final RunListener listener;
  private final MetricsRows rows;
  private final ActorRef<Partition.Command>[] partitions;
  private final TreeMap<Integer, IntervalSnapshot> merging = new TreeMap<>();
  private final TreeMap<Integer, Integer> received = new TreeMap<>();
  private final long intervalMicros;
  private int ready;
  private int entities;
  private int finished;
  private int nextRow = 1;

  public static Behavior<Command> create(Partition.Plan plan, RunListener listener) {
    return Behaviors.setup(ctx -> new RunCoordinator(ctx, plan, listener));
  }

  @SuppressWarnings("unchecked")
  private RunCoordinator(ActorContext<Command> context, Partition.Plan plan, RunListener listener) {
    super(context);
    this.plan = plan;
    this.listener = listener;
    this.rows = new MetricsRows(plan.model().schema());
    this.intervalMicros = plan.reportMicros();
    this.partitions = new ActorRef[plan.partitions()];
    for (int p = 0; p < plan.partitions(); p++) {
      // Watched: a partition that dies (a bug, out of memory) must end the run, not hang it.
      context.watch(context.spawn(Partition.create(plan, p, context.getSelf()), "partition-" + p));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PartitionReady.class, this::onReady)
        .onMessage(RowSnapshot.class, this::onRow)
        .onMessage(PartitionFinished.class, this::onFinished)
        .onMessage(PartitionFailed.class, this::onFailed)
        .onSignal(ChildFailed.class, f -> fail(f.getRef().path().name() + " crashed: " + f.getCause()))
        .onSignal(Terminated.class, t -> fail(t.getRef().path().name() + " stopped unexpectedly"))
        .build();
  }

  private Behavior<Command> onReady(PartitionReady msg) {
    partitions[msg.index()] = msg.partition();
    entities += msg.hosted();
    if (++ready == partitions.length) {
      listener.setupDone(entities);
      LocalExchange exchange = new LocalExchange(List.of(partitions));
      for (ActorRef<Partition.Command> p : partitions) {
        p.tell(new Partition.Begin(exchange));
      }
    }
    return this;
  }

  private Behavior<Command> onRow(RowSnapshot msg) {
    int row = msg.snapshot().row();
    merging.merge(row, msg.snapshot(), IntervalSnapshot::plus);
    received.merge(row, 1, Integer::sum);
    while (received.getOrDefault(nextRow, 0) == partitions.length) {
      IntervalSnapshot merged = merging.remove(nextRow);
      received.remove(nextRow);
      double time = Math.min((long) nextRow * intervalMicros, plan.endMicros()) / 1e6;
      listener.row(time, rows.values(merged), merged.eventsDelivered());
      nextRow++;
    }
    return this;
  }

  private Behavior<Command> onFinished(PartitionFinished msg) {
    if (++finished == partitions.length) {
      if (!merging.isEmpty()) {
        return fail("rows " + new ArrayList<>(merging.keySet()) + " are incomplete at the end");
      }
      listener.finished();
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onFailed(PartitionFailed msg) {
    return fail("partition " + msg.index() + ": " + msg.reason());
  }

  private Behavior<Command> fail(String reason) {
    listener.failed(reason);
    return Behaviors.stopped();
  }
}
