package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.MetricsSink;

/**
 * An entity whose state is sampled at every reporting boundary, when all entities are idle: used
 * for gauges that are not running sums, such as the clients of each supernode (mean and max over
 * supernodes). Sampling must not change the entity's state.
 */
public interface Sampled {
  void sample(MetricsSink sink);
}
