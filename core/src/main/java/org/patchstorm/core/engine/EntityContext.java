package org.patchstorm.core.engine;

import java.util.random.RandomGenerator;
import org.patchstorm.core.metrics.MetricsSink;

/** What an entity may do: read the clock, send, set timers, draw randomness, count. */
public interface EntityContext {

  /** Current virtual time in microseconds. */
  long now();

  /** This entity's id. */
  int self();

  /**
   * Sends a message that arrives after {@code latencyMicros} of virtual time. The latency must
   * be at least the experiment's lookahead (the smallest link latency), which is what lets
   * partitions run an epoch without waiting for each other.
   */
  void send(int target, Object message, long latencyMicros);

  /** Delivers {@code message} to this entity itself after {@code delayMicros} (>= 0). */
  void schedule(long delayMicros, Object message);

  /** This entity's own random stream, derived from (experiment seed, entity id). */
  RandomGenerator random();

  /** Exact counters and histograms, snapshotted at reporting boundaries. */
  MetricsSink metrics();

  /**
   * Whether a {@link Sampled} entity is sampled at the coming reporting boundaries (it is from the
   * start). One with nothing to report most of the time, such as a peer that is not a supernode,
   * turns it off to spare its partition a visit at every boundary.
   */
  void sampled(boolean on);
}
