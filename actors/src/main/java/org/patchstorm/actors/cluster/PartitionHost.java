package org.patchstorm.actors.cluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.patchstorm.actors.engine.ControlMessage;
import org.patchstorm.actors.engine.HeapWatch;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunCoordinator;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.engine.Placement;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.MemoryEstimate;

/**
 * The guardian of a member JVM: registered with the receptionist so runners find it, it hosts the
 * partitions a run's coordinator gives it, connects them once all exist, and stops them when the
 * run ends. It ends the JVM when a run fails or the runner is lost mid-run (the cluster is then
 * damaged; a fresh member is the safe state), and, with {@code once}, after its first run.
 */
public final class PartitionHost extends AbstractBehavior<PartitionHost.Command> {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "patchstorm-host");

  public interface Command {}

  /** Host these partitions of a run; the model is rebuilt here from the resolved experiment. */
  public record HostPartitions(
      String experimentConfig,
      long seed,
      int partitions,
      long endMicros,
      long reportMicros,
      boolean live,
      int members,
      List<Integer> indexes,
      ActorRef<RunCoordinator.Command> coordinator)
      implements Command, ControlMessage {}

  /** Every partition of the run is ready: here they all are, in index order. */
  public record StartRun(List<ActorRef<Partition.Command>> partitions)
      implements Command, ControlMessage {}

  /** The run ended; {@code failure} is null when it completed. */
  public record EndRun(String failure) implements Command, ControlMessage {}

  private record ClusterChange(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private final CompletableFuture<Integer> exitCode;
  private final PrintStream err;
  private final boolean once;
  private final TreeMap<Integer, ActorRef<Partition.Command>> hosted = new TreeMap<>();
  private PayloadCodec codec;
  private Address runner;
  private int runs;

  public static Behavior<Command> create(
      CompletableFuture<Integer> exitCode, PrintStream err, boolean once) {
    return Behaviors.setup(ctx -> new PartitionHost(ctx, exitCode, err, once));
  }

  private PartitionHost(
      ActorContext<Command> context,
      CompletableFuture<Integer> exitCode,
      PrintStream err,
      boolean once) {
    super(context);
    this.exitCode = exitCode;
    this.err = err;
    this.once = once;
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
    ActorRef<ClusterEvent.ClusterDomainEvent> events =
        context.messageAdapter(ClusterEvent.ClusterDomainEvent.class, ClusterChange::new);
    Cluster cluster = Cluster.get(context.getSystem());
    cluster.subscriptions().tell(Subscribe.create(events.narrow(), ClusterEvent.UnreachableMember.class));
    cluster.subscriptions().tell(Subscribe.create(events.narrow(), ClusterEvent.MemberRemoved.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(HostPartitions.class, this::onHost)
        .onMessage(StartRun.class, this::onStart)
        .onMessage(EndRun.class, this::onEnd)
        .onMessage(ClusterChange.class, this::onClusterChange)
        .build();
  }

  private Behavior<Command> onHost(HostPartitions msg) {
    stopPartitions();
    runs++;
    runner = msg.coordinator().path().address();
    Experiment experiment;
    try {
      experiment = ResolvedExperiment.read(msg.experimentConfig(), msg.seed());
    } catch (RuntimeException e) {
      msg.coordinator().tell(new RunCoordinator.RunFailed(
          "member " + selfAddress() + " cannot build the experiment: " + e.getMessage()));
      return this;
    }
    codec = experiment.model().codec();
    Partition.Plan plan =
        new Partition.Plan(
            experiment.model(), msg.seed(), msg.partitions(), msg.endMicros(), msg.reportMicros(),
            experiment.hosting(), msg.live(), msg.members());
    Placement placement = plan.placement();
    long entities = 0;
    for (int index : msg.indexes()) {
      entities += placement.hostedBy(index, experiment.model().entityCount());
    }
    // Before any partition exists: a share too large would run for a while, then run out.
    String refusal = MemoryEstimate.shareRefusal(experiment, entities,
        HeapWatch.longLivedCapacity(), Runtime.getRuntime().maxMemory());
    if (refusal != null) {
      msg.coordinator().tell(new RunCoordinator.RunFailed("not enough memory on member "
          + selfAddress() + " for its partitions " + msg.indexes() + ": " + refusal));
      return this;
    }
    for (int index : msg.indexes()) {
      hosted.put(
          index,
          getContext().spawn(
              Partition.create(plan, placement, index, msg.coordinator()), "run" + runs + "-partition-" + index));
    }
    return this;
  }

  private Behavior<Command> onStart(StartRun msg) {
    for (var entry : hosted.entrySet()) {
      entry.getValue().tell(new Partition.Begin(
          new ClusterExchange(msg.partitions(), codec, ClusterExchange.DEFAULT_CHUNK_BYTES)));
    }
    return this;
  }

  private Behavior<Command> onEnd(EndRun msg) {
    stopPartitions();
    runner = null;
    if (msg.failure() != null) {
      err.println("Member " + selfAddress() + ": the run failed (" + msg.failure()
          + "); this member stops.");
      return exit(1);
    }
    return once ? exit(0) : this;
  }

  private Behavior<Command> onClusterChange(ClusterChange change) {
    Address lost = null;
    if (change.event() instanceof ClusterEvent.UnreachableMember u) {
      lost = u.member().address();
    } else if (change.event() instanceof ClusterEvent.MemberRemoved r) {
      lost = r.member().address();
    }
    if (lost == null) {
      return this;
    }
    if (lost.equals(selfAddress())) {
      err.println("Member " + selfAddress() + " was removed from the cluster; it stops.");
      return exit(1);
    }
    if (lost.equals(runner)) {
      stopPartitions();
      err.println("Member " + selfAddress() + ": the runner at " + lost
          + " was lost during a run; this member stops.");
      return exit(1);
    }
    return this;
  }

  private void stopPartitions() {
    for (ActorRef<Partition.Command> p : new ArrayList<>(hosted.values())) {
      getContext().stop(p);
    }
    hosted.clear();
  }

  /** The member's main thread then shuts the system down, leaving the cluster gracefully. */
  private Behavior<Command> exit(int code) {
    exitCode.complete(code);
    return Behaviors.ignore();
  }

  private Address selfAddress() {
    return Cluster.get(getContext().getSystem()).selfMember().address();
  }
}
