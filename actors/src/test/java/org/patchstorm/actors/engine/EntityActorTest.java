package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.HostedEntity;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PartitionCore;
import org.patchstorm.core.engine.Placement;
import org.patchstorm.core.metrics.MetricsLog;
import org.patchstorm.core.metrics.MetricsSink;
import org.patchstorm.core.overlay.LoginServerEntity;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.PeerEntity;
import org.patchstorm.core.overlay.AttackScenarios;
import org.patchstorm.core.overlay.BotEntity;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.RequestKind;
import org.patchstorm.core.overlay.attack.TargetKind;

/**
 * Each kind of entity actor (peer, login server, bot, the coordinator) against a probe standing in for its
 * partition: driven by its own timers for a few epochs, it answers every request with exactly what
 * a twin of the same entity (same seed) produces run directly (sends, metrics, gauges), so the
 * actor holds the entity's state from one message to the next and adds nothing of its own; and a
 * failing entity is answered as a failure naming it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
class EntityActorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long SEED = 3;
  private static final long END = 6 * OverlayParams.HOUR;

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  // The 2017 flood at small scale hosts all three kinds: peers, login servers and bots.
  private static final Model FLOOD = flood();

  /** The 2017 flood with a log-in front ahead of it, so that the first bot floods the login servers. */
  private static Model flood() {
    AttackScenarios.Scenario s = AttackScenarios.ddos2017(300);
    List<Botnet> botnets = new ArrayList<>();
    botnets.add(new Botnet("login-flood", 1, 0.035, OverlayParams.HOUR, 49 * OverlayParams.HOUR,
        5 * OverlayParams.MINUTE, 0, 0, TargetKind.LOGIN_SERVERS, 0, -1, RequestKind.LOGIN, 1));
    botnets.addAll(s.attack().botnets());
    return OverlayModel.create(s.overlay(), s.attack().withBotnets(botnets), SEED);
  }

  /** The first entity of {@code kind} of a fresh copy of the model's entities. */
  private static HostedEntity first(Model model, Class<?> kind) {
    return fresh(model).stream().filter(e -> kind.isInstance(e.entity())).findFirst().orElseThrow();
  }

  private static HostedEntity withId(Model model, int id) {
    return fresh(model).get(id);
  }

  private static List<HostedEntity> fresh(Model model) {
    return new PartitionCore(model, SEED, Placement.modular(1), 0, END).handOverEntities();
  }

  @Test
  void aPeerActorRunsItsEpochsAsThePeerItself() {
    int peer = first(FLOOD, PeerEntity.class).id();
    assertDrivenLikeItsTwin(peer, "peer-", new EventBuffer(1));
  }

  @Test
  void theCoordinatorActorCarriesOutTheScenarioAsTheCoordinatorItself() {
    // The last entity; here it starts the botnets at 01:00 and hands the operators' corrections
    // (set-defence) to every entity on the second day.
    EventBuffer commands = sentToOthers(assertDrivenLikeItsTwin(COORDINATOR, "coordinator-",
        new EventBuffer(1)), COORDINATOR);
    boolean commandsABot = false;
    for (int k = 0; k < commands.size(); k++) {
      commandsABot |= withId(FLOOD, commands.target(k)).entity() instanceof BotEntity;
    }
    assertTrue(commandsABot, "it commands the bots");
  }

  @Test
  void aBotActorRunsItsEpochsAsTheBotItself() {
    // A bot floods once the coordinator's command starts it.
    List<HostedEntity.Turn> turns = assertDrivenLikeItsTwin(BOT, "bot-", commandsToTheBot());
    assertFalse(sentToOthers(turns, BOT).isEmpty(), "it sends requests, not only timers to itself");
  }

  @Test
  void aLoginServerActorServesRequestsAsTheServerItselfAndReportsItsQueue() {
    // The server has no timers of its own until asked: feed it what the bot sends it.
    EventBuffer requests = sentToOthers(drive(BOT, commandsToTheBot(), direct(withId(FLOOD, BOT))), BOT);
    int server = requests.target(0);
    assertTrue(withId(FLOOD, server).entity() instanceof LoginServerEntity);
    List<HostedEntity.Turn> turns =
        assertDrivenLikeItsTwin(server, "login-server-", addressedTo(requests, server));
    assertTrue(turns.stream().anyMatch(t -> !t.sent().isEmpty()), "the server answers");
  }

  private static final int COORDINATOR = FLOOD.entityCount() - 1;
  private static final int BOT = first(FLOOD, BotEntity.class).id();

  private static EventBuffer commandsToTheBot() {
    EventBuffer commands = addressedTo(sentToOthers(
        drive(COORDINATOR, new EventBuffer(1), direct(withId(FLOOD, COORDINATOR))), COORDINATOR), BOT);
    assertFalse(commands.isEmpty(), "the coordinator commands the bot");
    return commands;
  }

  /** Runs an entity's start and epochs, one way or another. */
  private interface Turns {
    HostedEntity.Turn start(long epochEnd);

    HostedEntity.Turn run(int step, EventBuffer due, long epoch, long epochEnd);
  }

  private static Turns direct(HostedEntity entity) {
    return new Turns() {
      @Override
      public HostedEntity.Turn start(long epochEnd) {
        return entity.start(epochEnd);
      }

      @Override
      public HostedEntity.Turn run(int step, EventBuffer due, long epoch, long epochEnd) {
        return entity.run(due, 0, due.size(), epoch, epochEnd);
      }
    };
  }

  /**
   * Starts entity {@code id}, then runs it through the epochs of its own timers and of {@code
   * incoming} (up to 20). Returns its turns.
   */
  private static List<HostedEntity.Turn> drive(int id, EventBuffer incoming, Turns turns) {
    long lookahead = FLOOD.lookaheadMicros();
    List<HostedEntity.Turn> all = new ArrayList<>();
    HostedEntity.Turn started = turns.start(lookahead);
    all.add(started);
    EventBuffer pending = addressedTo(started.sent(), id);
    for (int k = 0; k < incoming.size(); k++) {
      pending.addFrom(incoming, k);
    }
    for (int step = 1; step <= 20 && !pending.isEmpty(); step++) {
      long epoch = pending.minTime() / lookahead;
      EventBuffer due = dueIn(pending, epoch, lookahead);
      HostedEntity.Turn turn = turns.run(step, due, epoch, (epoch + 1) * lookahead);
      all.add(turn);
      pending = laterThan(pending, epoch, lookahead);
      EventBuffer timers = addressedTo(turn.sent(), id);
      for (int k = 0; k < timers.size(); k++) {
        pending.addFrom(timers, k);
      }
    }
    return all;
  }

  /**
   * Drives the actor of entity {@code id} (see {@link #drive}), checking each reply against what
   * a twin of the entity gives run directly. Returns the actor's turns.
   */
  private List<HostedEntity.Turn> assertDrivenLikeItsTwin(
      int id, String namePrefix, EventBuffer incoming) {
    HostedEntity twin = withId(FLOOD, id);
    HostedEntity hosted = withId(FLOOD, id);
    assertTrue(EntityActor.name(hosted).startsWith(namePrefix), EntityActor.name(hosted));
    TestProbe<EntityActor.Reply> partition = testKit.createTestProbe(EntityActor.Reply.class);
    ActorRef<EntityActor.Command> actor =
        testKit.spawn(EntityActor.create(hosted, partition.getRef()), EntityActor.name(hosted));
    List<HostedEntity.Turn> turns = drive(id, incoming, new Turns() {
      @Override
      public HostedEntity.Turn start(long epochEnd) {
        actor.tell(new EntityActor.Start(0, epochEnd));
        HostedEntity.Turn actual = partition.expectMessageClass(EntityActor.Ran.class, WAIT).result();
        assertSameTurn(twin.start(epochEnd), actual, "start");
        return actual;
      }

      @Override
      public HostedEntity.Turn run(int step, EventBuffer due, long epoch, long epochEnd) {
        actor.tell(new EntityActor.RunEpoch(step, due, 0, due.size(), epoch, epochEnd));
        EntityActor.Ran ran = partition.expectMessageClass(EntityActor.Ran.class, WAIT);
        assertEquals(step, ran.turn(), "the reply names its request");
        assertSameTurn(twin.run(due, 0, due.size(), epoch, epochEnd), ran.result(), "epoch " + epoch);
        return ran.result();
      }
    });
    assertTrue(turns.size() > 1, "the entity ran epochs after its start");
    if (hosted.entity() instanceof LoginServerEntity) {
      assertNotNull(turns.get(turns.size() - 1).gauges(), "a login server reports its queue");
    }
    return turns;
  }

  @Test
  void aFailingEntityIsAnsweredAsAFailureNamingItAndTheTime() {
    FailingModel failing = new FailingModel(0, FailingModel.When.RECEIVE_EXCEPTION);
    HostedEntity culprit = first(failing, Object.class);
    TestProbe<EntityActor.Reply> partition = testKit.createTestProbe(EntityActor.Reply.class);
    ActorRef<EntityActor.Command> actor = testKit.spawn(EntityActor.create(culprit, partition.getRef()));
    actor.tell(new EntityActor.Start(0, 1000));
    partition.expectMessageClass(EntityActor.Ran.class, WAIT);
    EventBuffer tick = new EventBuffer(1);
    tick.add(5500, 0, 0, 1, "tick");

    actor.tell(new EntityActor.RunEpoch(4, tick, 0, 1, 5, 6000));

    EntityActor.Failed failed = partition.expectMessageClass(EntityActor.Failed.class, WAIT);
    assertEquals(4, failed.turn());
    assertTrue(failed.reason().startsWith("entity 0 failed at virtual time 0.005 s"), failed.reason());
    assertTrue(failed.reason().contains("boom at 5500"), failed.reason());
  }

  private static EventBuffer sentToOthers(List<HostedEntity.Turn> turns, int self) {
    EventBuffer others = new EventBuffer(4);
    for (HostedEntity.Turn turn : turns) {
      for (int k = 0; k < turn.sent().size(); k++) {
        if (turn.sent().target(k) != self) {
          others.addFrom(turn.sent(), k);
        }
      }
    }
    return others;
  }

  private static EventBuffer addressedTo(EventBuffer events, int target) {
    EventBuffer to = new EventBuffer(4);
    for (int k = 0; k < events.size(); k++) {
      if (events.target(k) == target) {
        to.addFrom(events, k);
      }
    }
    return to;
  }

  private static EventBuffer dueIn(EventBuffer events, long epoch, long lookahead) {
    EventBuffer due = new EventBuffer(4);
    for (int k = 0; k < events.size(); k++) {
      if (events.time(k) / lookahead == epoch) {
        due.addFrom(events, k);
      }
    }
    return due.sortedCanonically();
  }

  private static EventBuffer laterThan(EventBuffer events, long epoch, long lookahead) {
    EventBuffer later = new EventBuffer(4);
    for (int k = 0; k < events.size(); k++) {
      if (events.time(k) / lookahead > epoch) {
        later.addFrom(events, k);
      }
    }
    return later;
  }

  private static void assertSameTurn(HostedEntity.Turn expected, HostedEntity.Turn actual, String when) {
    assertEquals(events(expected.sent()), events(actual.sent()), when + ": sent");
    assertEquals(ops(expected.metrics()), ops(actual.metrics()), when + ": metrics");
    assertEquals(expected.sampling(), actual.sampling(), when + ": sampling");
    assertEquals(ops(expected.gauges()), ops(actual.gauges()), when + ": gauges");
  }

  private static List<String> events(EventBuffer b) {
    List<String> all = new ArrayList<>();
    for (int k = 0; k < b.size(); k++) {
      all.add(b.time(k) + " " + b.target(k) + " " + b.sender(k) + " " + b.seq(k) + " " + b.payload(k));
    }
    return all;
  }

  private static List<String> ops(MetricsLog log) {
    List<String> all = new ArrayList<>();
    if (log == null) {
      return all;
    }
    log.replayInto(new MetricsSink() {
      @Override
      public void add(int counter, long delta) {
        all.add("add " + counter + " " + delta);
      }

      @Override
      public void record(int histogram, long value) {
        all.add("record " + histogram + " " + value);
      }
    });
    return all;
  }
}
