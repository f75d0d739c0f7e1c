package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpochGateTest {

  @Test
  void anOpenGateLetsEveryEpochBeforeTheEndRun() {
    EpochGate gate = EpochGate.open(1000, 50_000);
    assertTrue(gate.mayRun(gate.startMicros(49)));
    assertFalse(gate.mayRun(gate.startMicros(50)));
    assertEquals(50_000, gate.startMicros(Long.MAX_VALUE));
    assertTrue(gate.grantedToEnd());
    assertEquals(7000, gate.reachableMicros(7000));
  }

  @Test
  void aClosedGateRunsOnlyWhatIsGrantedAndNeverMovesBack() {
    EpochGate gate = EpochGate.closed(1000, 50_000);
    assertFalse(gate.mayRun(0));
    gate.grant(5000, -1);
    assertTrue(gate.mayRun(gate.startMicros(4)));
    assertFalse(gate.mayRun(gate.startMicros(5)));
    assertEquals(5000, gate.reachableMicros(gate.startMicros(9)));
    gate.grant(3000, -1);
    assertTrue(gate.mayRun(gate.startMicros(4)), "a later, smaller grant took time back");
    assertFalse(gate.grantedToEnd());
    gate.grant(80_000, -1);
    assertTrue(gate.grantedToEnd());
  }

  @Test
  void anInjectedEpochComesBeforeTheAgreedOneUntilAnEpochHasRun() {
    EpochGate gate = EpochGate.closed(1000, 50_000);
    gate.grant(5000, 5500);
    assertEquals(5, gate.next(9));
    assertEquals(3, gate.next(3));
    gate.ran();
    assertEquals(9, gate.next(9), "after an epoch ran, the calendar announces the injection");
  }
}
