package org.patchstorm.actors.engine;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs an experiment in this JVM on a fresh actor system and waits for it to end. The listener is
 * called from the coordinator; the returned outcome says whether the run completed.
 */
public final class LocalRun {

  /** How a run ended; {@code failure} is null when it completed. */
  public record Outcome(String failure) {
    public boolean completed() {
      return failure == null;
    }
  }

  private LocalRun() {}

  public static Outcome run(Partition.Plan plan, RunListener listener, Config pekkoConfig) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    RunListener tracking = tracking(listener, outcome);
    ActorSystem<RunCoordinator.Command> system =
        ActorSystem.create(RunCoordinator.create(plan, tracking), "patchstorm", pekkoConfig);
    try {
      system.getWhenTerminated().toCompletableFuture().get();
      return outcome.getNow(new Outcome("the actor system stopped before the run ended"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      return new Outcome("interrupted");
    } catch (ExecutionException e) {
      return new Outcome("the actor system failed: " + e.getCause());
    }
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
          public void crossMemberEvents(long events) {
            listener.crossMemberEvents(events);
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
