package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.results.ResultsDisk;
import org.patchstorm.core.sweep.Sweep;
import org.patchstorm.core.sweep.SweepFile;
import org.patchstorm.core.sweep.SweepFolder;
import org.patchstorm.core.sweep.SweepPlan;

/** The sweep's own files on a failing disk: one paragraph, exit code 4, no stack trace. */
class SweepRunnerTest {
  @TempDir Path dir;

  private record Ran(int exit, String err) {}

  private Ran sweepOn(ResultsDisk disk) throws IOException {
    Files.writeString(dir.resolve("ping.conf"), """
        patchstorm {
          experiment { name = tiny-ping, model = ping, duration = 2s, report-interval = 1s }
          ping.peers = 200
        }
        """);
    Path file = dir.resolve("sweep.conf");
    Files.writeString(file, """
        sweep {
          base = ping.conf
          axes = [ { key = patchstorm.ping.out-degree, values = [4, 8] } ]
          seeds = 1
        }
        """);
    Sweep sweep = SweepFile.read(file);
    SweepPlan plan = SweepPlan.of(sweep, List.of(), Main.defaults());
    SweepFolder folder =
        SweepFolder.create(dir.resolve("out"), null, sweep, Clock.systemUTC(), disk);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int exit = new SweepRunner(plan, folder, new LocalSweepRuns(1), true, quiet,
        new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    return new Ran(exit, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFullDiskUnderTheSweepTablesIsExitFourWithTheFileAndWhatToDo() throws IOException {
    Ran ran = sweepOn(new FullDisk("runs.csv", 0, false));

    assertEquals(ExperimentRunner.EXIT_NOT_WRITTEN, ran.exit(), ran.err());
    assertTrue(ran.err().startsWith("Error: the sweep's results could not be written: cannot write"
        + " runs.csv: No space left on device"), ran.err());
    assertTrue(ran.err().contains("--resume"), ran.err());
    assertFalse(ran.err().contains("\tat "), "no stack trace: " + ran.err());
    assertEquals(1, ran.err().strip().lines().count(), "one paragraph: " + ran.err());
    assertFalse(Files.exists(dir.resolve("out/runs.csv.tmp")), "no temporary is left");
  }
}
