package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.metrics.MetricsTable;

/** Helpers shared by the runtime tests: run a model on actors and compare tables cell by cell. */
final class Runs {
  private Runs() {}

  /** What a run produced: its table, the entities reported at setup, and how it ended. */
  record Result(MetricsTable table, int entities, List<String> events, LocalRun.Outcome outcome) {}

  /** The default dispatcher pinned to exactly {@code threads} threads. */
  static Config withThreads(int threads) {
    return ConfigFactory.parseString(
            "pekko.actor.default-dispatcher.fork-join-executor {"
                + " parallelism-min = " + threads + ", parallelism-max = " + threads + " }")
        .withFallback(ConfigFactory.load());
  }

  static Result onActors(
      Model model, long seed, int partitions, long endMicros, long reportMicros, int threads) {
    return onActors(model, seed, partitions, endMicros, reportMicros, threads, Hosting.PARTITIONED);
  }

  static Result onActors(
      Model model, long seed, int partitions, long endMicros, long reportMicros, int threads,
      Hosting hosting) {
    return onActors(
        new Partition.Plan(model, seed, partitions, endMicros, reportMicros, hosting, false),
        threads);
  }

  static Result onActors(Partition.Plan plan, int threads) {
    MetricsTable table = new MetricsTable(plan.model().schema().columns());
    List<String> events = new ArrayList<>();
    int[] entities = {-1};
    RunListener listener =
        new RunListener() {
          @Override
          public void setupDone(int count) {
            entities[0] = count;
            events.add("setup");
          }

          @Override
          public void row(double timeSeconds, double[] values, long eventsDeliveredSoFar) {
            table.add(timeSeconds, values);
            events.add("row");
          }

          @Override
          public void finished() {
            events.add("finished");
          }

          @Override
          public void failed(String reason) {
            events.add("failed");
          }
        };
    LocalRun.Outcome outcome =
        LocalRun.run(plan, listener, withThreads(threads));
    return new Result(table, entities[0], events, outcome);
  }

  static void assertSameTable(MetricsTable expected, MetricsTable actual, String what) {
    assertEquals(expected.columns(), actual.columns(), what);
    assertEquals(expected.rowCount(), actual.rowCount(), what + ": rows");
    for (int r = 0; r < expected.rowCount(); r++) {
      assertEquals(expected.time(r), actual.time(r), what + ": time of row " + r);
      assertArrayEquals(expected.row(r), actual.row(r), what + ": row " + r);
    }
  }
}
