package org.patchstorm.core.engine;

import java.util.random.RandomGenerator;

/**
 * An entity together with what the runtime keeps for it: its id, its random stream and the
 * sequence number of its next send (which orders simultaneous messages from one sender).
 */
public final class EntitySlot {
  final int id;
  final Entity entity;
  final RandomGenerator random;
  long nextSeq;

  private EntitySlot(int id, Entity entity, RandomGenerator random) {
    this.id = id;
    this.entity = entity;
    this.random = random;
  }

  /** Creates entity {@code id} with its own stream derived from (seed, id). */
  public static EntitySlot create(EntityFactory factory, int id, long seed) {
    RandomGenerator random = streamFor(seed, id);
    return new EntitySlot(id, factory.create(id, random), random);
  }

  /**
   * The stream of entity {@code id}: a SplitMix64 generator whose seed mixes the experiment seed
   * and the id, so streams do not depend on creation order or placement.
   */
  public static RandomGenerator streamFor(long seed, int id) {
    return new SplitMix64(mix(seed * 0x9E3779B97F4A7C15L + id));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public int id() {
    return id;
  }

  public Entity entity() {
    return entity;
  }
}
