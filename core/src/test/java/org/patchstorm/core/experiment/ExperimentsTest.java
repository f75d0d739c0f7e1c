package org.patchstorm.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void aSeedOverrideWins() {
    Config config =
        ConfigFactory.parseString("patchstorm.experiment { name = t, model = ping, seed = 3 }")
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    assertEquals(9, Experiments.read(config, OptionalLong.of(9)).seed());
    assertEquals(3, Experiments.read(config, OptionalLong.empty()).seed());
  }
}
