package org.patchstorm.actors.engine;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.patchstorm.core.engine.BatchCodec;
import org.patchstorm.core.engine.EntityFailure;
import org.patchstorm.core.engine.EpochGate;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.MemberWindow;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.Outbound;
import org.patchstorm.core.engine.PartitionCore;
import org.patchstorm.core.engine.Placement;
import org.patchstorm.core.engine.ReportSchedule;
import org.patchstorm.core.engine.RoundBook;
import org.patchstorm.core.experiment.Experiment;

/**
 * Hosts a share of the entities and owns their virtual clock and message delivery. Each round it
 * runs one epoch (every busy entity handles its due events, in this actor, one after another),
 * routes what they sent, and swaps one batch with every other partition. The batches carry the
 * earliest epoch each partition holds or sent, so all partitions agree on the next epoch without a
 * central round-trip, and empty stretches of virtual time are skipped.
 *
 * <p>By default entities are not actors of their own: a mailbox hop per entity and epoch cost more
 * than the entity's work (ping delivers each message with two such hops, capping it at half the
 * raw tell rate). Partitions are the unit of parallelism instead, one or more per core. With the
 * actor-per-entity hosting each entity is a child actor ({@link EntityActors}) and a round waits
 * for their replies; the results are the same.
 */
public final class Partition extends AbstractBehavior<Partition.Command> {

  public interface Command {}

  /** All partitions exist; start the entities and the first round. */
  public record Begin(PartitionExchange exchange) implements Command {}

  /**
   * Events for this partition and the sender's earliest epoch, for one round; or, with member
   * windows, for one meeting of all partitions ({@code meeting}, {@code round} is then the
   * meeting's number). Batches from other members are meeting batches whatever the flag says.
   */
  public record Batch(int from, long round, long earliestEpoch, EventBuffer events,
      boolean meeting) implements Command {

    public Batch(int from, long round, long earliestEpoch, EventBuffer events) {
      this(from, round, earliestEpoch, events, false);
    }
  }

  /**
   * One chunk of a batch from a partition on another member, in {@link
   * org.patchstorm.core.engine.BatchCodec} form. Large batches are cut into chunks that fit a
   * transport frame; chunks of one sender arrive in order, so the last one completes the batch.
   */
  public record EncodedBatch(
      int from, long round, long earliestEpoch, int chunk, int chunks, byte[] bytes)
      implements Command {}

  /**
   * From the coordinator of a live run: epochs starting before {@code horizonMicros} may run.
   * {@code injected} holds this partition's injected events ({@link BatchCodec} form, the same
   * on one JVM and across members); {@code earliestInjectedMicros} is the earliest event injected
   * into any partition with this grant, or -1.
   */
  public record Grant(long horizonMicros, long earliestInjectedMicros, byte[] injected)
      implements Command {}

  /** Stop now (another member failed or the user interrupted). */
  public record Abort(String reason) implements Command, ControlMessage {}

  /** Go on with the next rounds after letting other messages (an abort) in. */
  private enum Continue implements Command { INSTANCE }

  /**
   * Epochs run in one go before yielding: with nothing to wait for (a lone partition, or partners
   * ahead) the loop would otherwise keep the actor busy for the whole run.
   */
  private static final int EPOCHS_PER_TURN = 512;

  /** Epochs between looks at the heap (a look costs about a microsecond). */
  private static final int HEAP_CHECK_EPOCHS = 16;

  /**
   * What a partition needs to build its share of the model, and where its entities run. {@code
   * live}: the coordinator grants virtual time as the run goes (pause, pace, injection); otherwise
   * it is all granted at once.
   */
  public record Plan(Model model, long seed, int partitions, long endMicros, long reportMicros,
      Hosting hosting, boolean live, int members) {

    /** A plan for one JVM. */
    public Plan(Model model, long seed, int partitions, long endMicros, long reportMicros,
        Hosting hosting, boolean live) {
      this(model, seed, partitions, endMicros, reportMicros, hosting, live, 1);
    }

    /** The same plan with its partitions spread over {@code members} cluster members. */
    public Plan onMembers(int members) {
      return new Plan(model, seed, partitions, endMicros, reportMicros, hosting, live, members);
    }

    /**
     * Where the entities live. A live run stays modular: its grants already stop every partition
     * at the same epochs, and members meeting every epoch keep injection simple.
     */
    public Placement placement() {
      return Placement.of(model, partitions, live ? 1 : members);
    }

    /** The plan that runs {@code experiment} as it says: its model, seed, partitions, hosting. */
    public static Plan of(Experiment experiment, boolean live) {
      return new Plan(experiment.model(), experiment.seed(), experiment.partitions(),
          experiment.durationMicros(), experiment.reportIntervalMicros(), experiment.hosting(),
          live);
    }
  }

