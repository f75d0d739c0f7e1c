package org.patchstorm.actors.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.patchstorm.core.engine.EpochExecution;
import org.patchstorm.core.engine.EpochWork;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.Outbound;
import org.patchstorm.core.engine.PartitionCore;
import org.patchstorm.core.engine.Placement;
import org.patchstorm.core.engine.ReportSchedule;

/**
 * Owns the virtual clock and message delivery for the entities it hosts (its children). Each
 * round it runs one epoch: hands every busy entity its due events, waits until all are done,
 * routes what they sent, and swaps one batch with every other partition. The batches carry the
 * earliest epoch each partition holds or sent, so all partitions agree on the next epoch without a
 * central round-trip, and empty stretches of virtual time are skipped.
 */
public final class Partition extends AbstractBehavior<Partition.Command> {

  public interface Command {}

  /** All partitions exist; start the entities and the first round. */
  public record Begin(PartitionExchange exchange) implements Command {}

  /** Events for this partition and the sender's earliest epoch, for one round. */
  public record Batch(int from, long round, long earliestEpoch, EventBuffer events)
      implements Command {}

  /**
   * One chunk of a batch from a partition on another member, in {@link
   * org.patchstorm.core.engine.BatchCodec} form. Large batches are cut into chunks that fit a
   * transport frame; chunks of one sender arrive in order, so the last one completes the batch.
   */
  public record EncodedBatch(
      int from, long round, long earliestEpoch, int chunk, int chunks, byte[] bytes)
      implements Command {}

  /** Stop now (another member failed or the user interrupted). */
  public record Abort(String reason) implements Command, ControlMessage {}

  record EntitiesDone(long round) implements Command {}

  record EntityFailed(int entityId, Throwable error) implements Command {}

  /** What a partition needs to build its share of the model. */
  public record Plan(Model model, long seed, int partitions, long endMicros, long reportMicros) {}

  private final int index;
  private final PartitionCore core;
  private final ReportSchedule schedule;
  private final long endMicros;
  private final ActorRef<RunCoordinator.Command> coordinator;
  private final List<ActorRef<EntityActor.Command>> entities;
  private final TreeMap<Long, List<Batch>> waiting = new TreeMap<>();
  private final BatchAssembler assembler;
  private PartitionExchange exchange;
  private long round;
  private boolean roundSent;
  private long ownEarliest;
  private EpochWork running;

  public static Behavior<Command> create(
      Plan plan, int index, ActorRef<RunCoordinator.Command> coordinator) {
    return Behaviors.setup(ctx -> new Partition(ctx, plan, index, coordinator));
  }

  private Partition(
      ActorContext<Command> context,
      Plan plan,
      int index,
      ActorRef<RunCoordinator.Command> coordinator) {
    super(context);
    this.index = index;
    this.coordinator = coordinator;
    this.endMicros = plan.endMicros();
    this.assembler = new BatchAssembler(plan.model().codec());
    this.core =
        new PartitionCore(
            plan.model(), plan.seed(), new Placement(plan.partitions()), index, plan.endMicros());
    this.schedule = new ReportSchedule(plan.reportMicros(), plan.endMicros());
    this.entities = new ArrayList<>(core.hostedCount());
    for (int i = 0; i < core.hostedCount(); i++) {
      entities.add(context.spawnAnonymous(EntityActor.create(core.slot(i))));
    }
    coordinator.tell(new RunCoordinator.PartitionReady(index, core.hostedCount(), context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Begin.class, this::onBegin)
        .onMessage(Batch.class, this::onBatch)
        .onMessage(EncodedBatch.class, this::onEncodedBatch)
        .onMessage(EntitiesDone.class, this::onEntitiesDone)
        .onMessage(EntityFailed.class, this::onEntityFailed)
        .onMessage(Abort.class, a -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onBegin(Begin begin) {
    exchange = begin.exchange();
    Outbound started;
    try {
      started = core.start();
    } catch (RuntimeException | Error e) {
      // Entities start on the partition's thread: report it like any entity failure.
      coordinator.tell(new RunCoordinator.PartitionFailed(index, e.getMessage()));
      return Behaviors.stopped();
    }
    sendRound(started);
    advance();
    return this;
  }

  private Behavior<Command> onBatch(Batch batch) {
    waiting.computeIfAbsent(batch.round(), r -> new ArrayList<>()).add(batch);
    advance();
    return this;
  }

  private Behavior<Command> onEncodedBatch(EncodedBatch part) {
    Batch whole = assembler.accept(part);
    return whole == null ? this : onBatch(whole);
  }

  private Behavior<Command> onEntitiesDone(EntitiesDone done) {
    if (done.round() != round || running == null) {
      throw new IllegalStateException("epoch end for round " + done.round() + " in round " + round);
    }
    running = null;
    sendRound(core.finishEpoch());
    advance();
    return this;
  }

  private Behavior<Command> onEntityFailed(EntityFailed failed) {
    coordinator.tell(
        new RunCoordinator.PartitionFailed(
            index,
            "entity " + failed.entityId() + " failed at virtual time "
                + (running == null ? "?" : running.epoch() * core.epochMicros() / 1e6 + " s")
                + ": " + failed.error()));
    return Behaviors.stopped();
  }

  private void sendRound(Outbound out) {
    for (int p = 0; p < exchange.partitions(); p++) {
      if (p != index) {
        exchange.send(p, new Batch(index, round, out.earliestEpoch(), out.toPartition()[p]));
      }
    }
    ownEarliest = out.earliestEpoch();
    roundSent = true;
  }

  /** Runs rounds for as long as nothing needs to be waited for. */
  private void advance() {
    while (roundSent) {
      List<Batch> batches = waiting.getOrDefault(round, new ArrayList<>());
      if (batches.size() < exchange.partitions() - 1) {
        return;
      }
      waiting.remove(round);
      long next = ownEarliest;
      // Accept in partition order so the calendar sees the same sequence whatever the arrival order.
      batches.sort((a, b) -> Integer.compare(a.from(), b.from()));
      for (Batch b : batches) {
        if (b.events() != null) {
          core.accept(b.events());
        }
        next = Math.min(next, b.earliestEpoch());
      }
      round++;
      roundSent = false;
      long start = next == Long.MAX_VALUE ? endMicros : Math.min(endMicros, next * core.epochMicros());
      for (int row = schedule.takeRowDueBy(start); row > 0; row = schedule.takeRowDueBy(start)) {
        coordinator.tell(new RunCoordinator.RowSnapshot(index, core.snapshot(row)));
      }
      if (start >= endMicros) {
        coordinator.tell(new RunCoordinator.PartitionFinished(index, exchange.crossMemberEvents()));
        return;
      }
      EpochWork work = core.beginEpoch(next);
      if (!work.executions().isEmpty()) {
        running = work;
        EpochCountdown countdown =
            new EpochCountdown(work.executions().size(), getContext().getSelf(), round);
        for (EpochExecution execution : work.executions()) {
          entities.get(core.localIndexOf(execution.slot())).tell(
              new EntityActor.Deliver(execution, countdown));
        }
        return;
      }
      sendRound(core.finishEpoch());
    }
  }
}
