package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BotnetTest {

  private static final long S = 1_000_000L;

  private static Botnet botnet(int bots, double rate, long start, long stop, long ramp, long on, long off) {
    return new Botnet("b", bots, rate, start, stop, ramp, on, off, TargetKind.LOGIN_SERVERS, 0, -1,
        RequestKind.LOGIN, 1);
  }

  @Test
  void botsJoinEvenlyOverTheRamp() {
    Botnet b = botnet(4, 1, 100 * S, 1000 * S, 40 * S, 0, 0);
    assertEquals(100 * S, b.joinTime(0));
    assertEquals(120 * S, b.joinTime(2));
    assertFalse(b.active(2, 119 * S));
    assertTrue(b.active(2, 120 * S));
    assertFalse(b.active(0, 1000 * S), "stop is exclusive");
    // Half the bots have joined 20 s into the ramp (bots 0, 1 and 2 at exactly 20 s).
    assertEquals(3.0, b.rateAt(120 * S), 1e-9);
    assertEquals(4.0, b.rateAt(500 * S), 1e-9);
  }

  @Test
  void wavesPulseFromTheStart() {
    Botnet b = botnet(1, 1, 100 * S, 1000 * S, 0, 10 * S, 20 * S);
    assertTrue(b.active(0, 105 * S));
    assertFalse(b.active(0, 115 * S));
    assertTrue(b.active(0, 130 * S));
    assertEquals(130 * S, b.nextActive(0, 115 * S));
    assertEquals(140 * S, b.activeUntil(131 * S));
    assertEquals(Long.MAX_VALUE, b.nextActive(0, 995 * S), "the next pulse would start after stop");
  }

  @Test
  void requestsMustFitTheTarget() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Botnet("x", 1, 1, 0, S, 0,
        0, 0, TargetKind.BOOTSTRAP, 0, -1, RequestKind.LOGIN, 1));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> botnet(1, 1, 5 * S, 5 * S, 0, 0, 0));
  }

  @Test
  void scheduleHasThePoissonRateAndStaysInsideTheActiveTimes() {
    // 10 requests/s for 1000 s: 10,000 expected, Poisson sd 100; 5 sd is a safe band.
    Botnet b = botnet(1, 10, 0, 1000 * S, 0, 0, 0);
    assertEquals(10_000, count(b, 0, new SplittableRandom(7)), 500);
    // Waves on 10 s of every 20 s halve it, and nothing is sent in an off period.
    Botnet waves = botnet(1, 10, 0, 1000 * S, 0, 10 * S, 10 * S);
    SplittableRandom r = new SplittableRandom(8);
    int n = 0;
    for (long t = BotSchedule.nextRequest(waves, 0, -1, r); t != Long.MAX_VALUE;
        t = BotSchedule.nextRequest(waves, 0, t, r)) {
      assertTrue(waves.active(0, t), "request at " + t + " in an off period");
      n++;
    }
    assertEquals(5_000, n, 360);
  }

  @Test
  void aLateBotSendsNothingBeforeItJoinsAndTheScheduleIsReproducible() {
    Botnet b = botnet(10, 5, 50 * S, 200 * S, 100 * S, 0, 0);
    long first = BotSchedule.nextRequest(b, 9, 0, new SplittableRandom(1));
    assertTrue(first > b.joinTime(9), "bot 9 joins at 140 s");
    assertEquals(first, BotSchedule.nextRequest(b, 9, 0, new SplittableRandom(1)));
    assertEquals(Long.MAX_VALUE, BotSchedule.nextRequest(b, 9, 200 * S, new SplittableRandom(1)));
  }

  private static int count(Botnet b, int bot, SplittableRandom r) {
    int n = 0;
    for (long t = BotSchedule.nextRequest(b, bot, -1, r); t != Long.MAX_VALUE; t = BotSchedule.nextRequest(b, bot, t, r)) {
      n++;
    }
    return n;
  }
}
