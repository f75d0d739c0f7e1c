package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves behind when its process is stopped from outside (Ctrl-C, kill). */
class ExperimentRunnerTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void aRunStoppedBySignalIsMarkedFailedWithTheVirtualTimeReached() throws Exception {
    Path experiment = dir.resolve("long.conf");
    // Hours of virtual time: it cannot finish before the test stops it.
    Files.writeString(experiment, """
        patchstorm {
          experiment { name = long, model = ping, seed = 5, duration = 10h, report-interval = 1s }
          ping { peers = 20000 }
        }
        """);
    Path out = dir.resolve("out");
    Path working = dir.resolve("out.incomplete");
    Process run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                experiment.toString(),
                "--out",
                out.toString(),
                "--quiet")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      Path csv = working.resolve("metrics.csv");
      while (lines(csv) < 3) {
        assertTrue(run.isAlive(), "the run ended before it was stopped");
        Thread.sleep(100);
      }
      run.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not stop");
    } finally {
      run.destroyForcibly();
    }
    assertNotEquals(0, run.exitValue());
    assertFalse(Files.exists(out), "an interrupted run must not look complete");
    String manifest = Files.readString(working.resolve("manifest.json"));
    assertTrue(manifest.contains("\"status\" : \"failed\""), manifest);
    assertTrue(manifest.contains("interrupted at virtual time"), manifest);
    assertFalse(manifest.contains("\"virtualTimeReachedSeconds\" : 0.0"), manifest);
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertTrue(stderr.contains("Interrupted: partial results are in"), stderr);
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> all = Files.readAllLines(file);
    return all.size();
  }
}
