package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.results.Manifest;
import org.patchstorm.core.results.ResultsFolder;

/** The folder's record of the experiment as run: what a live run's injections leave behind. */
class ExperimentAsRunTest {
  @TempDir Path dir;

  private static final String OVERLAY = """
      patchstorm {
        experiment { name = small, model = overlay, seed = 3, duration = 1h, report-interval = 1m }
        overlay { peers = 500 }
      }
      """;

  private static final String BURST_AT_5M =
      "{ type = restart-burst, at = 5m, window = 1m, fraction = 0.1 }";
  private static final String BURST_AT_9M =
      "{ type = restart-burst, at = 9m, window = 1m, fraction = 0.2 }";

  /** A disk whose manifest writes fail once {@code failManifest} is set. */
  private static final class FlakyManifestDisk extends LocalDisk {
    volatile boolean failManifest;

    @Override
    public void write(Path file, byte[] bytes) throws IOException {
      if (failManifest && file.getFileName().toString().startsWith("manifest")) {
        throw new IOException("no space left on device");
      }
      super.write(file, bytes);
    }
  }

  private final FlakyManifestDisk disk = new FlakyManifestDisk();

  private ExperimentAsRun start() throws IOException {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, OVERLAY);
    Config merged = ExperimentFiles.load(file, List.of(), Main.defaults());
    Experiment experiment = Experiments.read(merged, OptionalLong.empty());
    ResultsFolder folder =
        ResultsFolder.create(dir.resolve("out"), dir, "small", Clock.systemUTC(), disk);
    Manifest starting = Manifest.starting(
        "small", file.toString(), 3, List.of(), 1, "partitioned", Clock.systemUTC());
    ExperimentAsRun asRun = new ExperimentAsRun(experiment, merged, folder, starting);
    asRun.writeStart();
    return asRun;
  }

  private Path working(String name) {
    return dir.resolve("out.incomplete").resolve(name);
  }

  private List<? extends Config> timeline() {
    Config conf = ConfigFactory.parseFile(working("experiment.conf").toFile());
    return conf.hasPath("patchstorm.overlay.timeline") ? conf.getConfigList("patchstorm.overlay.timeline")
        : List.of();
  }

  @Test
  void eachInjectionIsAppendedToTheTimelineAndListedInTheManifestInOrder() throws IOException {
    ExperimentAsRun asRun = start();
    assertEquals(0, timeline().size());
    asRun.record(300_000_000L, "burst 5m", BURST_AT_5M);
    asRun.record(540_000_000L, "burst 9m", BURST_AT_9M);
    List<? extends Config> timeline = timeline();
    assertEquals(2, timeline.size());
    assertEquals(0.1, timeline.get(0).getDouble("fraction"));
    assertEquals(0.2, timeline.get(1).getDouble("fraction"));
    var injected = new ObjectMapper().readTree(working("manifest.json").toFile()).get("injected");
    assertEquals(2, injected.size(), injected.toString());
    assertEquals(540.0, injected.get(1).get("at").asDouble());
    assertEquals("burst 9m", injected.get(1).get("label").asText());
    assertEquals(2, asRun.recorded(startingManifest()).injected().size());
  }

  @Test
  void anInjectionWhoseManifestCannotBeWrittenIsRefusedAndExperimentConfKeepsItsOldText()
      throws IOException {
    ExperimentAsRun asRun = start();
    asRun.record(300_000_000L, "burst 5m", BURST_AT_5M);
    String before = Files.readString(working("experiment.conf"));
    disk.failManifest = true;
    assertThrows(RuntimeException.class,
        () -> asRun.record(540_000_000L, "burst 9m", BURST_AT_9M));
    assertEquals(before, Files.readString(working("experiment.conf")));
    assertEquals(before, asRun.text());
    assertEquals(1, asRun.recorded(startingManifest()).injected().size());
  }

  @Test
  void onceClosedItRefusesInjections() throws IOException {
    ExperimentAsRun asRun = start();
    asRun.close();
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> asRun.record(300_000_000L, "burst 5m", BURST_AT_5M));
    assertTrue(refused.getMessage().contains("interrupted"), refused.getMessage());
    assertEquals(0, timeline().size());
  }

  private static Manifest startingManifest() {
    return Manifest.starting("small", "small.conf", 3, List.of(), 1, "partitioned",
        Clock.systemUTC());
  }
}
