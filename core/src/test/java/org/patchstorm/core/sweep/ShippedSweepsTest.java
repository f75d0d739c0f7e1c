package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sweeps in config/sweeps are valid point by point, and as large as they say. */
class ShippedSweepsTest {
  private static final Path SWEEPS = Path.of("..", "config", "sweeps");

  @ParameterizedTest
  @CsvSource({"restart-threshold, 20, 10", "retry-policies, 10, 10", "ddos-size, 12, 5"})
  void everyPointOfTheShippedSweepIsValid(String name, int points, int seeds) {
    Sweep sweep = SweepFile.read(SWEEPS.resolve(name + ".conf"));
    SweepPlan plan = SweepPlan.of(sweep, List.of(), ConfigFactory.defaultReferenceUnresolved());
    assertEquals(name, sweep.name());
    assertEquals(points, plan.points().size());
    assertEquals(seeds, sweep.seeds().size());
    assertTrue(plan.verdicts());
    assertEquals(20000, plan.points().get(0).merged().getInt("patchstorm.overlay.peers"));
  }
}
