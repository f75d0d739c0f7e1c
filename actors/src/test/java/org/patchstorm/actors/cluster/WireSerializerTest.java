package org.patchstorm.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.patchstorm.actors.engine.Partition;

class WireSerializerTest {
  private final WireSerializer wire = new WireSerializer(null);

  private Partition.Grant roundTrip(Partition.Grant grant) throws Exception {
    return (Partition.Grant) wire.fromBinary(wire.toBinary(grant), wire.manifest(grant));
  }

  @Test
  void aGrantWithInjectedEventsArrivesAsSent() throws Exception {
    byte[] events = {1, 0, 0, 0, 2, 42, -7};
    Partition.Grant back = roundTrip(new Partition.Grant(7_200_000_000L, 5_400_000_000L, events));
    assertEquals(7_200_000_000L, back.horizonMicros());
    assertEquals(5_400_000_000L, back.earliestInjectedMicros());
    assertArrayEquals(events, back.injected());
  }

  @Test
  void aGrantWithoutInjectionsArrivesWithoutEvents() throws Exception {
    Partition.Grant back = roundTrip(new Partition.Grant(60_000_000L, -1, null));
    assertEquals(60_000_000L, back.horizonMicros());
    assertEquals(-1, back.earliestInjectedMicros());
    assertNull(back.injected());
  }
}
