package org.patchstorm.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchstorm.actors.engine.HoggingModel;
import org.patchstorm.actors.engine.KickModel;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * Live runs on actors, steered through {@link LiveRun}: injected events replay exactly from what
 * was recorded, refusals leave the run unchanged, pause stops virtual time. No assertion is on
 * timing: waits are bounded only to end a broken test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveRunTest {
  private static final int ENTITIES = 120;
  private static final long REPORT = 10_000;

  /** A live run going in the background, its rows collected as metrics.csv would get them. */
  private static final class Going {
    final LiveRun live;
    final MetricsTable table;
    final CompletableFuture<LocalRun.Outcome> outcome = new CompletableFuture<>();
    final List<String> recorded = new ArrayList<>();

    Going(Model model, long seed, int partitions, long endMicros, boolean startPaused) {
      this(model, seed, partitions, endMicros, startPaused, Hosting.PARTITIONED);
    }

    Going(Model model, long seed, int partitions, long endMicros, boolean startPaused,
        Hosting hosting) {
      table = new MetricsTable(model.schema().columns());
      live = new LiveRun(model.schema().columns(), endMicros / 1e6, model.injections(),
          () -> Path.of("results"));
      if (startPaused) {
        live.pause();
      }
      RunListener listener = live.listening(new RunListener() {
        @Override
        public void setupDone(int entities) {}

        @Override
        public synchronized void row(double timeSeconds, double[] values, long events) {
          table.add(timeSeconds, values);
        }

        @Override
        public void finished() {}

        @Override
        public void failed(String reason) {}

        @Override
        public synchronized void injected(long atMicros, String label, String entry) {
          recorded.add(entry);
        }
      });
      Thread runner = new Thread(() -> outcome.complete(LocalRun.run(
          new Partition.Plan(model, seed, partitions, endMicros, REPORT, hosting, true), listener,
          ConfigFactory.load())), "live-run");
      runner.setDaemon(true);
      runner.start();
    }

    LocalRun.Outcome end() throws Exception {
      return outcome.get(100, TimeUnit.SECONDS);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  private static MetricsTable sequential(Model model, long seed, long endMicros) {
    return new SequentialRunner(model, seed).run(endMicros, REPORT);
  }

  private static void assertSameTable(MetricsTable expected, MetricsTable actual) {
    assertEquals(expected.rowCount(), actual.rowCount(), "rows");
    for (int r = 0; r < expected.rowCount(); r++) {
      assertEquals(expected.time(r), actual.time(r), "time of row " + r);
      assertTrue(Arrays.equals(expected.row(r), actual.row(r)), "row " + r + ": expected "
          + Arrays.toString(expected.row(r)) + ", got " + Arrays.toString(actual.row(r)));
    }
  }

  private static boolean sameTable(MetricsTable a, MetricsTable b) {
    if (a.rowCount() != b.rowCount()) {
      return false;
    }
    for (int r = 0; r < a.rowCount(); r++) {
      if (!Arrays.equals(a.row(r), b.row(r))) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest(name = "seed {0}, {1} partitions, {2}")
  @CsvSource({"1, 1, PARTITIONED", "2, 3, ACTOR_PER_ENTITY", "3, 2, PARTITIONED"})
  void injectedKicksReplayFromTheirRecordedEntries(long seed, int partitions, Hosting hosting)
      throws Exception {
    long end = 3_000_000;
    KickModel model = new KickModel(ENTITIES, List.of());
    Going run = new Going(model, seed, partitions, end, true, hosting);
    // While paused at the start: an event at a time of its own.
    LiveControl.Injected first = run.live.inject("{ at = 25ms, target = 7, amount = 40 }");
    assertEquals(0.025, first.atSeconds());
    run.live.pace(1); // a virtual second per wall second: the run is still going below
    run.live.resume();
    await(() -> run.live.status().rows() >= 20, "20 rows have arrived");
    // While it runs: at the next possible moment, wherever that is.
    LiveControl.Injected second = run.live.inject("{ target = 11, amount = 30 }");
    assertTrue(second.atSeconds() >= 0.2, "not in the past: " + second.atSeconds());
    run.live.pace(0);
    assertTrue(run.end().completed());
    assertEquals(LiveControl.State.FINISHED, run.live.status().state());
    assertEquals(List.of(first, second), run.live.injected());
    assertEquals(List.of(first.timelineEntry(), second.timelineEntry()), run.recorded);

    MetricsTable replayed = sequential(KickModel.replaying(ENTITIES, run.recorded), seed, end);
    assertSameTable(replayed, run.table);
    assertFalse(sameTable(sequential(model, seed, end), run.table),
        "the kicks changed nothing: the test could not tell a lost injection");
  }

  @Test
  void refusalsSayWhyAndLeaveTheRunUnchanged() throws Exception {
    long end = 2_000_000;
    KickModel model = new KickModel(ENTITIES, List.of());
    Going run = new Going(model, 5, 2, end, true);
    run.live.pace(0.5); // still going when the test pauses it, however slow the machine
    run.live.resume();
    await(() -> run.live.status().rows() >= 10, "10 rows have arrived");
    double stoppedAt = run.live.pauseAt();
    assertTrue(stoppedAt >= 0.1, "paused at " + stoppedAt);

    String past = refusal(run.live, "{ at = 5ms, target = 1, amount = 3 }");
    assertTrue(past.contains("in the past") && past.contains("current virtual time"), past);
    String afterEnd = refusal(run.live, "{ at = 2s, target = 1, amount = 3 }");
    assertTrue(afterEnd.contains("after the end"), afterEnd);
    String badValue = refusal(run.live, "{ target = 1, amount = 0 }");
    assertTrue(badValue.contains("'amount' must be 1 to 100"), badValue);
    String badTarget = refusal(run.live, "{ target = " + ENTITIES + ", amount = 2 }");
    assertTrue(badTarget.contains("'target'"), badTarget);
    String notHocon = refusal(run.live, "{ target = ");
    assertTrue(notHocon.contains("not HOCON"), notHocon);
    for (String message : List.of(past, afterEnd, badValue, badTarget, notHocon)) {
      assertFalse(message.contains("\n"), "one line: " + message);
    }

    run.live.pace(0);
    run.live.resume();
    assertTrue(run.end().completed());
    String over = refusal(run.live, "{ target = 1, amount = 3 }");
    assertTrue(over.contains("the run is over"), over);
    assertTrue(run.live.injected().isEmpty());
    assertTrue(run.recorded.isEmpty());
    assertSameTable(sequential(model, 5, end), run.table);
  }

  @Test
  void aModelWithoutInjectionsRefusesThem() throws Exception {
    Going run = new Going(new HoggingModel(), 1, 1, 5_000, true);
    String refusal = refusal(run.live, "{ type = restart-burst, fraction = 0.1 }");
    assertEquals("this model takes no injections", refusal);
    run.live.resume();
    assertTrue(run.end().completed());
  }

  @Test
  void noRowArrivesWhilePausedAndRowsResumeAfter() throws Exception {
    long end = 4_000_000;
    KickModel model = new KickModel(ENTITIES, List.of());
    Going run = new Going(model, 9, 3, end, true);
    await(() -> run.live.status().state() == LiveControl.State.PAUSED, "the run is set up");
    Thread.sleep(500);
    assertEquals(0, run.live.status().rows(), "a row arrived while paused from the start");

    run.live.pace(1); // still going when the test pauses it, however slow the machine
    run.live.resume();
    await(() -> run.live.status().rows() >= 30, "30 rows have arrived");
    double stoppedAt = run.live.pauseAt();
    // Rows up to where it stops may still arrive; none after it, however long we look.
    int rowsUpTo = (int) Math.floor(stoppedAt * 1e6 / REPORT + 1e-9);
    await(() -> run.live.status().rows() >= rowsUpTo, "the rows granted before the pause arrived");
    Thread.sleep(500);
    assertEquals(rowsUpTo, run.live.status().rows(), "rows went on while paused at " + stoppedAt);
    assertEquals(LiveControl.State.PAUSED, run.live.status().state());

    run.live.pace(0);
    run.live.resume();
    assertTrue(run.end().completed());
    assertEquals(end / REPORT, run.live.status().rows());
    assertSameTable(sequential(model, 9, end), run.table);
  }

  @Test
  void stopEndsTheRunAsStopped() throws Exception {
    Going run = new Going(new KickModel(ENTITIES, List.of()), 1, 2, 60_000_000, true);
    await(() -> run.live.status().state() == LiveControl.State.PAUSED, "the run is set up");
    run.live.stop();
    LocalRun.Outcome outcome = run.end();
    assertFalse(outcome.completed());
    assertTrue(outcome.failure().contains("stopped through the live control"), outcome.failure());
    assertEquals(LiveControl.State.STOPPED, run.live.status().state());
  }

  private static String refusal(LiveControl live, String hocon) {
    InjectionRefused refused = assertThrows(InjectionRefused.class, () -> live.inject(hocon));
    return refused.getMessage();
  }

  @Test
  void aNegativePaceIsRefused() {
    LiveRun live = new LiveRun(List.of("x"), 1, null, () -> Path.of("results"));
    assertThrows(IllegalArgumentException.class, () -> live.pace(-1));
    assertThrows(IllegalArgumentException.class, () -> live.pace(Double.NaN));
    assertNotEquals(LiveControl.State.RUNNING, live.status().state());
  }
}
