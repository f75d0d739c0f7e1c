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

  /** How the model takes events injected while it runs, or null if it takes none. */
  default Injections injections() {
    return null;
  }
}
