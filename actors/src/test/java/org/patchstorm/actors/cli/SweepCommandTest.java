package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ./run.sh sweep as a user meets it: determinism over parallelism, errors, resume, Ctrl-C. */
class SweepCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @BeforeEach
  void pingExperiment() throws IOException {
    Files.writeString(dir.resolve("ping.conf"), """
        patchstorm {
          experiment { name = tiny-ping, model = ping, duration = 3s, report-interval = 1s,
                       partitions = 2 }
          ping.peers = 300
        }
        """);
  }

  private Path sweepFile(String axes, String seeds) throws IOException {
    Path file = dir.resolve("sweep.conf");
    Files.writeString(file, "sweep {\n  base = ping.conf\n  axes = [\n" + axes + "\n  ]\n"
        + "  seeds = " + seeds + "\n}\n");
    return file;
  }

  private Path smallSweep() throws IOException {
    return sweepFile("""
            { key = patchstorm.ping.peers, values = [200, 300] }
            { key = patchstorm.ping.out-degree, values = [8] }
        """, "[11, 5]");
  }

  @Test
  @Timeout(300)
  void runsCsvIsTheSameByteForByteWithOneOrTwoRunsAtATimeAndOnTwoMembers() throws IOException {
    Path sweep = smallSweep();
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    Path cluster = dir.resolve("cluster");
    CliRun r1 = run("sweep", sweep.toString(), "--parallel", "1", "--out", one.toString(), "--quiet");
    CliRun r2 = run("sweep", sweep.toString(), "--parallel", "2", "--out", two.toString(), "--quiet");
    CliRun r3 = run("sweep", sweep.toString(), "--cluster", "2", "--out", cluster.toString());
    assertEquals(0, r1.exit(), r1.err());
    assertEquals(0, r2.exit(), r2.err());
    assertEquals(0, r3.exit(), r3.err());
    byte[] runs = Files.readAllBytes(one.resolve("runs.csv"));
    assertArrayEquals(runs, Files.readAllBytes(two.resolve("runs.csv")));
    assertArrayEquals(runs, Files.readAllBytes(cluster.resolve("runs.csv")));
    assertArrayEquals(Files.readAllBytes(one.resolve("points.csv")),
        Files.readAllBytes(two.resolve("points.csv")));
    assertArrayEquals(Files.readAllBytes(one.resolve("points.csv")),
        Files.readAllBytes(cluster.resolve("points.csv")));
    assertTrue(r3.err().contains("1 at a time on each of 2 members (pekko://patchstorm@127.0.0.1:"),
        r3.err());
    assertTrue(Files.readString(cluster.resolve("runs/p01_300_8_seed5/manifest.json"))
        .contains("\"pekko://patchstorm@127.0.0.1:"), "the run names the member that ran it");
    assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive),
        "the sweep stops the members it started");
    List<String> lines = Files.readAllLines(one.resolve("runs.csv"));
    assertEquals(1 + 2 * 2, lines.size(), "a header and one row per point and seed");
    assertTrue(lines.get(0).startsWith("point,peers,out-degree,seed,status,"), lines.get(0));
    assertTrue(lines.get(1).startsWith("0,200,8,11,complete,"), "sweep order, seeds as listed: "
        + lines.get(1));
    assertTrue(lines.get(2).startsWith("0,200,8,5,complete,"), lines.get(2));
    assertTrue(Files.isRegularFile(one.resolve("report.html")));
    assertTrue(Files.isRegularFile(one.resolve("runs/p01_300_8_seed5/metrics.csv")));
    assertTrue(Files.isRegularFile(one.resolve("runs/p01_300_8_seed5/report.html")),
        "every run has its own report");
    Path alone = dir.resolve("alone");
    assertEquals(0, run(dir.resolve("ping.conf").toString(), "--seed", "5",
        "--set", "patchstorm.ping.peers=300", "--set", "patchstorm.ping.out-degree=8",
        "--out", alone.toString(), "--quiet").exit());
    assertArrayEquals(Files.readAllBytes(alone.resolve("metrics.csv")),
        Files.readAllBytes(two.resolve("runs/p01_300_8_seed5/metrics.csv")),
        "a run of a sweep is the run on its own, whatever ran beside it");
    assertArrayEquals(Files.readAllBytes(alone.resolve("metrics.csv")),
        Files.readAllBytes(cluster.resolve("runs/p01_300_8_seed5/metrics.csv")),
        "... and whichever JVM ran it");
  }

  @Test
  void aBadSweepFileIsOneLocatedParagraphAndNothingRuns() throws IOException {
    Path sweep = sweepFile("""
            { key = patchstorm.ping.peers, values = [200, 300] }
            { key = patchstorm.ping.out-degre, values = [4, 8] }
        """, "2");
    Path out = dir.resolve("out");
    CliRun r = run("sweep", sweep.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(sweep.toString()), r.err());
    assertTrue(r.err().contains("line 5"), r.err());
    assertTrue(r.err().contains("patchstorm.ping.out-degre"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one paragraph: " + r.err());
    assertFalse(Files.exists(out), "no sweep folder before the sweep is valid");
  }

  @Test
  void runsThatCannotFitSideBySideAreRefusedBeforeAnyStartsNamingAParallelThatFits()
      throws IOException {
    Path sweep = sweepFile("{ key = patchstorm.ping.peers, values = [1000, 1000000] }", "2");
    Path out = dir.resolve("out");
    CliRun r = run("sweep", sweep.toString(), "--parallel", "1024", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("Error: Not enough memory: 4 runs at a time"),
        "the runs there are, not more: " + r.err());
    assertTrue(r.err().contains("--parallel "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out), "nothing started");
  }

  @Test
  void seedsZeroExitsTwo() throws IOException {
    CliRun r = run("sweep", sweepFile("{ key = patchstorm.ping.peers, values = [200] }", "0")
        .toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("sweep.seeds"), r.err());
  }

  @Test
  void resumeRunsOnlyWhatDidNotCompleteAndGivesTheSameTables() throws IOException {
    Path sweep = sweepFile("{ key = patchstorm.ping.peers, values = [200, 300] }", "[11, 5]");
    Path out = dir.resolve("s");
    assertEquals(0, run("sweep", sweep.toString(), "--out", out.toString(), "--quiet").exit());
    byte[] runs = Files.readAllBytes(out.resolve("runs.csv"));
    Path kept = out.resolve("runs/p00_200_seed11");
    Files.writeString(kept.resolve("marker"), "kept");
    Path lost = out.resolve("runs/p01_300_seed5");
    deleteTree(lost);
    Path unfinished = out.resolve("runs/p00_200_seed5");
    Files.move(unfinished, out.resolve("runs/p00_200_seed5.incomplete"));
    Files.delete(out.resolve("runs.csv"));

    CliRun r = run("sweep", "--resume", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("4 runs, 2 to do"), r.err());
    assertTrue(Files.exists(kept.resolve("marker")), "a completed run is not run again");
    assertTrue(Files.isRegularFile(lost.resolve("summary.json")));
    assertFalse(Files.exists(out.resolve("runs/p00_200_seed5.incomplete")));
    assertTrue(Files.isRegularFile(unfinished.resolve("summary.json")));
    assertArrayEquals(runs, Files.readAllBytes(out.resolve("runs.csv")));
  }

  @Test
  void resumeRefusesASweepFileThatChanged() throws IOException {
    Path sweep = sweepFile("{ key = patchstorm.ping.peers, values = [200] }", "[11, 5]");
    Path out = dir.resolve("s");
    assertEquals(0, run("sweep", sweep.toString(), "--out", out.toString(), "--quiet").exit());
    Files.writeString(sweep, Files.readString(sweep).replace("[11, 5]", "[11, 6]"));
    CliRun r = run("sweep", "--resume", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("has changed"), r.err());
  }

  @Test
  @Timeout(180)
  void ctrlCStopsCleanlyAndResumeCompletesTheSweep() throws Exception {
    Files.writeString(dir.resolve("ping.conf"), """
        patchstorm {
          experiment { name = slow-ping, model = ping, duration = 20s, report-interval = 1s,
                       partitions = 1 }
          ping.peers = 5000
        }
        """);
    Path sweep = sweepFile("{ key = patchstorm.ping.out-degree, values = [2, 3, 4] }",
        "1");
    Path out = dir.resolve("s");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "sweep", sweep.toString(), "--parallel", "1", "--out", out.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      // The progress line comes once the run is recorded, so the sweep has something to show.
      while (!Files.readString(dir.resolve("stderr.txt")).contains("sweep: 1 of 3")) {
        assertTrue(process.isAlive(), "the sweep ended before it was stopped");
        Thread.sleep(100);
      }
      process.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the sweep did not stop");
    } finally {
      process.destroyForcibly();
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertTrue(stderr.contains("Go on with: ./run.sh sweep --resume"), stderr);
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"interrupted\""));
    List<String> partial = Files.readAllLines(out.resolve("runs.csv"));
    assertTrue(partial.size() >= 2 && partial.size() < 4, "only the runs that finished: " + partial);

    CliRun resumed = run("sweep", "--resume", out.toString(), "--quiet");
    assertEquals(0, resumed.exit(), resumed.err());
    List<String> rows = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(4, rows.size());
    assertTrue(rows.stream().skip(1).allMatch(l -> l.contains(",complete,")), rows.toString());
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
