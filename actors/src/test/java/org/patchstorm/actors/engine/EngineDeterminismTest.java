package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.OrderProbeModel;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.OverlayScenarios;
import org.patchstorm.core.ping.PingModel;
import org.patchstorm.core.ping.PingParams;

/**
 * The actor runtime must produce exactly the metrics of the sequential reference, whatever the
 * number of partitions and dispatcher threads. The order probe turns any difference in delivery
 * order into different numbers; ping checks a model that is not ours; the 2007 storm at small scale
 * checks the overlay, whose supernodes come and go from the sampled gauges.
 */
@Timeout(120)
class EngineDeterminismTest {
  private static final long SEED = 11;
  private static final long END = 60_000;
  private static final long REPORT = 10_000;
  // 601 is prime: every partition count leaves a remainder, so partitions host unequal shares.
  private static final OrderProbeModel PROBE = new OrderProbeModel(601);
  private static final PingModel PING = new PingModel(new PingParams(601, 4, 7_000, 1000, 6000));
  private static final MetricsTable PROBE_REFERENCE = new SequentialRunner(PROBE, SEED).run(END, REPORT);
  private static final MetricsTable PING_REFERENCE = new SequentialRunner(PING, SEED).run(END, REPORT);

  // 2,000 peers through the reboot wave at 03:00 and an hour after it.
  private static final long STORM_END = 4 * OverlayParams.HOUR;
  private static final OverlayModel STORM =
      OverlayModel.create(OverlayScenarios.skype2007(2000), SEED);
  private static final MetricsTable STORM_REFERENCE =
      new SequentialRunner(STORM, SEED).run(STORM_END, OverlayParams.MINUTE);

  static Stream<Arguments> layouts() {
    return Stream.of(1, 2, 3, 8)
        .flatMap(p -> Stream.of(1, 2, 8).map(t -> Arguments.of(p, t)));
  }

  @ParameterizedTest(name = "probe, {0} partitions, {1} threads")
  @MethodSource("layouts")
  void orderProbeOnActorsEqualsSequential(int partitions, int threads) {
    Runs.Result run = Runs.onActors(PROBE, SEED, partitions, END, REPORT, threads);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    assertEquals(601, run.entities());
    assertEquals(List.of("setup", "row", "row", "row", "row", "row", "row", "finished"), run.events());
    Runs.assertSameTable(PROBE_REFERENCE, run.table(), partitions + " partitions, " + threads + " threads");
  }

  @ParameterizedTest(name = "ping, {0} partitions, {1} threads")
  @MethodSource("layouts")
  void pingOnActorsEqualsSequential(int partitions, int threads) {
    Runs.Result run = Runs.onActors(PING, SEED, partitions, END, REPORT, threads);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    Runs.assertSameTable(PING_REFERENCE, run.table(), partitions + " partitions, " + threads + " threads");
  }

  @ParameterizedTest(name = "2007 storm, {0} partitions")
  @ValueSource(ints = {1, 3, 8})
  void stormOnActorsEqualsSequential(int partitions) {
    Runs.Result run = Runs.onActors(STORM, SEED, partitions, STORM_END, OverlayParams.MINUTE, 2);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    Runs.assertSameTable(STORM_REFERENCE, run.table(), partitions + " partitions");
  }

  /**
   * Partitions grouped as if on {@code members} cluster members (in one JVM: only the grouping
   * matters): regions are placed per member and members meet once per window of epochs.
   */
  @ParameterizedTest(name = "2007 storm, {1} partitions as on {0} members, {2}")
  @CsvSource({"2, 2, PARTITIONED", "2, 4, PARTITIONED", "3, 3, PARTITIONED", "3, 5, PARTITIONED",
      "2, 3, ACTOR_PER_ENTITY"})
  void stormOnMembersMeetingOncePerWindowEqualsSequential(
      int members, int partitions, Hosting hosting) {
    Partition.Plan plan = new Partition.Plan(STORM, SEED, partitions, STORM_END,
        OverlayParams.MINUTE, hosting, false).onMembers(members);
    assertTrue(plan.placement().windowEpochs() > 1, "members meet less often than every epoch");
    Runs.Result run = Runs.onActors(plan, 2);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    Runs.assertSameTable(STORM_REFERENCE, run.table(), partitions + " partitions on " + members);
  }

  @Test
  void theReferenceIsNotTrivial() {
    // Guards the comparisons above against passing on empty tables.
    assertEquals(6, PROBE_REFERENCE.rowCount());
    assertTrue(PROBE_REFERENCE.sum("received") > 5000);
    assertTrue(PING_REFERENCE.sum("delivered") > 3000);
    assertEquals(240, STORM_REFERENCE.rowCount());
    assertTrue(STORM_REFERENCE.sum("login_attempts") > 500, "log-ins: " + STORM_REFERENCE.sum("login_attempts"));
    assertTrue(Arrays.stream(STORM_REFERENCE.column("sn_clients_max")).max().orElse(0) > 0);
  }

  @Test
  void aDifferentSeedGivesDifferentMetricsOnActors() {
    Runs.Result other = Runs.onActors(PROBE, SEED + 1, 3, END, REPORT, 2);
    assertTrue(other.outcome().completed(), other.outcome().failure());
    boolean allSame = true;
    for (int r = 0; r < PROBE_REFERENCE.rowCount(); r++) {
      allSame &= Arrays.equals(PROBE_REFERENCE.row(r), other.table().row(r));
    }
    assertFalse(allSame);
  }
}
