package org.patchstorm.actors.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.PartitionHosting;
import org.patchstorm.actors.engine.RunCoordinator;

/**
 * Partitions on cluster members: partition p lives on member {@code p % members}, members ordered
 * by address, as {@link org.patchstorm.core.engine.Placement} assumes. A watcher fails the run as
 * soon as a hosting member becomes unreachable or leaves, naming it.
 */
final class ClusterHosting implements PartitionHosting {
  private final List<ActorRef<PartitionHost.Command>> hosts;
  private final String experimentConfig;

  /** {@code hosts} in placement order. */
  ClusterHosting(List<ActorRef<PartitionHost.Command>> hosts, String experimentConfig) {
    this.hosts = List.copyOf(hosts);
    this.experimentConfig = experimentConfig;
  }

  @Override
  public void create(ActorContext<RunCoordinator.Command> coordinator, Partition.Plan plan) {
    List<Address> addresses = new ArrayList<>();
    for (ActorRef<PartitionHost.Command> host : hosts) {
      addresses.add(host.path().address());
    }
    coordinator.spawn(watch(addresses, coordinator.getSelf()), "member-watch");
    for (int h = 0; h < hosts.size(); h++) {
      List<Integer> indexes = new ArrayList<>();
      for (int p = h; p < plan.partitions(); p += hosts.size()) {
        indexes.add(p);
      }
      hosts.get(h).tell(new PartitionHost.HostPartitions(
          experimentConfig, plan.seed(), plan.partitions(), plan.endMicros(), plan.reportMicros(),
          plan.live(), hosts.size(), indexes, coordinator.getSelf()));
    }
  }

  @Override
  public void begin(List<ActorRef<Partition.Command>> partitions) {
    for (ActorRef<PartitionHost.Command> host : hosts) {
      host.tell(new PartitionHost.StartRun(partitions));
    }
  }

  @Override
  public void end(String failure) {
    for (ActorRef<PartitionHost.Command> host : hosts) {
      host.tell(new PartitionHost.EndRun(failure));
    }
  }

  private static Behavior<ClusterEvent.ClusterDomainEvent> watch(
      List<Address> members, ActorRef<RunCoordinator.Command> coordinator) {
    return Behaviors.setup(
        ctx -> {
          Cluster cluster = Cluster.get(ctx.getSystem());
          cluster.subscriptions().tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.UnreachableMember.class));
          cluster.subscriptions().tell(
              Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberRemoved.class));
          return Behaviors.receiveMessage(
              event -> {
                if (event instanceof ClusterEvent.UnreachableMember u
                    && members.contains(u.member().address())) {
                  coordinator.tell(new RunCoordinator.RunFailed("member " + u.member().address()
                      + " became unreachable (its JVM died, hangs, or its network failed)"));
                } else if (event instanceof ClusterEvent.MemberRemoved r
                    && members.contains(r.member().address())) {
                  coordinator.tell(new RunCoordinator.RunFailed(
                      "member " + r.member().address() + " left the cluster during the run"));
                }
                return Behaviors.same();
              });
        });
  }
}
