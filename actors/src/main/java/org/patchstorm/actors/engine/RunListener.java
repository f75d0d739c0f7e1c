package org.patchstorm.actors.engine;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What the coordinator reports as a run goes: used for results files and progress display. */
public interface RunListener {

  /** All partitions and entities exist; the virtual clock is about to start. */
  void setupDone(int entities);

  /** One reporting interval is complete; rows arrive in order. */
  void row(double timeSeconds, double[] values, long eventsDeliveredSoFar);

  /** Just before {@link #finished()}: what the rounds cost, over all partitions. */
  default void roundStats(RoundStats stats) {}

  /** The run reached its end; every row has been reported. */
  void finished();

  /** The run cannot go on. */
  void failed(String reason);

  /**
   * A live run's coordinator exists: live commands ({@link RunCoordinator.Inject}, {@link
   * RunCoordinator.Pause}, ...) go to it. Called from the coordinator, before it begins.
   */
  default void steering(ActorRef<RunCoordinator.Command> coordinator) {}

  /**
   * A live run accepted an injected event taking effect at {@code atMicros}: keep it in the run's
   * record before it takes effect. Throwing refuses the event.
   */
  default void injected(long atMicros, String label, String timelineEntry) {}

}
