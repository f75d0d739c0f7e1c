package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveHorizonTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void grantsAFewRowsPastTheLastCompleteOneOnEpochBoundaries() {
    // Rows of 25 ms on epochs of 10 ms: two rows ahead is 50 ms, already a boundary; 75 ms is not.
    LiveHorizon h = new LiveHorizon(10_000, 25_000, 1_000_000);
    assertEquals(50_000, h.advance(0));
    h.rowDone(1);
    assertEquals(80_000, h.advance(0));
    h.rowDone(39);
    assertEquals(1_000_000, h.advance(0), "never past the end");
  }

  @Test
  void pausedGrantsNothingAndResumeGoesOn() {
    LiveHorizon h = new LiveHorizon(1000, 10_000, 1_000_000);
    h.pause();
    assertEquals(0, h.advance(0));
    h.rowDone(5);
    assertEquals(0, h.advance(SECOND));
    h.resume(SECOND);
    assertEquals(70_000, h.advance(SECOND));
  }

  @Test
  void aPaceGrantsVirtualTimeByTheWallClock() {
    LiveHorizon h = new LiveHorizon(1000, 60_000_000, 86_400_000_000L);
    h.rowDone(100);
    h.pace(600, 0);
    assertEquals(0, h.advance(0));
    assertEquals(600_000_000, h.advance(SECOND));
    assertEquals(630_000_000, h.advance(SECOND + SECOND / 20));
  }

  @Test
  void aPacedRunThatFellBehindDoesNotBurstLater() {
    LiveHorizon h = new LiveHorizon(1000, 1_000_000, 1_000_000_000_000L);
    h.pace(10, 0);
    // Rows hold it back (row window: 2 s) while 60 wall seconds pass.
    assertEquals(2_000_000, h.advance(60 * SECOND));
    h.rowDone(1000);
    // At most a second of pace ahead of where it was held, not the 600 s the clock would allow.
    assertTrue(h.advance(60 * SECOND) <= 12_000_000, "burst to " + h.horizonMicros());
  }

  @Test
  void placesAnEventAtTheHorizonOrAtItsOwnTimeAndRefusesThePastAndTheEnd() throws Exception {
    LiveHorizon h = new LiveHorizon(1000, 10_000, 100_000);
    h.advance(0);
    assertEquals(20_000, h.place(-1, 0));
    assertEquals(20_000, h.place(20_000, 0));
    assertEquals(55_500, h.place(55_500, 0));
    InjectionRefused past = assertThrows(InjectionRefused.class, () -> h.place(19_999, 0));
    assertEquals("at = 0.019999s is in the past: the run's current virtual time is 0.02s, and the"
        + " earliest an event can take effect is at = 0.02s; inject at that time or later, or leave"
        + " out 'at' for the next possible moment", past.getMessage());
    InjectionRefused end = assertThrows(InjectionRefused.class, () -> h.place(100_000, 0));
    assertTrue(end.getMessage().contains("at or after the end of the run (at = 0.1s)"),
        end.getMessage());
    h.rowDone(10);
    h.advance(0);
    assertTrue(assertThrows(InjectionRefused.class, () -> h.place(-1, 0)).getMessage()
        .contains("no virtual time left"));
  }

  @Test
  void anEventThatTakesEffectLaterThanItsDeliveryIsDeliveredThatMuchEarlier() throws Exception {
    LiveHorizon h = new LiveHorizon(1000, 10_000, 100_000);
    h.advance(0); // 20 ms granted
    assertEquals(20_000, h.place(-1, 1000), "as soon as possible: delivered at the horizon");
    assertEquals(29_000, h.place(30_000, 1000));
    assertEquals(20_000, h.place(21_000, 1000), "takes effect one lead after the horizon");
    String past = assertThrows(InjectionRefused.class, () -> h.place(20_500, 1000)).getMessage();
    assertTrue(past.contains("the earliest an event can take effect is at = 0.021s"), past);
    assertThrows(InjectionRefused.class, () -> h.place(100_000, 1000));
    assertEquals(98_999, h.place(99_999, 1000));
  }

  @Test
  void secondsReadBackAsTheSameDuration() {
    assertEquals("5400s", LiveHorizon.seconds(5_400_000_000L));
    assertEquals("0.000001s", LiveHorizon.seconds(1));
    assertEquals("0s", LiveHorizon.seconds(0));
  }
}
