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

  /** A bot attacking Europe learns the region's supernodes from lists and drops those gone. */
  @Test
  void aRegionBotFollowsTheRegionsSupernodesItLearnsAndDropsThoseThatStopServing() {
    int europe = AttackScenarios.EUROPE;
    Botnet b = new Botnet("eu", 1, 10, 0, 1000 * S, 0, 0, 0, TargetKind.REGION, 0, europe,
        RequestKind.RELAY, 100);
    OverlayWorld w = new OverlayWorld(OverlayScenarios.baseline(2000), AttackParams.none().withBotnets(List.of(b)), 1);
    int[] first = w.botnetTargets(0);
    int learnt = w.firstPeer();
    while (w.region(learnt) != europe || java.util.Arrays.binarySearch(first, learnt) >= 0) {
      learnt++;
    }
    int foreign = w.firstPeer();
    while (w.region(foreign) == europe) {
      foreign++;
    }
    BotEntity bot = new BotEntity(w, w.firstAttacker());
    FakeContext ctx = new FakeContext(w.firstAttacker(), 5);
    bot.receive(ctx, new BotStart(0));
    assertTrue(ctx.scheduled.stream().anyMatch(t -> t.message() instanceof OverlayMessage.Timer m
        && m.kind() == BotEntity.CRAWL), "it crawls");
    int bootstrap = w.firstBootstrap();
    bot.receive(ctx, new OverlayMessage.ConnectReply(bootstrap, OverlayMessage.ACCEPTED, 0, new int[] {learnt, foreign}));
    assertTrue(ctx.sent.stream().anyMatch(m -> m.target() == bootstrap
        && m.message() instanceof OverlayMessage.Disconnect), "a slot it was given is released");
    assertTrue(floodTargets(bot, ctx).contains(learnt), "floods the supernode it learnt");
    bot.receive(ctx, new OverlayMessage.ConnectReply(learnt, OverlayMessage.NOT_SUPERNODE, 0, new int[0]));
    java.util.Set<Integer> after = floodTargets(bot, ctx);
    assertTrue(!after.contains(learnt) && !after.contains(foreign), after.toString());
    assertTrue(after.size() > 1, "the others stay: " + after);
  }

  /** The targets of 3,000 fires of the current stint (1). */
  private static java.util.Set<Integer> floodTargets(BotEntity bot, FakeContext ctx) {
    ctx.sent.clear();
    for (int k = 0; k < 3000; k++) {
      bot.receive(ctx, new OverlayMessage.Timer(BotEntity.FIRE, 1, 0));
    }
    java.util.Set<Integer> targets = new java.util.TreeSet<>();
    ctx.sent.forEach(m -> targets.add(m.target()));
    return targets;
  }
}
