package org.patchstorm.actors.bench;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import com.typesafe.config.Config;

/**
 * Measures plain Pekko typed tells on this machine, now: the same number of actors as the
 * benchmarked run, each forwarding every message it gets to a random one of its out-neighbours.
 * The benchmark divides its own rate by this one, so the ratio holds on a noisy machine. Wall
 * time is the quantity measured here; nothing of it reaches a run's results.
 */
public final class RawTellCalibration {

  /** Tokens circulating at once: enough to keep every core busy. */
  private static final int TOKENS = 10_000;

  private RawTellCalibration() {}

  /** Returns messages per wall second over {@code seconds} after a short warm-up. */
  public static double measure(int actors, int outDegree, double seconds, Config config) {
    LongAdder delivered = new LongAdder();
    AtomicReferenceArray<ActorRef<Token>> refs = new AtomicReferenceArray<>(actors);
    // Counted down by each actor's constructor (spawning returns before the actors have started,
    // and starting a million of them must not fall inside the measured window) and once by the
    // guardian after it has stored every ref (an actor may start before its own ref is stored).
    CountDownLatch started = new CountDownLatch(actors + 1);
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                ctx -> {
                  SplittableRandom random = new SplittableRandom(42);
                  for (int i = 0; i < actors; i++) {
                    int[] neighbours = new int[outDegree];
                    for (int k = 0; k < outDegree; k++) {
                      neighbours[k] = random.nextInt(actors);
                    }
                    refs.set(
                        i,
                        ctx.spawnAnonymous(
                            Forwarder.create(neighbours, refs, delivered, i, started)));
                  }
                  started.countDown();
                  return Behaviors.empty();
                }),
            "calibration",
            config);
    try {
      started.await();
      SplittableRandom random = new SplittableRandom(7);
      for (int t = 0; t < Math.min(TOKENS, actors); t++) {
        refs.get(random.nextInt(actors)).tell(Token.INSTANCE);
      }
      Thread.sleep((long) (seconds * 250)); // warm-up
      long before = delivered.sum();
      long start = System.nanoTime();
      Thread.sleep((long) (seconds * 1000));
      long count = delivered.sum() - before;
      double elapsed = (System.nanoTime() - start) / 1e9;
      return count / elapsed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Measurement is done; a slow shutdown changes nothing.
      }
    }
  }

  enum Token { INSTANCE }

  static final class Forwarder extends AbstractBehavior<Token> {
    private final int[] neighbours;
    private final AtomicReferenceArray<ActorRef<Token>> refs;
    private final LongAdder delivered;
    private final SplittableRandom random;

    static Behavior<Token> create(
        int[] neighbours,
        AtomicReferenceArray<ActorRef<Token>> refs,
        LongAdder delivered,
        int id,
        CountDownLatch started) {
      return Behaviors.setup(
          ctx -> {
            started.countDown();
            return new Forwarder(ctx, neighbours, refs, delivered, id);
          });
    }

    private Forwarder(
        ActorContext<Token> context,
        int[] neighbours,
        AtomicReferenceArray<ActorRef<Token>> refs,
        LongAdder delivered,
        int id) {
      super(context);
      this.neighbours = neighbours;
      this.refs = refs;
      this.delivered = delivered;
      this.random = new SplittableRandom(id);
    }

    @Override
    public Receive<Token> createReceive() {
      return newReceiveBuilder()
          .onMessageEquals(
              Token.INSTANCE,
              () -> {
                delivered.increment();
                refs.get(neighbours[random.nextInt(neighbours.length)]).tell(Token.INSTANCE);
                return this;
              })
          .build();
    }
  }
}
