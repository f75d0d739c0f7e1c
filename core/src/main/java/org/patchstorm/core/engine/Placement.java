package org.patchstorm.core.engine;

/**
 * Where entities live. Partition {@code p} runs on cluster member {@code p % members}.
 *
 * <p>Modular (one JVM, or a model with a single zone): entity {@code id} belongs to partition
 * {@code id % partitions}, which spreads every kind of entity evenly.
 *
 * <p>Zoned (several members): each zone (region) lives on one member ({@link ZoneSplit}), its
 * entities spread over that member's partitions in id order. A message between members then
 * crosses zones and takes at least the smallest latency between their zones, so members exchange
 * batches once per {@link #windowEpochs} epochs while a member's own partitions still meet every
 * epoch. Either way placement is a pure function of the model and the counts, the same on every
 * member, and it never changes results.
 */
public final class Placement {
  private final int partitions;
  private final int members;
  private final int windowEpochs;
  private final short[] partitionOf;  // null when modular
  private final int[] localIndex;
  private final int[][] hosted;

  private Placement(int partitions, int members, int windowEpochs, short[] partitionOf,
      int[] localIndex, int[][] hosted) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    this.partitions = partitions;
    this.members = members;
    this.windowEpochs = windowEpochs;
    this.partitionOf = partitionOf;
    this.localIndex = localIndex;
    this.hosted = hosted;
  }

  /** Entity {@code id} in partition {@code id % partitions}; members meet every epoch. */
  public static Placement modular(int partitions) {
    return new Placement(partitions, 1, 1, null, null, null);
  }

  /**
   * The placement of {@code model}'s entities on {@code partitions} partitions over {@code
   * members} members: zoned when that lets members meet less often than every epoch, else
   * modular.
   */
  public static Placement of(Model model, int partitions, int members) {
    if (members < 2 || partitions < members || partitions > Short.MAX_VALUE) {
      return modular(partitions);
    }
    int zones = model.zones();
    int entities = model.entityCount();
    long[] load = new long[zones];
    for (int id = 0; id < entities; id++) {
      load[model.zoneOf(id)]++;
    }
    long[][] latency = new long[zones][zones];
    for (int a = 0; a < zones; a++) {
      for (int b = 0; b < zones; b++) {
        latency[a][b] = model.zoneLatencyMicros(a, b);
      }
    }
    ZoneSplit split = ZoneSplit.choose(load, latency, members);
    long window = split == null ? 1 : split.crossMemberLatencyMicros() / model.lookaheadMicros();
    if (window < 2) {
      return modular(partitions);
    }
    short[] partitionOf = new short[entities];
    int[] localIndex = new int[entities];
    int[] hostedCount = new int[partitions];
    int[] placedOnMember = new int[members];
    int[] partitionsOfMember = new int[members];
    for (int p = 0; p < partitions; p++) {
      partitionsOfMember[p % members]++;
    }
    for (int id = 0; id < entities; id++) {
      int m = split.memberOfZone()[model.zoneOf(id)];
      int p = m + members * (placedOnMember[m]++ % partitionsOfMember[m]);
      partitionOf[id] = (short) p;
      localIndex[id] = hostedCount[p]++;
    }
    int[][] hosted = new int[partitions][];
    for (int p = 0; p < partitions; p++) {
      hosted[p] = new int[hostedCount[p]];
    }
    for (int id = 0; id < entities; id++) {
      hosted[partitionOf[id]][localIndex[id]] = id;
    }
    return new Placement(partitions, members, (int) Math.min(window, 1 << 12), partitionOf,
        localIndex, hosted);
  }

  public int partitions() {
    return partitions;
  }

  /**
   * Epochs between two exchanges across members: 1 (every epoch) unless zoned. Windows are
   * aligned: epochs {@code [w * windowEpochs, (w + 1) * windowEpochs)}.
   */
  public int windowEpochs() {
    return windowEpochs;
  }

  /** Whether partitions {@code a} and {@code b} run on the same member. */
  public boolean sameMember(int a, int b) {
    return a % members == b % members;
  }

  public int partitionOf(int entityId) {
    return partitionOf == null ? entityId % partitions : partitionOf[entityId];
  }

  public int localIndex(int entityId) {
    return localIndex == null ? entityId / partitions : localIndex[entityId];
  }

  /** How many of {@code entityCount} entities partition {@code p} hosts. */
  public int hostedBy(int p, int entityCount) {
    if (hosted != null) {
      if (entityCount != localIndex.length) {
        throw new IllegalArgumentException(
            "placed " + localIndex.length + " entities, asked for " + entityCount);
      }
      return hosted[p].length;
    }
    return entityCount / partitions + (p < entityCount % partitions ? 1 : 0);
  }

  public int entityAt(int p, int localIndex) {
    return hosted == null ? localIndex * partitions + p : hosted[p][localIndex];
  }
}
