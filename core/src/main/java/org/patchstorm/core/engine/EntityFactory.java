package org.patchstorm.core.engine;

import java.util.random.RandomGenerator;

/**
 * Builds the entity with a given id. Called once per entity on the member that hosts it; it must
 * depend only on the id, the experiment and the stream it is given, never on where it runs.
 */
@FunctionalInterface
public interface EntityFactory {
  Entity create(int id, RandomGenerator random);
}
