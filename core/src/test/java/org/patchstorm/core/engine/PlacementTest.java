package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlacementTest {

  @Test
  void everyEntityHasExactlyOneHomeAndLocalIndexesAreDense() {
    int entities = 101;
    for (int partitions = 1; partitions <= 8; partitions++) {
      assertOneHomeEach(Placement.modular(partitions), entities, partitions);
      if (partitions >= 2) {
        assertOneHomeEach(Placement.of(new TwoZoneModel(entities, 30_000), partitions, 2),
            entities, partitions);
      }
    }
  }

  @Test
  void zonedPlacementKeepsAZoneOnOneMemberAndSpreadsItOverThatMembersPartitions() {
    Placement placement = Placement.of(new TwoZoneModel(90, 30_000), 5, 2);
    assertEquals(3, placement.windowEpochs(), "30 ms between zones, 10 ms epochs");
    int[] hosted = new int[5];
    for (int id = 0; id < 90; id++) {
      int p = placement.partitionOf(id);
      hosted[p]++;
      int zone = id % 3 == 0 ? 1 : 0;
      // Zone 0 holds 60 entities, zone 1 30: the busier zone gets member 0 or 1, never both.
      assertEquals(placement.partitionOf(zone == 0 ? 1 : 0) % 2, p % 2, "entity " + id);
    }
    // Member 0 runs partitions 0, 2, 4; member 1 runs 1, 3: a member's zone is spread evenly.
    int member = placement.partitionOf(1) % 2;
    int perPartition = member == 0 ? 20 : 30;
    for (int p = member; p < 5; p += 2) {
      assertEquals(perPartition, hosted[p], "partition " + p);
    }
    assertTrue(placement.sameMember(0, 4));
    assertFalse(placement.sameMember(0, 3));
  }

  @Test
  void placementStaysModularWhenMembersCouldNotMeetLessOften() {
    assertEquals(1, Placement.of(new TwoZoneModel(90, 30_000), 4, 1).windowEpochs(), "one member");
    assertEquals(1, Placement.of(new TwoZoneModel(90, 15_000), 4, 2).windowEpochs(),
        "zones closer than two epochs");
    assertEquals(1, Placement.of(new TwoZoneModel(90, 30_000), 4, 3).windowEpochs(),
        "more members than zones");
    assertEquals(3, Placement.of(new TwoZoneModel(90, 30_000), 4, 3).partitionOf(7),
        "modular: id % partitions");
  }

  private static void assertOneHomeEach(Placement placement, int entities, int partitions) {
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

  @Test
  void remainderGoesToTheFirstPartitions() {
    Placement three = Placement.modular(3);
    // 10 = 3 * 3 + 1: partition 0 hosts 0, 3, 6, 9.
    assertEquals(4, three.hostedBy(0, 10));
    assertEquals(3, three.hostedBy(1, 10));
    assertEquals(3, three.hostedBy(2, 10));
    assertEquals(0, Placement.modular(8).hostedBy(5, 5), "more partitions than entities");
  }

  @Test
  void rejectsFewerThanOnePartition() {
    assertThrows(IllegalArgumentException.class, () -> Placement.modular(0));
  }
}
