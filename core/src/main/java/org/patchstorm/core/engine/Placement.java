package org.patchstorm.core.engine;

/**
 * Where entities live: entity {@code id} belongs to partition {@code id % partitions}, so placement
 * depends only on the id and the partition count, on every member alike.
 */
public record Placement(int partitions) {

  public Placement {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
  }

  public int partitionOf(int entityId) {
    return entityId % partitions;
  }

  public int localIndex(int entityId) {
    return entityId / partitions;
  }

  /** How many of {@code entityCount} entities partition {@code p} hosts. */
  public int hostedBy(int p, int entityCount) {
    return entityCount / partitions + (p < entityCount % partitions ? 1 : 0);
  }

  public int entityAt(int p, int localIndex) {
    return localIndex * partitions + p;
  }
}
