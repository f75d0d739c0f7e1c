package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on member JVMs of this host ({@code --cluster N}) whose members die mid-sweep (kill -9):
 * the lost runs go to the other member and runs.csv is the one of the sweep in one JVM; with no
 * member left the sweep says so, is marked failed, and --resume finishes it.
 */
class ClusterSweepRunsTest {
  @TempDir Path dir;

  private static List<ProcessHandle> memberChildren() {
    return ProcessHandle.current().children()
        .filter(p -> p.isAlive() && p.info().command().orElse("").endsWith("java"))
        .toList();
  }

  @AfterEach
  void noMemberJvmIsLeft() {
    memberChildren().forEach(ProcessHandle::destroyForcibly);
  }

  /** Runs of a few wall seconds each, so that a kill finds members busy. */
  private Path sweep(String points) throws IOException {
    Files.writeString(dir.resolve("ping.conf"), """
        patchstorm {
          experiment { name = busy-ping, model = ping, duration = 10s, report-interval = 1s,
                       partitions = 1 }
          ping.peers = 3000
        }
        """);
    Path file = dir.resolve("sweep.conf");
    Files.writeString(file, "sweep {\n  base = ping.conf\n"
        + "  axes = [ { key = patchstorm.ping.out-degree, values = " + points + " } ]\n"
        + "  seeds = [3, 1]\n}\n");
    return file;
  }

  private static CompletableFuture<CliRun> inBackground(String... args) {
    return CompletableFuture.supplyAsync(() -> CliRun.of(args));
  }

  /** Waits until the first run's results folder is complete, then kills one member with -9. */
  private static ProcessHandle killAMemberOnceARunIsWritten(Path out,
      CompletableFuture<CliRun> sweep, int members) throws Exception {
    Supplier<Boolean> aRunIsWritten = () -> {
      try (var runs = Files.list(out.resolve("runs"))) {
        return runs.anyMatch(r -> !r.toString().endsWith(".incomplete")
            && Files.isRegularFile(r.resolve("summary.json")));
      } catch (IOException notYet) {
        return false;
      }
    };
    while (!aRunIsWritten.get()) {
      assertFalse(sweep.isDone(), () -> "the sweep ended before the kill: " + sweep.join());
      Thread.sleep(100);
    }
    List<ProcessHandle> running = memberChildren();
    assertEquals(members, running.size(), running.toString());
    ProcessHandle victim = running.get(0);
    victim.destroyForcibly(); // SIGKILL: nothing in the member runs any more
    victim.onExit().get(10, TimeUnit.SECONDS);
    return victim;
  }

  @Test
  @Timeout(300)
  void aMemberKilledMidSweepLosesOnlyItsRunsAndRunsCsvIsTheSame() throws Exception {
    Path sweep = sweep("[4, 6, 8]");
    Path alone = dir.resolve("alone");
    CliRun inOneJvm = CliRun.of("sweep", sweep.toString(), "--parallel", "2", "--out",
        alone.toString(), "--quiet");
    assertEquals(0, inOneJvm.exit(), inOneJvm.err());

    Path out = dir.resolve("cluster");
    CompletableFuture<CliRun> onCluster = inBackground("sweep", sweep.toString(), "--cluster", "2",
        "--out", out.toString(), "--quiet");
    killAMemberOnceARunIsWritten(out, onCluster, 2);
    CliRun result = onCluster.get(240, TimeUnit.SECONDS);

    assertEquals(0, result.exit(), result.err());
    assertArrayEquals(Files.readAllBytes(alone.resolve("runs.csv")),
        Files.readAllBytes(out.resolve("runs.csv")));
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"complete\""));
  }

  @Test
  @Timeout(300)
  void withNoMemberLeftTheSweepSaysSoIsMarkedAndResumeFinishesIt() throws Exception {
    Path sweep = sweep("[4, 6]");
    Path out = dir.resolve("cluster");
    CompletableFuture<CliRun> onCluster = inBackground("sweep", sweep.toString(), "--cluster", "1",
        "--out", out.toString(), "--quiet");
    killAMemberOnceARunIsWritten(out, onCluster, 1);
    CliRun stranded = onCluster.get(120, TimeUnit.SECONDS);

    assertEquals(1, stranded.exit(), stranded.err());
    assertTrue(stranded.err().startsWith("Error: no member is left to carry out the sweep's runs"
        + " (lost: pekko://patchstorm@127.0.0.1:"), stranded.err());
    assertTrue(stranded.err().contains("./run.sh sweep --resume " + out), stranded.err());
    assertFalse(stranded.err().contains("\tat "), "no stack trace: " + stranded.err());
    String status = Files.readString(out.resolve("sweep.json"));
    assertTrue(status.contains("\"status\" : \"failed\"") && status.contains("no member is left"),
        status);

    CliRun resumed = CliRun.of("sweep", "--resume", out.toString(), "--quiet");
    assertEquals(0, resumed.exit(), resumed.err());
    List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(1 + 4, rows.size(), rows.toString());
    assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",complete,")), rows.toString());
  }
}
