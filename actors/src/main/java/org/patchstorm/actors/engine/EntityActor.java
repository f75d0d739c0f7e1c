package org.patchstorm.actors.engine;

import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.HostedEntity;

/**
 * One entity (a peer or supernode, a login server, a bot) as an actor of its own, a child of its
 * partition, holding the entity and so its neighbour state (host cache, current supernode, its
 * clients). The partition keeps the clock: it starts the entity and hands it its due events once
 * per busy epoch. Every request is answered with a {@link Reply} carrying the {@code turn} it came
 * with; what the entity sends and records, and its gauges if it has any, travel in the reply, and
 * the partition merges the replies in entity-id order.
 */
public final class EntityActor extends AbstractBehavior<EntityActor.Command> {

  public interface Command {}

  /** Start the entity at virtual time 0; its own timers before {@code epochEnd} run too. */
  public record Start(int turn, long epochEnd) implements Command {}

  /**
   * Run events {@code [from, to)} of {@code due} (this entity's, in canonical order) of {@code
   * epoch}. {@code due} is shared, read-only, by the partition's busy entities of the epoch.
   */
  public record RunEpoch(int turn, EventBuffer due, int from, int to, long epoch, long epochEnd)
      implements Command {}

  /** An answer to the partition, which tells the requests of one step apart by {@code turn}. */
  public interface Reply extends Partition.Command {
    int turn();
  }

  /** The start or the epoch ran: its sends, metrics, sampling wish and gauges. */
  public record Ran(int turn, HostedEntity.Turn result) implements Reply {}

  /** The entity threw; {@code reason} names it and the virtual time. The run cannot go on. */
  public record Failed(int turn, String reason) implements Reply {}

  private final HostedEntity entity;
  private final ActorRef<Reply> partition;

  public static Behavior<Command> create(HostedEntity entity, ActorRef<Reply> partition) {
    return Behaviors.setup(ctx -> new EntityActor(ctx, entity, partition));
  }

  private EntityActor(
      ActorContext<Command> context, HostedEntity entity, ActorRef<Reply> partition) {
    super(context);
    this.entity = entity;
    this.partition = partition;
  }

  /** The actor's name: the entity's kind and id, e.g. {@code peer-17} or {@code login-server-3}. */
  public static String name(HostedEntity entity) {
    String kind = entity.entity().getClass().getSimpleName().replaceFirst("Entity$", "");
    if (kind.isEmpty()) {
      kind = "entity";
    }
    return kind.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + "-" + entity.id();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RunEpoch.class, this::onRunEpoch)
        .onMessage(Start.class, this::onStart)
        .build();
  }

  // Failures are answered, not thrown: the partition reports them (entity id, virtual time) and
  // ends the run cleanly, as when the entity runs inside it.

  private Behavior<Command> onRunEpoch(RunEpoch run) {
    try {
      partition.tell(new Ran(run.turn(),
          entity.run(run.due(), run.from(), run.to(), run.epoch(), run.epochEnd())));
    } catch (RuntimeException | Error e) {
      partition.tell(new Failed(run.turn(), e.getMessage()));
    }
    return this;
  }

  private Behavior<Command> onStart(Start start) {
    try {
      partition.tell(new Ran(start.turn(), entity.start(start.epochEnd())));
    } catch (RuntimeException | Error e) {
      partition.tell(new Failed(start.turn(), e.getMessage()));
    }
    return this;
  }
}
