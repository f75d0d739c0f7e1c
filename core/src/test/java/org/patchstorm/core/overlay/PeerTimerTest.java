package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.Timer;

class PeerTimerTest {

  private static Timer overTheWire(Timer t) throws IOException {
    OverlayCodec codec = new OverlayCodec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(t, new DataOutputStream(bytes));
    return (Timer) codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void everyKindHasItsOwnCodeAndComesBackFromTheWire() throws IOException {
    Set<Integer> codes = new HashSet<>();
    for (PeerTimer kind : PeerTimer.values()) {
      assertTrue(codes.add(kind.code), "code " + kind.code + " used twice");
      Timer t = kind.timer(5, 9);
      Timer back = overTheWire(t);
      assertEquals(kind, PeerTimer.of(back));
      assertEquals(5, back.gen());
      assertEquals(9, back.arg());
    }
  }

  @Test
  void aTimerOfAnEarlyGenerationIsSharedAndEveryGenerationKeepsItsKindAndGen() {
    for (PeerTimer kind : PeerTimer.values()) {
      assertSame(kind.timer(7), kind.timer(7), "shared below " + PeerTimer.SHARED_GENS);
      for (int gen : new int[] {0, 1, PeerTimer.SHARED_GENS - 1, PeerTimer.SHARED_GENS, 100_000}) {
        Timer t = kind.timer(gen);
        assertEquals(kind, PeerTimer.of(t));
        assertEquals(gen, t.gen());
        assertEquals(0, t.arg());
      }
    }
  }

  @Test
  void anUnknownCodeIsAnError() {
    assertThrows(IllegalStateException.class, () -> PeerTimer.of(new Timer(29, 0, 0)));
    assertThrows(IllegalStateException.class, () -> PeerTimer.of(new Timer(200, 0, 0)));
  }
}
