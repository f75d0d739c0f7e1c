package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.OverlayMessage.BotStart;
import org.patchstorm.core.overlay.OverlayMessage.BotStop;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.RequestKind;
import org.patchstorm.core.overlay.attack.TargetKind;

class BotEntityTest {

  private static final long S = OverlayParams.SECOND;

  /** Runs a bot's own timers up to {@code until}, counting what it sends. */
  private static final class Clock implements EntityContext {
    final List<long[]> timers = new ArrayList<>();
    final List<Object> timerMessages = new ArrayList<>();
    final RandomGenerator random = new SplittableRandom(3);
    long now;
    int sent;

    @Override
    public long now() {
      return now;
    }

    @Override
    public int self() {
      return 0;
    }

    @Override
    public void send(int target, Object message, long latencyMicros) {
      sent++;
    }

    @Override
    public void schedule(long delayMicros, Object message) {
      timers.add(new long[] {now + delayMicros});
      timerMessages.add(message);
    }

    @Override
    public RandomGenerator random() {
      return random;
    }

    @Override
    public MetricsSink metrics() {
      return new MetricsSink() {
        @Override
        public void add(int counter, long delta) {}

        @Override
        public void record(int histogram, long value) {}
      };
    }

    @Override
    public void sampled(boolean on) {}

    void runUntil(BotEntity bot, long until) {
      while (!timers.isEmpty()) {
        int first = 0;
        for (int i = 1; i < timers.size(); i++) {
          if (timers.get(i)[0] < timers.get(first)[0]) {
            first = i;
          }
        }
        if (timers.get(first)[0] >= until) {
          return;
        }
        now = timers.remove(first)[0];
        bot.receive(this, timerMessages.remove(first));
      }
    }
  }

  private static OverlayWorld world() {
    Botnet b = new Botnet("b", 10, 10, 100 * S, 1000 * S, 0, 0, 0, TargetKind.LOGIN_SERVERS, 0, -1,
        RequestKind.LOGIN, 1);
    return new OverlayWorld(OverlayScenarios.baseline(200), AttackParams.none().withBotnets(List.of(b)), 1);
  }

  @Test
  void aBotAttacksFromTheCoordinatorsStartUntilItsStopAndIgnoresAStaleStart() {
    OverlayWorld w = world();
    BotEntity bot = new BotEntity(w, w.firstAttacker());
    Clock clock = new Clock();
    bot.start(clock);
    clock.runUntil(bot, 500 * S);
    assertEquals(0, clock.sent, "dormant without a command");

    clock.now = 500 * S;
    bot.receive(clock, new BotStart(100 * S));
    clock.runUntil(bot, 600 * S);
    // 10 requests/s for 100 s: Poisson, far from 0 and from twice as many.
    assertTrue(clock.sent > 800 && clock.sent < 1200, "sent " + clock.sent);

    clock.now = 600 * S;
    bot.receive(clock, new BotStop());
    int atStop = clock.sent;
    bot.receive(clock, new BotStart(100 * S)); // sent before the stop, arriving after it
    clock.runUntil(bot, 900 * S);
    assertEquals(atStop, clock.sent, "stopped, and a start from before the stop is stale");

    clock.now = 900 * S;
    bot.receive(clock, new BotStart(900 * S));
    clock.runUntil(bot, 910 * S);
    assertTrue(clock.sent > atStop, "a new start after the stop goes");
    assertTrue(clock.timerMessages.stream().allMatch(m -> m instanceof OverlayMessage.Timer));
  }
}
