package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlacementTest {

  @Test
  void everyEntityHasExactlyOneHomeAndLocalIndexesAreDense() {
    int entities = 101;
    for (int partitions = 1; partitions <= 8; partitions++) {
      Placement placement = new Placement(partitions);
      int[] seen = new int[entities];
      int total = 0;
      for (int p = 0; p < partitions; p++) {
        int hosted = placement.hostedBy(p, entities);
        total += hosted;
        for (int local = 0; local < hosted; local++) {
          int id = placement.entityAt(p, local);
          assertTrue(id < entities);
          assertEquals(p, placement.partitionOf(id));
          assertEquals(local, placement.localIndex(id));
          seen[id]++;
        }
      }
      assertEquals(entities, total, "partitions " + partitions);
      for (int id = 0; id < entities; id++) {
        assertEquals(1, seen[id], "entity " + id + " with " + partitions + " partitions");
      }
    }
  }

  @Test
  void remainderGoesToTheFirstPartitions() {
    Placement three = new Placement(3);
    // 10 = 3 * 3 + 1: partition 0 hosts 0, 3, 6, 9.
    assertEquals(4, three.hostedBy(0, 10));
    assertEquals(3, three.hostedBy(1, 10));
    assertEquals(3, three.hostedBy(2, 10));
    assertEquals(0, new Placement(8).hostedBy(5, 5), "more partitions than entities");
  }

  @Test
  void rejectsFewerThanOnePartition() {
    assertThrows(IllegalArgumentException.class, () -> new Placement(0));
  }
}
