package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.MetricsRows;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * Runs a model in the calling thread with one partition and the same epoch semantics as the actor
 * runtime. It is the reference the actor runtime must match byte for byte, and lets model tests
 * run small scenarios without an actor system.
 */
public final class SequentialRunner {
  private final Model model;
  private final long seed;

  public SequentialRunner(Model model, long seed) {
    this.model = model;
    this.seed = seed;
  }

  public MetricsTable run(long endMicros, long reportIntervalMicros) {
    PartitionCore core = new PartitionCore(model, seed, Placement.modular(1), 0, endMicros);
    ReportSchedule schedule = new ReportSchedule(reportIntervalMicros, endMicros);
    MetricsRows rows = new MetricsRows(model.schema());
    MetricsTable table = new MetricsTable(model.schema().columns());
    long next = core.start().earliestEpoch();
    while (true) {
      long startMicros =
          next == Long.MAX_VALUE ? endMicros : Math.min(endMicros, next * core.epochMicros());
      for (int row = schedule.takeRowDueBy(startMicros); row > 0; row = schedule.takeRowDueBy(startMicros)) {
        IntervalSnapshot snapshot = core.snapshot(row);
        table.add(schedule.boundaryMicros(row) / 1e6, rows.values(snapshot));
      }
      if (startMicros >= endMicros) {
        return table;
      }
      next = core.runEpoch(next).earliestEpoch();
    }
  }
}
