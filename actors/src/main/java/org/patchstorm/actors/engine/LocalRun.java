package org.patchstorm.actors.engine;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs an experiment in this JVM on a fresh actor system and waits for it to end. The listener is
 * called from the coordinator; the returned outcome says whether the run completed.
 */
public final class LocalRun {
  /**
   * How long an actor system that has begun to stop (the run ended, or a fatal error such as an
   * OutOfMemoryError outside the run's actors made Pekko shut it down) may take to terminate. A
   * system starved of heap may never finish: its scheduler thread can die of the same error.
   */
  static final long TERMINATION_GRACE_SECONDS = 15;
  private static final String STOPPED_EARLY = "the actor system stopped before the run ended";

  /** How a run ended; {@code failure} is null when it completed. */
  public record Outcome(String failure) {
    public boolean completed() {
      return failure == null;
    }
  }

  private LocalRun() {}

  public static Outcome run(Partition.Plan plan, RunListener listener, Config pekkoConfig) {
    MemoryReserve.hold();
    HeapWatch.exhausted(); // loaded now, not first when the heap is full
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    RunListener tracking = tracking(listener, outcome);
    ActorSystem<RunCoordinator.Command> system =
        ActorSystem.create(RunCoordinator.create(plan, tracking), "patchstorm", pekkoConfig);
    try {
      return awaitEnd(system, outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      return new Outcome("interrupted");
    } catch (ExecutionException e) {
      return new Outcome("the actor system failed: " + e.getCause());
    }
  }

  /**
   * Waits for the system to terminate, or, once it has begun to stop, at most the grace period;
   * a system that stopped without the run's outcome says why as best the heap can tell.
   */
  private static Outcome awaitEnd(ActorSystem<?> system, CompletableFuture<Outcome> outcome)
      throws InterruptedException, ExecutionException {
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    long stoppingSince = 0;
    while (true) {
      try {
        terminated.get(1, TimeUnit.SECONDS);
        return outcome.getNow(new Outcome(stoppedEarly()));
      } catch (TimeoutException stillRunning) {
        boolean stopping = outcome.isDone()
            || CoordinatedShutdown.get(system).getShutdownReason().isPresent();
        if (!stopping) {
          continue;
        }
        long now = System.nanoTime();
        if (stoppingSince == 0) {
          stoppingSince = now;
        } else if (now - stoppingSince > TimeUnit.SECONDS.toNanos(TERMINATION_GRACE_SECONDS)) {
          // Leave it: the caller writes what happened and the process exits.
          MemoryReserve.release();
          return outcome.getNow(new Outcome(stoppedEarly()));
        }
      }
    }
  }

  /** Why a system stopped without an outcome: the heap if it is exhausted (the usual cause). */
  private static String stoppedEarly() {
    String heap = HeapWatch.exhausted();
    return heap == null ? STOPPED_EARLY : heap + "; " + STOPPED_EARLY;
  }

  /** Passes everything on to {@code listener} and completes {@code outcome} when the run ends. */
  public static RunListener tracking(RunListener listener, CompletableFuture<Outcome> outcome) {
    return new RunListener() {
          @Override
          public void setupDone(int entities) {
            listener.setupDone(entities);
          }

          @Override
          public void row(double timeSeconds, double[] values, long eventsDeliveredSoFar) {
            listener.row(timeSeconds, values, eventsDeliveredSoFar);
          }

          @Override
          public void roundStats(RoundStats stats) {
            listener.roundStats(stats);
          }

          @Override
          public void steering(
              org.apache.pekko.actor.typed.ActorRef<RunCoordinator.Command> coordinator) {
            listener.steering(coordinator);
          }

          @Override
          public void injected(long atMicros, String label, String timelineEntry) {
            listener.injected(atMicros, label, timelineEntry);
          }

          @Override
          public void finished() {
            listener.finished();
            outcome.complete(new Outcome(null));
          }

          @Override
          public void failed(String reason) {
            listener.failed(reason);
            outcome.complete(new Outcome(reason));
          }
        };
  }
}