  private final int index;
  private final PartitionCore core;
  private final ReportSchedule schedule;
  private final EpochGate gate;
  private final ActorRef<RunCoordinator.Command> coordinator;
  /** Null when every partner is met every epoch (one JVM, modular placement, live runs). */
  private final MemberWindow window;
  private final RoundBook book;  // exists before Begin: partners that began first send at once
  private final int localPartners;
  private final BatchAssembler assembler;
  private final EntityActors actors;  // null when the entities run inside the partition
  private PartitionExchange exchange;
  /** The next epoch all partitions agreed on for this round, or -1 until its batches are in. */
  private long agreedNext = -1;
  private boolean finished;
  /** Wall-clock time spent waiting for partners' batches, for the BENCH line only. */
  private long waitNanos;
  private long waitingSince;

  /**
   * Partition {@code index} of {@code plan}. {@code placement} is {@code plan.placement()}, built
   * once by whoever spawns the partitions: zoned placement tables take ~10 B per entity.
   */
  public static Behavior<Command> create(Plan plan, Placement placement, int index,
      ActorRef<RunCoordinator.Command> coordinator) {
    return OutOfMemoryGuard.guard(Command.class,
        Behaviors.setup(ctx -> new Partition(ctx, plan, placement, index, coordinator)),
        error -> coordinator.tell(new RunCoordinator.RunFailed("partition " + index + ": " + error)));
  }

