package org.patchstorm.actors.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.patchstorm.actors.engine.ControlMessage;
import org.patchstorm.core.sweep.RunDispatch;

/**
 * The runner's side of a sweep on a cluster: finds the members' {@link RunWorker}s through the
 * receptionist, which lists only reachable ones, and hands them whole runs by {@link RunDispatch}.
 * A member that becomes unreachable (its JVM died, hangs or lost its network) loses only the runs
 * it had; they go to the others. Each run's rows come back in messages of bounded size; the first
 * complete result of a run is passed on to be written, in this JVM.
 */
public final class SweepDispatcher extends AbstractBehavior<SweepDispatcher.Command> {

  public interface Command {}

  /** Rows {@code firstRow}.. of run {@code run}, from {@code worker}. */
  public record RunRows(
      int run, int firstRow, double[] times, double[][] values, ActorRef<RunWorker.Command> worker)
      implements Command, ControlMessage {}

  /** Run {@code run} ended after {@code rows} rows; {@code failure} is null when it completed. */
  public record RunEnded(
      int run, int rows, int entities, String failure, ActorRef<RunWorker.Command> worker)
      implements Command, ControlMessage {}

  /** What a member needs for one run: the resolved experiment and the seed. */
  public record RunOrder(String experimentConfig, long seed) {}

  /** A run's outcome as a member carried it out, to be written by the runner. */
  public record RunResult(
      int entities, double[] times, double[][] values, String failure, String member) {}

  /** Where results go; called on the dispatcher's thread, so quickly and without blocking. */
  public interface Results {
    void result(int run, RunResult result);

    /** Every run has its result. */
    void finished();

    /** No member was left for the runs still to do; {@code reason} says so in a sentence. */
    void stranded(String reason);
  }

  /** Carry out {@code orders}, {@code perMember} at a time on each member. Local only. */
  record Start(List<RunOrder> orders, int perMember, Results results) implements Command {}

  private record Workers(Receptionist.Listing listing) implements Command {}

  private enum NoMemberCameBack implements Command { INSTANCE }

  private static final Comparator<ActorRef<RunWorker.Command>> BY_ADDRESS =
      Comparator.comparing(r -> r.path().address().toString());

  private final TimerScheduler<Command> timers;
  private final int wanted;
  private final CompletableFuture<List<String>> membersFound;
  private final Duration strandedGrace;
  private final Set<Address> lost = new LinkedHashSet<>();
  private List<ActorRef<RunWorker.Command>> reachable = List.of();
  private List<RunOrder> orders;
  private RunDispatch<ActorRef<RunWorker.Command>> dispatch;
  private Results results;
  private boolean over;
  /** Rows received per run and worker, until the run's end arrives. */
  private final Map<Integer, Map<ActorRef<RunWorker.Command>, Partial>> partials = new HashMap<>();

