package org.patchstorm.actors.engine;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.patchstorm.core.engine.Placement;

/**
 * Where a run's partitions live: as children of the coordinator in one JVM, or on the members of
 * a cluster. The coordinator itself is the same either way.
 */
public interface PartitionHosting {

  /** Creates every partition; each tells the coordinator {@link RunCoordinator.PartitionReady}. */
  void create(ActorContext<RunCoordinator.Command> coordinator, Partition.Plan plan);

  /** Every partition is ready: connect them and start the clock. */
  void begin(List<ActorRef<Partition.Command>> partitions);

  /** The run ended; {@code failure} is null when it completed. Releases whatever create made. */
  void end(String failure);

  /** Partitions as children of the coordinator, exchanging batches as plain tells. */
  static PartitionHosting local() {
    return new PartitionHosting() {
      @Override
      public void create(ActorContext<RunCoordinator.Command> context, Partition.Plan plan) {
        Placement placement = plan.placement();
        for (int p = 0; p < plan.partitions(); p++) {
          // Watched: a partition that dies (a bug, out of memory) must end the run, not hang it.
          context.watch(
              context.spawn(Partition.create(plan, placement, p, context.getSelf()), "partition-" + p));
        }
      }

      @Override
      public void begin(List<ActorRef<Partition.Command>> partitions) {
        LocalExchange exchange = new LocalExchange(partitions);
        for (ActorRef<Partition.Command> p : partitions) {
          p.tell(new Partition.Begin(exchange));
        }
      }

      @Override
      public void end(String failure) {}
    };
  }
}
