package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunCoordinator;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.actors.engine.RunTarget;

/**
 * The runner's side of a cluster: this JVM joins (with the runner role, hosting no partitions),
 * waits until the wanted number of members have registered their partition hosts, then runs the
 * coordinator here with the partitions on those members.
 */
public final class ClusterSession implements RunTarget {

  interface Command {}

  private record Hosts(Receptionist.Listing listing) implements Command {}

  private record Run(
      Partition.Plan plan,
      RunListener listener,
      List<ActorRef<PartitionHost.Command>> hosts,
      String experimentConfig,
      CompletableFuture<LocalRun.Outcome> outcome)
      implements Command {}

  /** The run's coordinator has stopped, at the end of its run or before. */
  private record CoordinatorStopped(
      RunListener listener, CompletableFuture<LocalRun.Outcome> outcome) implements Command {}

  private static final Comparator<Address> BY_ADDRESS =
      Comparator.<Address, String>comparing(a -> a.getHost().orElse(""))
          .thenComparing(a -> a.getPort().orElse(0));

  private final ActorSystem<Command> system;
  private final ClusterOptions options;
  private final String experimentConfig;
  private final CompletableFuture<List<ActorRef<PartitionHost.Command>>> hostsFound =
      new CompletableFuture<>();
  private final int wanted;
  private List<ActorRef<PartitionHost.Command>> hosts;

  /** Starts this JVM as a runner and asks to join; call {@link #awaitMembers} next. */
  public static ClusterSession start(
      ClusterOptions options, int members, Config base, String experimentConfig) {
    return new ClusterSession(options, members, base, experimentConfig);
  }

  private ClusterSession(ClusterOptions options, int members, Config base, String experimentConfig) {
    this.options = options;
    this.wanted = members;
    this.experimentConfig = experimentConfig;
    this.system =
        ClusterSystems.startAndJoin(guardian(), options, ClusterConfig.ROLE_RUNNER, base);
  }

  /** Where this runner listens (its port is known once started, also when bound to port 0). */
  public Address address() {
    return Cluster.get(system).selfMember().address();
  }

  private Behavior<Command> guardian() {
    return Behaviors.setup(
        ctx -> {
          ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, Hosts::new);
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(PartitionHost.KEY, listings));
          return Behaviors.receive(Command.class)
              .onMessage(Hosts.class, h -> {
                List<ActorRef<PartitionHost.Command>> found =
                    new ArrayList<>(h.listing().getServiceInstances(PartitionHost.KEY));
                found.sort(Comparator.comparing(r -> r.path().address(), BY_ADDRESS));
                if (found.size() >= wanted && !hostsFound.isDone()) {
                  hostsFound.complete(List.copyOf(found.subList(0, wanted)));
                }
                return Behaviors.same();
              })
              .onMessage(Run.class, run -> {
                // Watched: a coordinator that dies before the run ends must still end it, or the
                // runner would wait for an outcome forever.
                ctx.watchWith(
                    ctx.spawn(RunCoordinator.create(run.plan(), run.listener(),
                        new ClusterHosting(run.hosts(), run.experimentConfig())), "coordinator"),
                    new CoordinatorStopped(run.listener(), run.outcome()));
                return Behaviors.same();
              })
              .onMessage(CoordinatorStopped.class, stopped -> {
                if (!stopped.outcome().isDone()) {
                  stopped.listener().failed(
                      "the run's coordinator stopped before the run ended (see the log above)");
                }
                return Behaviors.same();
              })
              .build();
        });
  }

  /**
   * Waits until this runner has joined and {@code members} members have registered, each within
   * the join timeout; a clear problem otherwise.
   */
  public void awaitMembers() {
    hosts = ClusterSystems.awaitMembers(system, options, hostsFound, wanted);
  }

  @Override
  public List<String> members() {
    List<String> names = new ArrayList<>();
    for (ActorRef<PartitionHost.Command> host : hosts) {
      names.add(host.path().address().toString());
    }
    return names;
  }

  @Override
  public boolean distributed() {
    return true;
  }

  @Override
  public LocalRun.Outcome run(Partition.Plan plan, RunListener listener) {
    CompletableFuture<LocalRun.Outcome> outcome = new CompletableFuture<>();
    system.tell(new Run(plan.onMembers(hosts.size()), LocalRun.tracking(listener, outcome), hosts,
        experimentConfig, outcome));
    try {
      CompletableFuture.anyOf(outcome, system.getWhenTerminated().toCompletableFuture()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LocalRun.Outcome("interrupted");
    } catch (ExecutionException e) {
      return new LocalRun.Outcome("the runner's actor system failed: " + e.getCause());
    }
    return outcome.getNow(new LocalRun.Outcome(
        "the runner left the cluster before the run ended (it was downed or shut down)"));
  }

  @Override
  public void close() {
    ClusterSystems.stop(system);
  }
}
