package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.MetricsSchema;

/**
 * A runnable model: its entities, their metrics and their wire format. Built from a validated
 * experiment; immutable and identical on every member of a cluster.
 */
public interface Model {

  /** Entities are numbered 0..entityCount()-1. */
  int entityCount();

  /** The smallest latency any send uses; bounds an epoch. */
  long lookaheadMicros();

  MetricsSchema schema();

  EntityFactory factory();

  PayloadCodec codec();

  /**
   * Zones (regions) the entities live in, for placing them on cluster members: a message from
   * zone a to zone b never takes less than {@link #zoneLatencyMicros}. One zone by default.
   */
  default int zones() {
    return 1;
  }

  default int zoneOf(int entityId) {
    return 0;
  }

  /** The smallest latency of any message from zone {@code from} to zone {@code to}. */
  default long zoneLatencyMicros(int from, int to) {
    return lookaheadMicros();
  }

  /** How the model takes events injected while it runs, or null if it takes none. */
  default Injections injections() {
    return null;
  }
}