  private Partition(
      ActorContext<Command> context,
      Plan plan,
      Placement placement,
      int index,
      ActorRef<RunCoordinator.Command> coordinator) {
    super(context);
    this.index = index;
    this.coordinator = coordinator;
    this.gate = plan.live()
        ? EpochGate.closed(plan.model().lookaheadMicros(), plan.endMicros())
        : EpochGate.open(plan.model().lookaheadMicros(), plan.endMicros());
    this.assembler = new BatchAssembler(plan.model().codec());
    this.core = new PartitionCore(plan.model(), plan.seed(), placement, index, plan.endMicros());
    this.window = placement.windowEpochs() > 1
        ? new MemberWindow(placement, index, plan.model().lookaheadMicros())
        : null;
    int local = 0;
    for (int p = 0; p < plan.partitions(); p++) {
      if (p != index && !remote(p)) {
        local++;
      }
    }
    this.localPartners = local;
    this.book = new RoundBook(local, plan.partitions() - 1);
    this.schedule = new ReportSchedule(plan.reportMicros(), plan.endMicros());
    this.actors = plan.hosting() == Hosting.ACTOR_PER_ENTITY
        ? EntityActors.spawn(context, core, placement)
        : null;
    coordinator.tell(new RunCoordinator.PartitionReady(index, core.hostedCount(), context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Begin.class, this::onBegin)
        .onMessage(Batch.class, this::onBatch)
        .onMessage(EncodedBatch.class, this::onEncodedBatch)
        .onMessage(Grant.class, this::onGrant)
        .onMessageEquals(Continue.INSTANCE, this::advance)
        .onMessage(EntityActor.Reply.class, this::onEntityReply)
        .onMessage(Abort.class, a -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onBegin(Begin begin) {
    exchange = begin.exchange();
    if (actors != null) {
      return afterEntities(actors.start());
    }
    Outbound started;
    try {
      started = core.start();
    } catch (RuntimeException | Error e) {
      // Entities start on the partition's thread: report it like any entity failure.
      coordinator.tell(new RunCoordinator.PartitionFailed(index, e.getMessage()));
      return Behaviors.stopped();
    }
    return sendRound(started) ? advance() : Behaviors.stopped();
  }

  private Behavior<Command> onBatch(Batch batch) {
    // With member windows, other members' batches come once per meeting, numbered by meeting.
    book.received(batch.meeting() || remote(batch.from()), batch.round(),
        new RoundBook.Incoming(batch.from(), batch.earliestEpoch(), batch.events()));
    return advance();
  }

  private boolean remote(int partition) {
    return window != null && window.remote(partition);
  }

  private Behavior<Command> onEncodedBatch(EncodedBatch part) {
    Batch whole = assembler.accept(part);
    return whole == null ? this : onBatch(whole);
  }

  private Behavior<Command> onGrant(Grant grant) {
    if (grant.injected() != null) {
      EventBuffer events = BatchCodec.decode(grant.injected(), assembler.codec());
      if (!events.isEmpty()) {
        core.accept(events);
      }
    }
    gate.grant(grant.horizonMicros(), grant.earliestInjectedMicros());
    return advance();
  }

  /** Sends the round's batches; false if the partition cannot go on (it told the coordinator). */
  private boolean sendRound(Outbound out) {
    for (int p = 0; p < exchange.partitions(); p++) {
      if (p == index) {
        continue;
      }
      if (remote(p)) {
        if (out.toPartition()[p] != null) {
          try {
            window.hold(p, out.toPartition()[p]);
          } catch (IllegalStateException tooFast) {
            coordinator.tell(new RunCoordinator.PartitionFailed(index, tooFast.getMessage()));
            return false;
          }
        }
      } else {
        exchange.send(p,
            new Batch(index, book.rounds(), out.earliestEpoch(), out.toPartition()[p]));
      }
    }
    book.roundSent(out.earliestEpoch());
    waitingSince = System.nanoTime();
    return true;
  }

  /**
   * Runs rounds for as long as nothing needs to be waited for (batches, or a grant of more virtual
   * time), yielding now and then.
   */
  private Behavior<Command> advance() {
    int epochsRun = 0;
    while (!finished) {
      if (agreedNext < 0 && book.meetingOpen()) {
        if (!book.meetingComplete()) {
          return this;
        }
        waitNanos += System.nanoTime() - waitingSince;
        agreedNext = book.closeMeeting(core::accept);
      }
      if (agreedNext < 0) {
        if (!book.roundComplete()) {
          return this;
        }
        if (book.rounds() % HEAP_CHECK_EPOCHS == 0) {
          String exhausted = HeapWatch.exhausted();
          if (exhausted != null) {
            // Stopping lets go of this partition's entities: the run can still say why it ended.
            coordinator.tell(new RunCoordinator.PartitionFailed(index, exhausted));
            return Behaviors.stopped();
          }
        }
        if (epochsRun == EPOCHS_PER_TURN) {
          getContext().getSelf().tell(Continue.INSTANCE);
          return this;
        }
        if (localPartners > 0) {
          waitNanos += System.nanoTime() - waitingSince;
        }
        long agreed = book.closeRound(core::accept);
        if (window != null && window.mustMeetBefore(gate.next(agreed))) {
          meet();
          continue;
        }
        agreedNext = agreed;
      }
      long next = gate.next(agreedNext);
      long start = gate.startMicros(next);
      long reachable = gate.reachableMicros(start);
      for (int row = schedule.takeRowDueBy(reachable); row > 0;
          row = schedule.takeRowDueBy(reachable)) {
        coordinator.tell(new RunCoordinator.RowSnapshot(index, core.snapshot(row)));
      }
      if (!gate.mayRun(start)) {
        if (gate.grantedToEnd()) {
          finished = true;
          coordinator.tell(new RunCoordinator.PartitionFinished(index,
              new RoundStats(1, book.rounds(), window == null ? book.rounds() : book.meetings(),
                  waitNanos,
                  exchange.crossMemberEvents())));
        }
        return this;
      }
      agreedNext = -1;
      gate.ran();
      if (window != null) {
        window.entered(next);
      }
      if (actors != null) {
        EntityActors.Done done = actors.runEpoch(next);
        if (done == null) {
          return this; // the entity actors' replies go on from here (onEntityReply)
        }
        Behavior<Command> failed = sendRound(done);
        if (failed != null) {
          return failed;
        }
        epochsRun++;
        continue;
      }
      Outbound sent;
      try {
        sent = core.runEpoch(next);
      } catch (EntityFailure failure) {
        coordinator.tell(new RunCoordinator.PartitionFailed(index, failure.getMessage()));
        return Behaviors.stopped();
      }
      epochsRun++;
      if (!sendRound(sent)) {
        return Behaviors.stopped();
      }
    }
    return this;
  }

  /**
   * The window is done on this member: every partition tells every other the earliest epoch it
   * holds or sent since the last meeting (so all agree on the next one), and hands the other
   * members' partitions what was held for them.
   */
  private void meet() {
    long earliest = Math.min(core.nextEpoch(), window.takeEarliest());
    for (int p = 0; p < exchange.partitions(); p++) {
      if (p != index) {
        exchange.send(p,
            new Batch(index, book.meetings(), earliest, remote(p) ? window.take(p) : null, true));
      }
    }
    book.meetingSent(earliest);
    waitingSince = System.nanoTime();
  }

  private Behavior<Command> onEntityReply(EntityActor.Reply reply) {
    return afterEntities(actors.accept(reply));
  }

  /** Goes on once the entity actors have all replied (null: replies are still awaited). */
  private Behavior<Command> afterEntities(EntityActors.Done done) {
    if (done == null) {
      return this;
    }
    Behavior<Command> failed = sendRound(done);
    return failed != null ? failed : advance();
  }

  /** Sends the round the entity actors ran and returns null, or ends: an entity failed. */
  private Behavior<Command> sendRound(EntityActors.Done done) {
    if (done.failure() != null) {
      coordinator.tell(new RunCoordinator.PartitionFailed(index, done.failure()));
      return Behaviors.stopped();
    }
    return sendRound(done.sent()) ? null : Behaviors.stopped();
  }
}
