package org.patchstorm.actors.engine;

/**
 * The one narrow way partitions reach each other: one batch per round from every partition to
 * every other. In one JVM a batch is a tell; across a cluster it is encoded and grouped per member.
 */
public interface PartitionExchange {

  int partitions();

  void send(int toPartition, Partition.Batch batch);

  /** Events this exchange sent to partitions on other members so far (for benchmark figures). */
  default long crossMemberEvents() {
    return 0;
  }
}
