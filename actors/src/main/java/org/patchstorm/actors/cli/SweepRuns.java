package org.patchstorm.actors.cli;

import java.util.List;
import java.util.function.BiConsumer;
import org.patchstorm.actors.engine.RunTarget;

/** Where a sweep's runs are carried out: in this JVM, or on cluster members. */
interface SweepRuns extends AutoCloseable {

  /** How the runs go, for the sweep's first line, e.g. "2 at a time in this JVM". */
  String describe();

  /**
   * Carries out every task and hands each run to {@code write} with the target that gives its
   * metrics, which writes its results folder; returns once every run is written. {@code write}
   * may be called from several threads at once.
   *
   * @throws Stranded when no cluster member is left for the runs still to do
   */
  void carryOut(List<SweepRunner.Task> tasks, BiConsumer<SweepRunner.Task, RunTarget> write);

  @Override
  default void close() {}

  /** No member is left to carry out the runs still to do; the message says so in a sentence. */
  final class Stranded extends RuntimeException {
    Stranded(String message) {
      super(message);
    }
  }
}
