package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchstorm.core.engine.BatchCodec;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.OrderProbeModel;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsRows;
import org.patchstorm.core.metrics.MetricsTable;

/** One partition against a probe standing in for the coordinator. */
@ExtendWith(TestKitJUnit5Extension.class)
class PartitionTest {
  // Generous: these bound waiting for a message, they do not assert on timing.
  private static final Duration WAIT = Duration.ofSeconds(30);

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  @Test
  void aPlanRunsTheExperimentAsItSays() {
    // Sweep members built their plans without the hosting: actor-per-entity ran partitioned.
    OrderProbeModel model = new OrderProbeModel(20);
    org.patchstorm.core.experiment.Experiment experiment =
        new org.patchstorm.core.experiment.Experiment("probe",
            org.patchstorm.core.experiment.Experiment.ModelKind.PING, 7, 40_000, 10_000, 2,
            Hosting.ACTOR_PER_ENTITY, model, org.patchstorm.core.experiment.Analysis.none(),
            java.util.Set.of());
    Partition.Plan plan = Partition.Plan.of(experiment, true);
    assertEquals(new Partition.Plan(model, 7, 2, 40_000, 10_000, Hosting.ACTOR_PER_ENTITY, true),
        plan);
  }

  @Test
  void aLonePartitionReportsEveryRowInOrderThenFinishes() {
    OrderProbeModel model = new OrderProbeModel(97);
    Partition.Plan plan = new Partition.Plan(model, 3, 1, 40_000, 10_000, Hosting.PARTITIONED, false);
    MetricsTable reference = new SequentialRunner(model, 3).run(40_000, 10_000);
    TestProbe<RunCoordinator.Command> coordinator =
        testKit.createTestProbe(RunCoordinator.Command.class);

    testKit.spawn(Partition.create(plan, plan.placement(), 0, coordinator.getRef()));
    RunCoordinator.PartitionReady ready =
        coordinator.expectMessageClass(RunCoordinator.PartitionReady.class, WAIT);
    assertEquals(0, ready.index());
    assertEquals(97, ready.hosted());

    ready.partition().tell(new Partition.Begin(new LocalExchange(List.of(ready.partition()))));
    MetricsRows rows = new MetricsRows(model.schema());
    for (int row = 1; row <= 4; row++) {
      RunCoordinator.RowSnapshot snapshot =
          coordinator.expectMessageClass(RunCoordinator.RowSnapshot.class, WAIT);
      assertEquals(0, snapshot.partition());
      assertEquals(row, snapshot.snapshot().row());
      assertArrayEquals(reference.row(row - 1), rows.values(snapshot.snapshot()), "row " + row);
    }
    RunCoordinator.PartitionFinished finished =
        coordinator.expectMessageClass(RunCoordinator.PartitionFinished.class, WAIT);
    assertEquals(0, finished.index());
    assertEquals(0, finished.stats().crossMemberEvents(), "one JVM: nothing crosses members");
    assertEquals(0, finished.stats().waitNanos(), "a lone partition waits for nobody");
    assertTrue(finished.stats().rounds() > 0, "it ran rounds: " + finished.stats());
  }

  @Test
  void aFailingEntityMakesItsPartitionReportTheFailure() {
    Partition.Plan plan =
        new Partition.Plan(new FailingModel(3, FailingModel.When.RECEIVE_EXCEPTION), 1, 1, 20_000,
            5000, Hosting.PARTITIONED, false);
    TestProbe<RunCoordinator.Command> coordinator =
        testKit.createTestProbe(RunCoordinator.Command.class);
    testKit.spawn(Partition.create(plan, plan.placement(), 0, coordinator.getRef()));
    RunCoordinator.PartitionReady ready =
        coordinator.expectMessageClass(RunCoordinator.PartitionReady.class, WAIT);
    ready.partition().tell(new Partition.Begin(new LocalExchange(List.of(ready.partition()))));
    // Row 1 (0..5 ms) completes before entity 3 fails on its tick at 5.5 ms.
    assertEquals(1, coordinator.expectMessageClass(RunCoordinator.RowSnapshot.class, WAIT)
        .snapshot().row());
    RunCoordinator.PartitionFailed failed =
        coordinator.expectMessageClass(RunCoordinator.PartitionFailed.class, WAIT);
    assertEquals(0, failed.index());
    assertTrue(failed.reason().contains("entity 3 "), failed.reason());
    coordinator.expectTerminated(ready.partition(), WAIT);
  }

  @Test
  void aLivePartitionStopsAtItsHorizonAndTakesWhatIsInjectedWithTheNextGrant() {
    KickModel model = new KickModel(50, List.of());
    Partition.Plan plan = new Partition.Plan(model, 8, 1, 40_000, 10_000, Hosting.PARTITIONED, true);
    MetricsTable reference = new SequentialRunner(
        new KickModel(50, List.of(new KickModel.Kick(25_000, 7, 30))), 8).run(40_000, 10_000);
    TestProbe<RunCoordinator.Command> coordinator =
        testKit.createTestProbe(RunCoordinator.Command.class);
    testKit.spawn(Partition.create(plan, plan.placement(), 0, coordinator.getRef()));
    RunCoordinator.PartitionReady ready =
        coordinator.expectMessageClass(RunCoordinator.PartitionReady.class, WAIT);
    ready.partition().tell(new Partition.Begin(new LocalExchange(List.of(ready.partition()))));
    ready.partition().tell(new Partition.Grant(20_000, -1, null));
    MetricsRows rows = new MetricsRows(model.schema());
    for (int row = 1; row <= 2; row++) {
      RunCoordinator.RowSnapshot snapshot =
          coordinator.expectMessageClass(RunCoordinator.RowSnapshot.class, WAIT);
      assertEquals(row, snapshot.snapshot().row());
      assertArrayEquals(reference.row(row - 1), rows.values(snapshot.snapshot()), "row " + row);
    }
    // Had the partition run past its horizon, an event at 25 ms would now be in its past.
    EventBuffer kick = new EventBuffer(1);
    kick.add(25_000, 7, 7, Long.MIN_VALUE, new KickModel.Kicked(30));
    ready.partition().tell(
        new Partition.Grant(40_000, 25_000, BatchCodec.encode(kick, model.codec())));
    for (int row = 3; row <= 4; row++) {
      RunCoordinator.RowSnapshot snapshot =
          coordinator.expectMessageClass(RunCoordinator.RowSnapshot.class, WAIT);
      assertEquals(row, snapshot.snapshot().row());
      assertArrayEquals(reference.row(row - 1), rows.values(snapshot.snapshot()), "row " + row);
    }
    coordinator.expectMessageClass(RunCoordinator.PartitionFinished.class, WAIT);
  }
}
