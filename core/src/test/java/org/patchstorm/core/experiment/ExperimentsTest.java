package org.patchstorm.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.config.ConfigProblem;

class ExperimentsTest {

  private static Experiment ping(String extra) {
    Config config =
        ConfigFactory.parseString(
                "patchstorm.experiment { name = t, model = ping }\n"
                    + "patchstorm.ping.peers = 1000\n"
                    + extra)
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    return Experiments.read(config, OptionalLong.empty());
  }

  @Test
  void autoPartitionsGrowWithEntitiesUpToTheCores() {
    assertEquals(1, Experiments.autoPartitions(100_000, 2));
    assertEquals(1, Experiments.autoPartitions(300_000, 8));
    assertEquals(2, Experiments.autoPartitions(1_000_000, 2));
    assertEquals(4, Experiments.autoPartitions(1_000_000, 8));
    assertEquals(8, Experiments.autoPartitions(10_000_000, 8));
    assertEquals(1, Experiments.autoPartitions(10, 1));
  }

  @Test
  void aNumberOfPartitionsIsTakenAsGiven() {
    assertEquals(7, ping("patchstorm.experiment.partitions = 7").partitions());
    assertEquals(1, ping("patchstorm.experiment.partitions = auto").partitions());
  }

  @Test
  void aPartitionCountOutOfRangeIsRefused() {
    assertThrows(ConfigProblem.class, () -> ping("patchstorm.experiment.partitions = 0"));
  }

  @Test
  void morePartitionsThanOnePerTenEntitiesAreRefused() {
    assertEquals(100, ping("patchstorm.experiment.partitions = 100").partitions());
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ping("patchstorm.experiment.partitions = 101"));
    assertEquals("patchstorm.experiment.partitions", problem.key());
    assertTrue(problem.describe().contains("use at most 100"), problem.describe());
  }

  @Test
  void anOutDegreeBeyondThePeersIsRefused() {
    assertEquals(1000, ping("patchstorm.ping.out-degree = 999").model().entityCount());
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ping("patchstorm.ping.out-degree = 1000"));
    assertEquals("patchstorm.ping.out-degree", problem.key());
  }

  private static Experiment overlay(String timeline) {
    Config config =
        ConfigFactory.parseString(
                "patchstorm.experiment { name = t, model = overlay, duration = 2h }\n"
                    + "patchstorm.overlay { peers = 1000, timeline = [" + timeline + "] }")
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    return Experiments.read(config, OptionalLong.empty());
  }

  @Test
  void aTimelineEventAfterTheEndIsRefused() {
    String late = "{ type = throttle-logins, at = 2h, per-second = 5 }";
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> overlay(late));
    assertEquals("patchstorm.overlay.timeline[0].at", problem.key());
    assertTrue(problem.describe().contains("never happen"), problem.describe());
    overlay("{ type = throttle-logins, at = 119m, per-second = 5 }");
    // An end-of-run event shortens the run: what comes after it is refused too.
    assertThrows(ConfigProblem.class, () -> overlay("{ type = end-of-run, at = 1h }, "
        + "{ type = throttle-logins, at = 90m, per-second = 5 }"));
  }

  @Test
  void aSeedOverrideWins() {
    Config config =
        ConfigFactory.parseString("patchstorm.experiment { name = t, model = ping, seed = 3 }")
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    assertEquals(9, Experiments.read(config, OptionalLong.of(9)).seed());
    assertEquals(3, Experiments.read(config, OptionalLong.empty()).seed());
  }
}
