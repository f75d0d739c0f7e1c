package org.patchstorm.actors.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.MetricsRows;

/**
 * Runs one experiment: has its hosting create the partitions, starts them once all exist, merges
 * their per-interval snapshots into rows in order, and stops when every partition has reached the
 * end (or one has failed). In a live run ({@link Partition.Plan#live}) it also grants the partitions
 * virtual time as the run goes and takes injected events, pause, resume, pace and stop from the
 * live control of this JVM ({@link RunListener#steering}).
 */
public final class RunCoordinator extends AbstractBehavior<RunCoordinator.Command> {

  public interface Command {}

  public record PartitionReady(int index, int hosted, ActorRef<Partition.Command> partition)
      implements Command, ControlMessage {}

  public record RowSnapshot(int partition, IntervalSnapshot snapshot) implements Command {}

  /** The partition reached the end; {@code stats}: what its rounds cost. */
  public record PartitionFinished(int index, RoundStats stats)
      implements Command, ControlMessage {}

  public record PartitionFailed(int index, String reason) implements Command, ControlMessage {}

  /** Something outside the partitions ended the run (a member died, setup failed on a member). */
  public record RunFailed(String reason) implements Command, ControlMessage {}

  /**
   * Live: take {@code event} at its time or the next possible moment; {@code placed} completes
   * with the time it is delivered (µs; it takes effect its lead later), or with an {@link
   * InjectionRefused} and the run goes on unchanged.
   */
  public record Inject(Injections.Prepared event, CompletableFuture<Long> placed)
      implements Command {}

  /** Live: grant no more virtual time; {@code stoppedAt} completes with where it stops (µs). */
  public record Pause(CompletableFuture<Long> stoppedAt) implements Command {}

  public record Resume() implements Command {}

  /** Live: virtual seconds per wall second, 0 for as fast as possible. */
  public record Pace(double virtualSecondsPerWallSecond) implements Command {}

  /** Live: end the run now, failed with {@code reason}. */
  public record Stop(String reason) implements Command {}

  /** The wall clock moved: a paced run may get more virtual time. */
  private enum Tick implements Command { INSTANCE }

  /** How often a paced run is granted more time (at pace 600: 12 virtual seconds a step). */
  private static final Duration TICK = Duration.ofMillis(20);

  private final Partition.Plan plan;
  private final RunListener listener;
  private final PartitionHosting hosting;
  private final MetricsRows rows;
  private final ActorRef<Partition.Command>[] partitions;
  private final TreeMap<Integer, IntervalSnapshot> merging = new TreeMap<>();
  private final TreeMap<Integer, Integer> received = new TreeMap<>();
  private final long intervalMicros;
  private final TimerScheduler<Command> timers;
  /** Null unless the run is live. */
  private final LiveGrants live;
  private int ready;
  private int entities;
  private int finished;
  private int nextRow = 1;
  private RoundStats roundStats = RoundStats.NONE;

  /** A run whose partitions are children of the coordinator, in this JVM. */
  public static Behavior<Command> create(Partition.Plan plan, RunListener listener) {
    return create(plan, listener, PartitionHosting.local());
  }

  public static Behavior<Command> create(
      Partition.Plan plan, RunListener listener, PartitionHosting hosting) {
    return OutOfMemoryGuard.guard(Command.class,
        Behaviors.withTimers(timers -> Behaviors.setup(
            ctx -> new RunCoordinator(ctx, timers, plan, listener, hosting))),
        error -> {
          listener.failed("the coordinator: " + error);
          hosting.end(error);
        });
  }

  @SuppressWarnings("unchecked")
  private RunCoordinator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Partition.Plan plan,
      RunListener listener,
      PartitionHosting hosting) {
    super(context);
    this.timers = timers;
    this.live = plan.live() ? new LiveGrants(plan) : null;
    this.plan = plan;
    this.listener = listener;
    this.hosting = hosting;
    this.rows = new MetricsRows(plan.model().schema());
    this.intervalMicros = plan.reportMicros();
    this.partitions = new ActorRef[plan.partitions()];
    if (live != null) {
      // Before any partition exists: commands given before the start (pause, pace) are then in
      // the mailbox ahead of the partitions' readiness, so the first grant already obeys them.
      listener.steering(context.getSelf());
    }
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
        .onMessage(Inject.class, this::onInject)
        .onMessage(Pause.class, this::onPause)
        .onMessage(Resume.class, r -> steer(live::resume))
        .onMessage(Pace.class, p -> steer(() -> live.pace(p.virtualSecondsPerWallSecond())))
        .onMessageEquals(Tick.INSTANCE, () -> steer(live::grant))
        .onMessage(Stop.class, s -> fail(s.reason()))
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
      if (live != null) {
        steer(() -> live.begin(List.of(partitions)));
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
      try {
        listener.row(time, rows.values(merged), merged.eventsDelivered());
      } catch (RuntimeException e) {
        // The row could not be kept (e.g. the disk is full): going on would only lose more.
        return fail("the row at " + time + " s could not be reported: " + e.getMessage());
      }
      nextRow++;
      if (live != null) {
        live.rowDone(nextRow - 1);
      }
    }
    return this;
  }

  private Behavior<Command> onInject(Inject msg) {
    try {
      long at = live.inject(msg.event(), time -> {
        try {
          listener.injected(time + msg.event().leadMicros(), msg.event().label(),
              msg.event().timelineEntry(time));
        } catch (RuntimeException e) {
          throw new InjectionRefused("the event could not be recorded in the results folder, so"
              + " it was not injected: " + e.getMessage());
        }
      });
      msg.placed().complete(at);
    } catch (InjectionRefused refused) {
      msg.placed().completeExceptionally(refused);
    }
    return steer(() -> {});
  }

  private Behavior<Command> onPause(Pause msg) {
    msg.stoppedAt().complete(live.pause());
    return steer(() -> {});
  }

  /** Applies a live command, then ticks the wall clock only while the pace needs it. */
  private Behavior<Command> steer(Runnable command) {
    command.run();
    if (live.needsTicks()) {
      if (!timers.isTimerActive(Tick.INSTANCE)) {
        timers.startTimerAtFixedRate(Tick.INSTANCE, TICK);
      }
    } else {
      timers.cancel(Tick.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onFinished(PartitionFinished msg) {
    roundStats = roundStats.plus(msg.stats());
    if (++finished == partitions.length) {
      if (!merging.isEmpty()) {
        return fail("rows " + new ArrayList<>(merging.keySet()) + " are incomplete at the end");
      }
      listener.roundStats(roundStats);
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
