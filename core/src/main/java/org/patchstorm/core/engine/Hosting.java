package org.patchstorm.core.engine;

/**
 * Where entities run, which never changes the results: inside their partition, one after another
 * (fast, the default), or each as an actor of its own, a child of its partition (the design
 * card's shape). The key {@code patchstorm.experiment.hosting} names one.
 */
public enum Hosting {
  PARTITIONED,
  ACTOR_PER_ENTITY
}
