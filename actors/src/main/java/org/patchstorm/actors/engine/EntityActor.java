package org.patchstorm.actors.engine;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.patchstorm.core.engine.EntitySlot;
import org.patchstorm.core.engine.EpochExecution;

/**
 * One emulated node (peer, supernode, login server, ...) as an actor. It holds its entity's state
 * and runs the entity through each epoch in which it has events; the protocol logic itself lives in
 * core. It tells the shared countdown when done so the partition learns the epoch is over.
 */
public final class EntityActor extends AbstractBehavior<EntityActor.Command> {

  public interface Command {}

  /** Run this entity's events of the epoch, then count down. */
  public record Deliver(EpochExecution execution, EpochCountdown countdown) implements Command {}

  private final EntitySlot slot;

  public static Behavior<Command> create(EntitySlot slot) {
    return Behaviors.setup(ctx -> new EntityActor(ctx, slot));
  }

  private EntityActor(ActorContext<Command> context, EntitySlot slot) {
    super(context);
    this.slot = slot;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Deliver.class, this::onDeliver).build();
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    if (deliver.execution().slot() != slot) {
      throw new IllegalStateException("delivery for entity " + deliver.execution().slot().id()
          + " reached entity " + slot.id());
    }
    try {
      deliver.execution().run();
      deliver.countdown().done();
    } catch (RuntimeException | Error e) {
      // The run cannot go on without this entity; say which one failed and when, then stop.
      // Errors too (an AssertionError, a StackOverflowError from runaway recursion): left to the
      // supervisor they would stop this actor silently and the epoch would never end.
      deliver.countdown().failed(slot.id(), e);
    }
    return this;
  }
}
