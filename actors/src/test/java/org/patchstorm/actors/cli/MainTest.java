package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, error paragraphs, the results folder. */
class MainTest {

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path experiment(String body) throws IOException {
    Path file = dir.resolve("exp.conf");
    Files.writeString(file, body);
    return file;
  }

  private static final String SMALL_PING =
      """
      patchstorm {
        experiment {
          name = tiny-ping
          model = ping
          duration = 3s
          report-interval = 1s
          partitions = 2
        }
        ping.peers = 300
      }
      """;

  @Test
  void unknownKeyIsOneParagraphNamingFileLineAndKey() throws IOException {
    Path file =
        experiment(
            """
            patchstorm {
              experiment.model = ping
              ping {
                peers = 300
                out-degre = 5
              }
            }
            """);
    CliRun r = run(file.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(file.toString()), r.err());
    assertTrue(r.err().contains("line 5"), r.err());
    assertTrue(r.err().contains("patchstorm.ping.out-degre"), r.err());
    assertTrue(r.err().contains("out-degree"), "suggests the known key: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "no results folder for a run that never started");
  }

  @Test
  void valueOutOfRangeNamesTheKey() throws IOException {
    Path file = experiment(SMALL_PING);
    CliRun r = run(file.toString(), "--set", "patchstorm.ping.peers=1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("patchstorm.ping.peers"), r.err());
    assertTrue(r.err().contains("--set"), r.err());
  }

  @Test
  void missingExperimentFileIsNamed() {
    CliRun r = run(dir.resolve("nope.conf").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("nope.conf"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void seedMustBeANumber() throws IOException {
    CliRun r = run(experiment(SMALL_PING).toString(), "--seed", "abc");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--seed"), r.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = run("--frobnicate");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }

  @Test
  void helpListsTheOptions() {
    CliRun r = run("--help");
    assertEquals(0, r.exit());
    for (String option : List.of("--seed", "--set", "--out", "--quiet", "EXPERIMENT.conf")) {
      assertTrue(r.out().contains(option), option + " missing from help:\n" + r.out());
    }
  }

  @Test
  void nonEmptyOutFolderIsRefused() throws IOException {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("something.txt"), "x");
    CliRun r = run(experiment(SMALL_PING).toString(), "--out", out.toString(), "--quiet");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("taken"), r.err());
  }

  @Test
  void aRunWritesACompleteResultsFolderAndIsReproducible() throws IOException {
    Path file = experiment(SMALL_PING);
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Path otherSeed = dir.resolve("other-seed");
    assertEquals(0, run(file.toString(), "--seed", "5", "--out", first.toString(), "--quiet").exit());
    assertEquals(
        0,
        run(file.toString(), "--seed", "5", "--out", second.toString(), "--quiet",
                "--set", "patchstorm.experiment.partitions=3")
            .exit());
    assertEquals(0, run(file.toString(), "--seed", "6", "--out", otherSeed.toString(), "--quiet").exit());

    for (String name : List.of("manifest.json", "experiment.conf", "metrics.csv", "summary.json")) {
      assertTrue(Files.exists(first.resolve(name)), name);
    }
    assertFalse(Files.exists(Path.of(first + ".incomplete")));
    JsonNode manifest = new ObjectMapper().readTree(first.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    assertEquals(5, manifest.get("seed").asLong());

    List<String> csv = Files.readAllLines(first.resolve("metrics.csv"));
    assertEquals("time_s,sent,delivered,timer_firings", csv.get(0));
    assertEquals(4, csv.size(), "header + one row per virtual second");
    // Every peer fires once per virtual second.
    assertTrue(csv.get(1).endsWith(",300"), csv.get(1));

    String metrics = Files.readString(first.resolve("metrics.csv"));
    assertEquals(metrics, Files.readString(second.resolve("metrics.csv")),
        "same seed, different partitions: identical metrics");
    assertNotEquals(metrics, Files.readString(otherSeed.resolve("metrics.csv")));
    assertTrue(Files.readString(first.resolve("experiment.conf")).contains("seed=5")
        || Files.readString(first.resolve("experiment.conf")).contains("seed = 5"));

    // The folder's experiment replays on its own: no --seed, no defaults of the other model.
    Path replay = dir.resolve("replay");
    CliRun again = run(first.resolve("experiment.conf").toString(), "--out", replay.toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    assertEquals(metrics, Files.readString(replay.resolve("metrics.csv")));
    assertFalse(com.typesafe.config.ConfigFactory.parseFile(first.resolve("experiment.conf").toFile())
            .hasPath("patchstorm.overlay"),
        "the overlay model's defaults are not part of a ping experiment");
  }

  @Test
  void pingPrintsTheBenchLine() throws IOException {
    CliRun r = run(experiment(SMALL_PING).toString(), "--out", dir.resolve("b").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    String bench =
        r.out().lines().filter(l -> l.startsWith("BENCH ")).findFirst().orElseThrow();
    for (String field :
        List.of("hosting=partitioned", "peers=300", "vseconds=3", "delivered=", "setup_s=", "loop_s=", "msgs_per_s=",
            "bytes_per_peer=", "raw_pekko_msgs_per_s=", "ratio=")) {
      assertTrue(bench.contains(field), field + " missing: " + bench);
    }
  }

  @Test
  void anOverlayRunPrintsItsBenchLineWithEventsAndBytesPerPeer() throws IOException {
    Path file = experiment("""
        patchstorm {
          experiment { name = bench-overlay, model = overlay, seed = 2, duration = 30m,
                       report-interval = 1m }
          overlay.peers = 1000
        }
        """);
    CliRun r = run(file.toString(), "--out", dir.resolve("o").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    String bench =
        r.out().lines().filter(l -> l.startsWith("BENCH ")).findFirst().orElseThrow();
    for (String field : List.of("hosting=partitioned", "model=overlay", "peers=1000",
        "vseconds=1800", "msgs_delivered=", "setup_s=", "loop_s=", "events_per_s=", "msgs_per_s=")) {
      assertTrue(bench.contains(field), field + " missing: " + bench);
    }
    java.util.regex.Matcher events = java.util.regex.Pattern.compile(" events=(\\d+) ")
        .matcher(bench);
    assertTrue(events.find() && Long.parseLong(events.group(1)) > 1000,
        "every peer's events counted: " + bench);
    java.util.regex.Matcher bytes = java.util.regex.Pattern.compile("bytes_per_peer=(\\d+)")
        .matcher(bench);
    assertTrue(bytes.find() && Long.parseLong(bytes.group(1)) > 100, "a footprint: " + bench);
  }

  @Test
  void aControlFileSteersTheRunAndBadLinesAreOneLineEachWithoutChangingIt() throws IOException {
    Path file = experiment(SMALL_PING.replace("duration = 3s", "duration = 20s"));
    Path control = dir.resolve("ctl");
    Files.writeString(control, String.join("\n", "pause", "# a comment", "", "hurry up",
        "pace 40", "inject { type = restart-burst, fraction = 0.1 }", "pace -2", "resume", ""));
    CliRun live = run(file.toString(), "--out", dir.resolve("live").toString(), "--quiet",
        "--control-file", control.toString());
    CliRun plain = run(file.toString(), "--out", dir.resolve("plain").toString(), "--quiet");
    assertEquals(0, live.exit(), live.err());
    assertEquals(0, plain.exit(), plain.err());
    assertTrue(live.err().contains("Error: " + control + " line 4: unknown command \"hurry\""),
        live.err());
    assertTrue(live.err().contains("line 6: injection refused: this model takes no injections;"
        + " the run goes on."), live.err());
    assertTrue(live.err().contains("line 7: pace takes a number of 0 or more"), live.err());
    assertFalse(live.err().contains("\tat "), "no stack trace: " + live.err());
    assertEquals(Files.readString(dir.resolve("plain/metrics.csv")),
        Files.readString(dir.resolve("live/metrics.csv")), "steering changed the results");
  }

  @Test
  void badLiveOptionsAreRefusedBeforeAnythingRuns() throws IOException {
    Path file = experiment(SMALL_PING);
    CliRun pace = run(file.toString(), "--pace", "0");
    assertEquals(2, pace.exit());
    assertTrue(pace.err().startsWith("Error: --pace takes the virtual seconds"), pace.err());
    CliRun folder = run(file.toString(), "--control-file", dir.toString());
    assertEquals(2, folder.exit());
    assertTrue(folder.err().contains("is a folder"), folder.err());
    CliRun nowhere = run(file.toString(), "--control-file", dir.resolve("no/such/ctl").toString());
    assertEquals(2, nowhere.exit());
    assertTrue(nowhere.err().contains("there is no folder"), nowhere.err());
  }

  @Test
  void aRestartBurstInjectedIntoARunningOverlayReplaysFromTheFoldersExperiment() throws Exception {
    Path file = experiment("""
        patchstorm {
          experiment { name = small-overlay, model = overlay, seed = 3, duration = 3h,
                       report-interval = 1m, partitions = 3 }
          overlay.peers = 3000
        }
        """);
    Path control = dir.resolve("ctl");
    // Paced so that it is still going when the burst comes; as fast as possible after it.
    Files.writeString(control, "pace 900\n");
    Path out = dir.resolve("live");
    java.util.concurrent.CompletableFuture<CliRun> going =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> run(file.toString(), "--out",
            out.toString(), "--quiet", "--control-file", control.toString()));
    Path csv = Path.of(out + ".incomplete").resolve("metrics.csv");
    while (!(Files.exists(csv) && Files.readAllLines(csv).size() > 40)) {
      assertFalse(going.isDone(), () -> "the run ended before the burst: " + going.join().err());
      Thread.sleep(50);
    }
    Files.writeString(control, "inject { type = restart-burst, window = 10m, fraction = 0.4,"
        + " selector = all, downtime { type = uniform, min = 1m, max = 5m }, exit = crash,"
        + " include-supernodes = true }\npace 0\n", java.nio.file.StandardOpenOption.APPEND);
    CliRun live = going.get(300, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, live.exit(), live.err());
    assertTrue(live.err().contains("Live: injected restart burst (40%) at "), live.err());
    JsonNode injected = new ObjectMapper().readTree(out.resolve("manifest.json").toFile())
        .get("injected");
    assertEquals(1, injected.size(), injected.toString());
    assertTrue(injected.get(0).get("at").asDouble() >= 40 * 60, injected.toString());

    CliRun replay = run(out.resolve("experiment.conf").toString(), "--out",
        dir.resolve("replay").toString(), "--quiet");
    assertEquals(0, replay.exit(), replay.err());
    assertEquals(-1, Files.mismatch(out.resolve("metrics.csv"),
        dir.resolve("replay").resolve("metrics.csv")), "the replay differs from the live run");
    CliRun plain = run(file.toString(), "--out", dir.resolve("plain").toString(), "--quiet");
    assertEquals(0, plain.exit(), plain.err());
    assertTrue(Files.mismatch(out.resolve("metrics.csv"),
        dir.resolve("plain").resolve("metrics.csv")) >= 0, "the burst changed nothing");
  }
}
