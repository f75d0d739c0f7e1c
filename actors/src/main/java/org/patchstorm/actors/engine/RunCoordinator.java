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
 * Runs one experiment: has its hosting create the partitions, starts them once all exist, merges
 * their per-interval snapshots into rows in order, and stops when every partition has reached the
 * end (or one has failed).
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  public interface Command {}

  public record PartitionReady(int index, int hosted, ActorRef<Partition.Command> partition)
      implements Command, ControlMessage {}

  public record RowSnapshot(int partition, IntervalSnapshot snapshot) implements Command {}

  /** The partition reached the end; {@code crossMemberEvents} it sent to other members. */
  public record PartitionFinished(int index, long crossMemberEvents)
      implements Command, ControlMessage {}

  public record PartitionFailed(int index, String reason) implements Command, ControlMessage {}

  /** Something outside the partitions ended the run (a member died, setup failed on a member). */
  public record RunFailed(String reason) implements Command, ControlMessage {}

  private final Partition.Plan plan;
  private final RunListener listener;
  private final PartitionHosting hosting;
  private final MetricsRows rows;
  private final ActorRef<Partition.Command>[] partitions;
  private final TreeMap<Integer, IntervalSnapshot> merging = new TreeMap<>();
  private final TreeMap<Integer, Integer> received = new TreeMap<>();
  private final long intervalMicros;
  private int ready;
  private int entities;
  private int finished;
  private int nextRow = 1;
  private long crossMemberEvents;

  /** A run whose partitions are children of the coordinator, in this JVM. */
  public static Behavior<Command> create(Partition.Plan plan, RunListener listener) {
    return create(plan, listener, PartitionHosting.local());
  }

  public static Behavior<Command> create(
      Partition.Plan plan, RunListener listener, PartitionHosting hosting) {
    return OutOfMemoryGuard.guard(Command.class,
        Behaviors.setup(ctx -> new RunCoordinator(ctx, plan, listener, hosting)),
        error -> {
          listener.failed("the coordinator: " + error);
          hosting.end(error);
        });
  }

  @SuppressWarnings("unchecked")
  private RunCoordinator(
      ActorContext<Command> context,
      Partition.Plan plan,
      RunListener listener,
      PartitionHosting hosting) {
    super(context);
    this.plan = plan;
    this.listener = listener;
    this.hosting = hosting;
    this.rows = new MetricsRows(plan.model().schema());
    this.intervalMicros = plan.reportMicros();
    this.partitions = new ActorRef[plan.partitions()];
    hosting.create(context, plan);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PartitionReady.class, this::onReady)
        .onMessage(RowSnapshot.class, this::onRow)
        .onMessage(PartitionFinished.class, this::onFinished)
        .onMessage(PartitionFailed.class, this::onFailed)
        .onMessage(RunFailed.class, f -> fail(f.reason()))
        .onSignal(ChildFailed.class, f -> fail(where(f.getRef()) + " crashed: " + f.getCause()))
        .onSignal(Terminated.class, t -> fail(where(t.getRef()) + " stopped unexpectedly"))
        .build();
  }

  private static String where(ActorRef<?> ref) {
    var address = ref.path().address();
    return ref.path().name() + (address.hasGlobalScope() ? " on member " + address : "");
  }

  private Behavior<Command> onReady(PartitionReady msg) {
    partitions[msg.index()] = msg.partition();
    // Partitions on other members are watched too: their end must end the run, not hang it.
    getContext().watch(msg.partition());
    entities += msg.hosted();
    if (++ready == partitions.length) {
      listener.setupDone(entities);
      hosting.begin(List.of(partitions));
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
      try {
        listener.row(time, rows.values(merged), merged.eventsDelivered());
      } catch (RuntimeException e) {
        // The row could not be kept (e.g. the disk is full): going on would only lose more.
        return fail("the row at " + time + " s could not be reported: " + e.getMessage());
      }
      nextRow++;
    }
    return this;
  }

  private Behavior<Command> onFinished(PartitionFinished msg) {
    crossMemberEvents += msg.crossMemberEvents();
    if (++finished == partitions.length) {
      if (!merging.isEmpty()) {
        return fail("rows " + new ArrayList<>(merging.keySet()) + " are incomplete at the end");
      }
      listener.crossMemberEvents(crossMemberEvents);
      listener.finished();
      hosting.end(null);
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onFailed(PartitionFailed msg) {
    return fail("partition " + msg.index() + ": " + msg.reason());
  }

  private Behavior<Command> fail(String reason) {
    listener.failed(reason);
    hosting.end(reason);
    return Behaviors.stopped();
  }
}