  /**
   * @param wanted members to wait for; {@code membersFound} gets their addresses
   * @param strandedGrace how long runs may wait for a member when none is left
   */
  static Behavior<Command> create(
      int wanted, CompletableFuture<List<String>> membersFound, Duration strandedGrace) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new SweepDispatcher(ctx, timers, wanted, membersFound, strandedGrace)));
  }

  private SweepDispatcher(ActorContext<Command> context, TimerScheduler<Command> timers,
      int wanted, CompletableFuture<List<String>> membersFound, Duration strandedGrace) {
    super(context);
    this.timers = timers;
    this.wanted = wanted;
    this.membersFound = membersFound;
    this.strandedGrace = strandedGrace;
    ActorRef<Receptionist.Listing> listings =
        context.messageAdapter(Receptionist.Listing.class, Workers::new);
    context.getSystem().receptionist().tell(Receptionist.subscribe(RunWorker.KEY, listings));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Workers.class, this::onWorkers)
        .onMessage(Start.class, this::onStart)
        .onMessage(RunRows.class, this::onRows)
        .onMessage(RunEnded.class, this::onEnded)
        .onMessageEquals(NoMemberCameBack.INSTANCE, this::onNoMemberCameBack)
        .build();
  }

  private Behavior<Command> onWorkers(Workers msg) {
    List<ActorRef<RunWorker.Command>> now =
        new ArrayList<>(msg.listing().getServiceInstances(RunWorker.KEY));
    now.sort(BY_ADDRESS);
    for (ActorRef<RunWorker.Command> gone : reachable) {
      if (!now.contains(gone)) {
        lost.add(gone.path().address());
      }
    }
    reachable = List.copyOf(now);
    if (reachable.size() >= wanted && !membersFound.isDone()) {
      membersFound.complete(reachable.subList(0, wanted).stream()
          .map(r -> r.path().address().toString()).toList());
    }
    if (dispatch != null && !over) {
      dispatch.workers(reachable);
      dispatchRuns();
    }
    return this;
  }

  private Behavior<Command> onStart(Start msg) {
    orders = List.copyOf(msg.orders());
    results = msg.results();
    dispatch = new RunDispatch<>(orders.size(), msg.perMember());
    dispatch.workers(reachable);
    dispatchRuns();
    return this;
  }

  private Behavior<Command> onRows(RunRows msg) {
    partials.computeIfAbsent(msg.run(), r -> new HashMap<>())
        .computeIfAbsent(msg.worker(), w -> new Partial())
        .add(msg);
    return this;
  }

  private Behavior<Command> onEnded(RunEnded msg) {
    Map<ActorRef<RunWorker.Command>, Partial> byWorker = partials.get(msg.run());
    Partial partial = byWorker == null ? null : byWorker.remove(msg.worker());
    if (byWorker != null && byWorker.isEmpty()) {
      partials.remove(msg.run());
    }
    if (dispatch == null || over) {
      return this;
    }
    if (partial == null) {
      partial = new Partial();
    }
    if (!partial.holds(msg.rows())) {
      // Rows went missing on the way (a connection dropped and came back): run it again.
      dispatch.retry(msg.worker(), msg.run());
    } else if (dispatch.ended(msg.worker(), msg.run())) {
      results.result(msg.run(), partial.result(msg));
    }
    dispatchRuns();
    return this;
  }

  private Behavior<Command> onNoMemberCameBack() {
    if (!over && dispatch.stranded()) {
      over = true;
      results.stranded("no member is left to carry out the sweep's runs ("
          + (lost.isEmpty() ? "none joined" : "lost: " + String.join(", ",
              lost.stream().map(Address::toString).toList()))
          + "), and none came back within " + strandedGrace.toSeconds() + " s; "
          + (orders.size() - dispatch.doneCount()) + " of " + orders.size()
          + " runs are not done");
    }
    return this;
  }

  private void dispatchRuns() {
    if (dispatch.finished()) {
      over = true;
      timers.cancel(NoMemberCameBack.INSTANCE);
      results.finished();
      return;
    }
    if (dispatch.stranded()) {
      if (!timers.isTimerActive(NoMemberCameBack.INSTANCE)) {
        timers.startSingleTimer(NoMemberCameBack.INSTANCE, strandedGrace);
      }
      return;
    }
    timers.cancel(NoMemberCameBack.INSTANCE);
    ActorRef<Command> self = getContext().getSelf();
    for (RunDispatch.Assignment<ActorRef<RunWorker.Command>> a : dispatch.assign()) {
      RunOrder order = orders.get(a.run());
      a.worker().tell(new RunWorker.RunAssigned(a.run(), order.experimentConfig(), order.seed(),
          self));
    }
  }

  /** The rows of one run from one worker, in order. */
  private static final class Partial {
    private final List<Double> times = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private boolean gap;

    void add(RunRows rows) {
      if (rows.firstRow() != times.size()) {
        gap = true;
        return;
      }
      for (int i = 0; i < rows.times().length; i++) {
        times.add(rows.times()[i]);
        values.add(rows.values()[i]);
      }
    }

    boolean holds(int rows) {
      return !gap && times.size() == rows;
    }

    RunResult result(RunEnded end) {
      double[] t = new double[times.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = times.get(i);
      }
      return new RunResult(end.entities(), t, values.toArray(new double[0][]), end.failure(),
          end.worker().path().address().toString());
    }
  }
}
