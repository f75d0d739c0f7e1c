package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsRows;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.OverlayScenarios;

/**
 * Entities handed over by their partition and run on their own give the partition's own results
 * when their turns are merged in id order, however the turns themselves are scheduled: here each
 * epoch's turns run last entity first, as concurrent actors may.
 */
class HostedEntityTest {

  /** The sequential runner's loop, with the entities handed over and run in reverse order. */
  private static MetricsTable runHandedOver(Model model, long seed, long end, long report) {
    PartitionCore core = new PartitionCore(model, seed, Placement.modular(1), 0, end);
    List<HostedEntity> entities = core.handOverEntities();
    ReportSchedule schedule = new ReportSchedule(report, end);
    MetricsRows rows = new MetricsRows(model.schema());
    MetricsTable table = new MetricsTable(model.schema().columns());
    HostedEntity.Turn[] started = new HostedEntity.Turn[entities.size()];
    for (int i = entities.size() - 1; i >= 0; i--) {
      started[i] = entities.get(i).start(core.epochEnd(0));
    }
    for (int i = 0; i < started.length; i++) {
      core.merge(i, started[i]);
    }
    long next = core.route().earliestEpoch();
    while (true) {
      long start = next == Long.MAX_VALUE ? end : Math.min(end, next * core.epochMicros());
      for (int row = schedule.takeRowDueBy(start); row > 0; row = schedule.takeRowDueBy(start)) {
        table.add(schedule.boundaryMicros(row) / 1e6, rows.values(core.snapshot(row)));
      }
      if (start >= end) {
        return table;
      }
      EventBuffer due = core.takeEpoch(next);
      List<int[]> shares = new ArrayList<>();
      for (int i = 0; i < due.size(); i = due.endOfTarget(i)) {
        shares.add(new int[] {i, due.endOfTarget(i)});
      }
      HostedEntity.Turn[] turns = new HostedEntity.Turn[shares.size()];
      for (int t = shares.size() - 1; t >= 0; t--) {
        int[] share = shares.get(t);
        turns[t] = entities.get(due.target(share[0]))
            .run(due, share[0], share[1], next, core.epochEnd(next));
      }
      for (int t = 0; t < turns.length; t++) {
        core.merge(due.target(shares.get(t)[0]), turns[t]);
      }
      next = core.route().earliestEpoch();
    }
  }

  private static void assertSameTable(MetricsTable expected, MetricsTable actual) {
    assertTrue(expected.rowCount() > 0);
    for (int r = 0; r < expected.rowCount(); r++) {
      assertTrue(Arrays.equals(expected.row(r), actual.row(r)), "row " + r);
    }
  }

  @Test
  void theOrderProbeGivesTheSameMetricsOverSeeds() {
    OrderProbeModel probe = new OrderProbeModel(97);
    for (long seed = 1; seed <= 3; seed++) {
      assertSameTable(new SequentialRunner(probe, seed).run(40_000, 10_000),
          runHandedOver(probe, seed, 40_000, 10_000));
    }
  }

  @Test
  void theStormGivesTheSameMetricsGaugesIncluded() {
    // Supernodes come and go: their gauges (sampled) move with them.
    OverlayModel storm = OverlayModel.create(OverlayScenarios.skype2007(500), 2);
    MetricsTable expected = new SequentialRunner(storm, 2).run(4 * OverlayParams.HOUR, OverlayParams.MINUTE);
    assertTrue(Arrays.stream(expected.column("sn_clients_max")).max().orElse(0) > 0);
    assertSameTable(expected, runHandedOver(storm, 2, 4 * OverlayParams.HOUR, OverlayParams.MINUTE));
  }
}
