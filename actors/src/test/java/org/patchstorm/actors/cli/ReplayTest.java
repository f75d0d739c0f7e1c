package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A results folder's experiment.conf runs again ("Run it again with: ./run.sh <this file>"),
 * though it holds every default: those of the other model, of a retry policy not chosen and
 * run.sh's system properties must not come back as unknown keys.
 */
class ReplayTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "patchstorm { experiment { name = r, model = overlay, duration = 1h }, overlay { peers = 400,"
          + " login.retry { policy = immediate }, client.connect-retry { policy = fixed, interval = 2s } } }",
      "patchstorm { experiment { name = r, model = ping, duration = 5s, report-interval = 1s }, ping.peers = 300 }"})
  void experimentConfReplaysToTheSameMetrics(String experiment) throws Exception {
    Path file = dir.resolve("exp.conf");
    Files.writeString(file, experiment);
    // run.sh passes these to the JVM; they must not end up in the experiment as keys.
    System.setProperty("patchstorm.git.commit", "abc1234");
    ConfigFactory.invalidateCaches();
    try {
      CliRun first = CliRun.of(file.toString(), "--out", dir.resolve("first").toString(), "--quiet");
      assertEquals(0, first.exit(), first.err());
      String written = Files.readString(dir.resolve("first").resolve("experiment.conf"));
      assertFalse(written.contains("abc1234"), written);
      CliRun again = CliRun.of(dir.resolve("first").resolve("experiment.conf").toString(),
          "--out", dir.resolve("again").toString(), "--quiet");
      assertEquals(0, again.exit(), again.err());
      assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve("metrics.csv")),
          Files.readAllBytes(dir.resolve("again").resolve("metrics.csv")));
    } finally {
      System.clearProperty("patchstorm.git.commit");
      ConfigFactory.invalidateCaches();
    }
  }
}
