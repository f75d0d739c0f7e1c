package org.patchstorm.actors.engine;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Turns an OutOfMemoryError in an actor of the run (while it starts or handles a message) into a
 * failed run with that cause. Pekko would otherwise treat the error as fatal and end the JVM
 * (or the actor system) with nothing but a stack trace to say why.
 */
final class OutOfMemoryGuard<T> extends BehaviorInterceptor<T, T> {
  private final Consumer<String> onOutOfMemory;

  private OutOfMemoryGuard(Class<T> type, Consumer<String> onOutOfMemory) {
    super(type);
    this.onOutOfMemory = onOutOfMemory;
  }

  /** {@code behavior}, which reports an OutOfMemoryError's description to {@code onOutOfMemory} and stops. */
  static <T> Behavior<T> guard(Class<T> type, Behavior<T> behavior, Consumer<String> onOutOfMemory) {
    return Behaviors.intercept(() -> new OutOfMemoryGuard<>(type, onOutOfMemory), behavior);
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    try {
      return target.start(ctx);
    } catch (OutOfMemoryError e) {
      return report(e);
    }
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    try {
      return target.apply(ctx, msg);
    } catch (OutOfMemoryError e) {
      return report(e);
    }
  }

  private Behavior<T> report(OutOfMemoryError e) {
    MemoryReserve.release();
    onOutOfMemory.accept(e.toString());
    return Behaviors.stopped();
  }
}
