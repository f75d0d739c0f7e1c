package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.ping.PingModel;
import org.patchstorm.core.ping.PingParams;

/**
 * A whole run on a fresh actor system: it ends, reports in order, and names a failing entity, with
 * the entities inside their partitions or as actors of their own.
 */
@Timeout(60)
class LocalRunTest {
  private static final Pattern ENTITY_7 = Pattern.compile("\\bentity 7\\b");

  @Test
  void aRunReportsSetupThenEveryRowThenFinished() {
    // 10 ms end, 3 ms rows: rows end at 3, 6, 9 and 10 ms.
    PingModel ping = new PingModel(new PingParams(50, 3, 2000, 1000, 1500));
    Runs.Result run = Runs.onActors(ping, 5, 4, 10_000, 3000, 2);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    assertEquals(50, run.entities());
    assertEquals(List.of("setup", "row", "row", "row", "row", "finished"), run.events());
    assertEquals(0.003, run.table().time(0));
    assertEquals(0.01, run.table().time(3));
    // Each peer fires once per 2 ms period with its phase in [0, 2 ms): 5 firings in 10 ms.
    assertEquals(250, run.table().sum("timer_firings"));
  }

  @ParameterizedTest(name = "{0} partitions, {1}")
  @CsvSource({"1, PARTITIONED", "3, PARTITIONED", "1, ACTOR_PER_ENTITY", "3, ACTOR_PER_ENTITY"})
  void anEntityThrowingEndsTheRunWithAFailureNamingIt(int partitions, Hosting hosting) {
    Runs.Result run =
        Runs.onActors(new FailingModel(7, FailingModel.When.RECEIVE_EXCEPTION), 1, partitions,
            20_000, 5000, 2, hosting);
    assertFalse(run.outcome().completed());
    String failure = run.outcome().failure();
    assertTrue(ENTITY_7.matcher(failure).find(), failure);
    assertTrue(failure.contains("boom at 5500"), failure);
    assertTrue(failure.contains("at virtual time 0.005 s"), failure);
    assertEquals("failed", run.events().get(run.events().size() - 1));
    assertFalse(run.events().contains("finished"));
  }

  @ParameterizedTest
  @EnumSource(Hosting.class)
  void anEntityThrowingAnErrorEndsTheRunWithAFailureNamingIt(Hosting hosting) {
    Runs.Result run = Runs.onActors(
        new FailingModel(7, FailingModel.When.RECEIVE_ERROR), 1, 2, 20_000, 5000, 2, hosting);
    assertFalse(run.outcome().completed());
    String failure = run.outcome().failure();
    assertTrue(ENTITY_7.matcher(failure).find(), failure);
    assertTrue(failure.contains("broken invariant"), failure);
  }

  @ParameterizedTest
  @EnumSource(Hosting.class)
  void anEntityThrowingAtStartEndsTheRunWithAFailureNamingIt(Hosting hosting) {
    Runs.Result run = Runs.onActors(
        new FailingModel(7, FailingModel.When.START), 1, 2, 20_000, 5000, 2, hosting);
    assertFalse(run.outcome().completed());
    String failure = run.outcome().failure();
    assertTrue(ENTITY_7.matcher(failure).find(), failure);
    assertTrue(failure.contains("refusing to start"), failure);
  }
}
