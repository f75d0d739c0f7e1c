package org.patchstorm.actors.engine;

import java.util.List;

/** What the coordinator reports as a run goes: used for results files and progress display. */
public interface RunListener {

  /** All partitions and entities exist; the virtual clock is about to start. */
  void setupDone(int entities);

  /** One reporting interval is complete; rows arrive in order. */
  void row(double timeSeconds, double[] values, long eventsDeliveredSoFar);

  /** Just before {@link #finished()}: events that crossed cluster members (0 in one JVM). */
  default void crossMemberEvents(long events) {}

  /** The run reached its end; every row has been reported. */
  void finished();

  /** The run cannot go on. */
  void failed(String reason);

}
