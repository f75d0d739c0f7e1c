package org.patchstorm.actors.engine;

import com.typesafe.config.Config;
import java.util.List;

/** Where runs execute: this JVM, or the members of a cluster this JVM has joined. */
public interface RunTarget extends AutoCloseable {

  /** Who runs the partitions, for the manifest: {@code local} or the members' addresses. */
  List<String> members();

  /** Runs to the end (or failure) and says how it ended. */
  LocalRun.Outcome run(Partition.Plan plan, RunListener listener);

  /** True when batches cross JVMs, so cross-member figures mean something. */
  default boolean distributed() {
    return false;
  }

  /** Releases the target (leaves the cluster, stops the members it started). */
  @Override
  default void close() {}

  /** Runs in this JVM on a fresh actor system with {@code pekkoConfig}. */
  static RunTarget local(Config pekkoConfig) {
    return new RunTarget() {
      @Override
      public List<String> members() {
        return List.of("local");
      }

      @Override
      public LocalRun.Outcome run(Partition.Plan plan, RunListener listener) {
        return LocalRun.run(plan, listener, pekkoConfig);
      }
    };
  }
}
