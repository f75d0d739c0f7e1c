package org.patchstorm.core.engine;

import java.util.random.RandomGenerator;

/**
 * An entity together with what the runtime keeps for it: its id, its random stream and the
 * sequence number of its next send (which orders simultaneous messages from one sender). The slot
 * is the stream itself (the same numbers as {@link #streamFor}): one object less per entity, 16
 * bytes.
 */
public final class EntitySlot extends SplitMix64 {
  final int id;
  final Entity entity;
  long nextSeq;

  private EntitySlot(EntityFactory factory, int id, long seed) {
    super(streamSeed(seed, id));
    this.id = id;
    this.entity = factory.create(id, this);
  }

  /** Creates entity {@code id} with its own stream derived from (seed, id). */
  public static EntitySlot create(EntityFactory factory, int id, long seed) {
    return new EntitySlot(factory, id, seed);
  }

  /**
   * The stream of entity {@code id}: a SplitMix64 generator whose seed mixes the experiment seed
   * and the id, so streams do not depend on creation order or placement.
   */
  public static RandomGenerator streamFor(long seed, int id) {
    return new SplitMix64(streamSeed(seed, id));
  }

  private static long streamSeed(long seed, int id) {
    return mix(seed * 0x9E3779B97F4A7C15L + id);
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
