package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.actors.engine.KickModel;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.actors.live.LiveControl;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.experiment.Analysis;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.experiment.MemoryEstimate;
import org.patchstorm.core.results.ResultsDisk;
import org.patchstorm.core.results.ResultsFolder;

/**
 * What a run leaves behind when it cannot finish: stopped from outside (Ctrl-C, kill), a full
 * disk, out of memory. Always a folder under its final name that is complete, or one named
 * .incomplete whose manifest says failed with the cause, and whole CSV rows.
 */
class ExperimentRunnerTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void aRunStoppedBySignalIsMarkedFailedWithTheVirtualTimeReached() throws Exception {
    Path experiment = longPing(20_000, "1s");
    Path out = dir.resolve("out");
    Path working = dir.resolve("out.incomplete");
    Process run = java("-Xmx512m", Main.class, experiment.toString(), "--out", out.toString(), "--quiet")
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
    assertEquals(143, run.exitValue(), "128 + SIGTERM, as README's exit codes say");
    assertFalse(Files.exists(out), "an interrupted run must not look complete");
    String manifest = Files.readString(working.resolve("manifest.json"));
    assertTrue(manifest.contains("\"status\" : \"failed\""), manifest);
    assertTrue(manifest.contains("interrupted at virtual time"), manifest);
    assertFalse(manifest.contains("\"virtualTimeReachedSeconds\" : 0.0"), manifest);
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertTrue(stderr.contains("Interrupted: partial results are in"), stderr);
  }

  private static final String SMALL_PING = """
      patchstorm {
        experiment { name = small, model = ping, seed = 3, duration = 6s, report-interval = 1s }
        ping { peers = 300 }
      }
      """;

  private record Ran(int code, String err, Path out) {
    Path working() {
      return Path.of(out + ResultsFolder.INCOMPLETE_SUFFIX);
    }
  }

  /** Runs SMALL_PING in this JVM with its results written through {@code disk}. */
  private Ran run(ResultsDisk disk) throws IOException {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, SMALL_PING);
    Config merged = ExperimentFiles.load(file, List.of(), Main.defaults());
    Experiment experiment = Experiments.read(merged, OptionalLong.empty());
    Path out = dir.resolve("out");
    ResultsFolder folder = ResultsFolder.create(out, dir, "small", Clock.systemUTC(), disk);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int code;
    try (RunTarget target = RunTarget.local(merged)) {
      code = new ExperimentRunner(target, experiment, merged, file, folder, true, quiet,
          new PrintStream(err, true, StandardCharsets.UTF_8), null).run();
    }
    return new Ran(code, err.toString(StandardCharsets.UTF_8), out);
  }

  /**
   * The one state a failed run may leave: no folder under the final name; the .incomplete one
   * with a manifest that says failed, why and when, no temporary files, and whole CSV rows.
   */
  private static JsonNode assertMarkedFailed(Ran ran, String cause) throws IOException {
    assertFalse(ran.err().contains("\tat "), "no stack trace: " + ran.err());
    assertTrue(ran.err().contains(cause), ran.err());
    assertFalse(Files.exists(ran.out()), "a failed run must not look complete");
    JsonNode manifest = new ObjectMapper().readTree(ran.working().resolve("manifest.json").toFile());
    assertEquals("failed", manifest.get("status").asText(), manifest.toString());
    String reason = manifest.get("failureReason").asText();
    assertTrue(reason.contains(cause), reason);
    assertTrue(reason.contains("stopped at virtual time"), reason);
    try (Stream<Path> files = Files.list(ran.working())) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList());
    }
    assertWholeRows(ran.working().resolve("metrics.csv"));
    return manifest;
  }

  /** Every line of the CSV ends in a newline and has as many cells as the header. */
  static int assertWholeRows(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return 0;
    }
    String text = Files.readString(csv);
    if (text.isEmpty()) {
      return 0;
    }
    assertTrue(text.endsWith("\n"), "the last row is cut: " + text.substring(Math.max(0, text.length() - 80)));
    List<String> rows = text.lines().toList();
    int cells = rows.get(0).split(",", -1).length;
    for (String row : rows.subList(1, rows.size())) {
      String[] values = row.split(",", -1);
      assertEquals(cells, values.length, "row " + row);
      for (String value : values) {
        Double.parseDouble(value.replace("inf", "Infinity"));
      }
    }
    return rows.size() - 1;
  }

  @Test
  @Timeout(60)
  void aDiskThatFillsUpDuringTheMetricsEndsTheRunWithWholeRowsAndTheCause() throws Exception {
    Ran ran = run(new FullDisk("metrics.csv", 3, false)); // header and two rows fit

    assertEquals(ExperimentRunner.EXIT_NOT_WRITTEN, ran.code(), ran.err());
    assertMarkedFailed(ran, "cannot write metrics.csv: No space left on device");
    assertEquals(2, assertWholeRows(ran.working().resolve("metrics.csv")), "the cut third row is gone");
  }

  @Test
  @Timeout(60)
  void aDiskFullFromTheStartStillMarksTheFolderFailed() throws Exception {
    Ran ran = run(new FullDisk("experiment.conf", 0, false));

    assertEquals(ExperimentRunner.EXIT_NOT_WRITTEN, ran.code(), ran.err());
    assertMarkedFailed(ran, "cannot write experiment.conf: No space left on device");
  }

  @Test
  @Timeout(60)
  void aDiskThatFillsUpAtTheFinalWritesLeavesNoCompleteLookingFolder() throws Exception {
    Ran ran = run(new FullDisk("summary.json", 0, false));

    assertEquals(ExperimentRunner.EXIT_NOT_WRITTEN, ran.code(), ran.err());
    JsonNode manifest = assertMarkedFailed(ran, "cannot write summary.json: No space left on device");
    assertEquals(6.0, manifest.get("virtualTimeReachedSeconds").asDouble(), "the run itself ended");
    assertEquals(6, assertWholeRows(ran.working().resolve("metrics.csv")));
  }

  @Test
  @Timeout(60)
  void whenEvenTheFailureCannotBeWrittenTheUserIsToldAndTheFolderStaysIncomplete() throws Exception {
    Ran ran = run(new FullDisk("metrics.csv", 3, true));

    assertEquals(ExperimentRunner.EXIT_NOT_WRITTEN, ran.code(), ran.err());
    assertTrue(ran.err().contains("could not be marked failed either"), ran.err());
    assertTrue(ran.err().contains("No space left on device"), "the first cause: " + ran.err());
    assertFalse(ran.err().contains("\tat "), ran.err());
    assertFalse(Files.exists(ran.out()));
    assertTrue(Files.isDirectory(ran.working()));
    assertWholeRows(ran.working().resolve("metrics.csv"));
  }

  @Test
  @Timeout(120)
  void runningOutOfMemoryIsSaidAndRecordedAsTheCause() throws Exception {
    Path out = dir.resolve("hog");
    Ran ran = finish(java("-Xmx96m", StarvedRun.class, "hog", out.toString()), out);
    String err = ran.err();

    assertEquals(ExperimentRunner.EXIT_OUT_OF_MEMORY, ran.code(), err);
    assertTrue(err.contains("PATCHSTORM_HEAP"), "says what to do: " + err);
    assertFalse(err.contains("interrupted"), "not mistaken for a signal: " + err);
    assertMarkedFailed(ran, "out of memory");
  }

  @Test
  @Timeout(120)
  void aRunThatWouldFillTheOldGenerationPastTheGuardIsRefusedBeforeItStarts() throws Exception {
    // -Xmn64m leaves an old generation of 192 MiB; the guard stops runs holding over 90% of it.
    long oldGeneration = 192L << 20;
    Path file = longPing(450_000, "1s");
    Experiment experiment = Experiments.read(
        ExperimentFiles.load(file, List.of(), Main.defaults()), OptionalLong.empty());
    long needed = MemoryEstimate.bytesNeeded(experiment);
    assertTrue(needed > 0.9 * oldGeneration && needed < oldGeneration,
        "the estimate falls between the guard's limit and the whole old generation: " + needed);
    Path out = dir.resolve("tight");
    Ran ran = finish(java("-Xmx256m -Xmn64m", Main.class, file.toString(), "--out",
        out.toString(), "--quiet"), out);

    assertEquals(2, ran.code(), ran.err());
    assertTrue(ran.err().contains("Not enough memory") && ran.err().contains("PATCHSTORM_HEAP="),
        ran.err());
    assertFalse(Files.exists(out) || Files.exists(ran.working()), "nothing started");
  }

  @Test
  @Timeout(120)
  void aSignalDuringTheFinalWritesLetsThemFinish() throws Exception {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, SMALL_PING);
    Path out = dir.resolve("final");
    Process run = java("-Xmx256m", StarvedRun.class, "slow-final", file.toString(), out.toString())
        .redirectOutput(ProcessBuilder.Redirect.PIPE)
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      java.io.BufferedReader stdout = new java.io.BufferedReader(
          new java.io.InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
      for (String line = stdout.readLine(); !"final writes".equals(line); line = stdout.readLine()) {
        assertTrue(line != null, "the run ended before its final writes");
      }
      run.destroy(); // SIGTERM while summary.json is being written
      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not stop");
    } finally {
      run.destroyForcibly();
    }
    assertEquals(143, run.exitValue());
    // The writes were let finish: the folder is complete, under its final name.
    assertFalse(Files.exists(Path.of(out + ResultsFolder.INCOMPLETE_SUFFIX)));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("complete", manifest.get("status").asText());
    assertTrue(Files.exists(out.resolve("summary.json")));
  }

  @Test
  @Timeout(300)
  void afterKillNineAtRandomMomentsTheMetricsHoldWholeRowsOnly() throws Exception {
    // Ten rows per virtual second: a kill lands mid-run, often mid-row.
    Path experiment = longPing(2_000, "100ms");
    java.util.Random moments = new java.util.Random(13);
    List<String> leftBehind = new java.util.ArrayList<>();
    for (int kill = 0; kill < 6; kill++) {
      Path out = dir.resolve("killed-" + kill);
      Process run = java("-Xmx256m", Main.class, experiment.toString(), "--out", out.toString(),
              "--quiet")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      Path csv = Path.of(out + ResultsFolder.INCOMPLETE_SUFFIX).resolve("metrics.csv");
      try {
        // From the first row on (setup takes seconds on a busy machine), at a random moment.
        while (lines(csv) < 2) {
          assertTrue(run.isAlive(), "the run ended before it was killed");
          Thread.sleep(20);
        }
        Thread.sleep(moments.nextInt(1500));
        run.destroyForcibly(); // SIGKILL: no hook runs, nothing is flushed on the way out
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
      } finally {
        run.destroyForcibly();
      }
      assertWholeRows(csv);
      leftBehind.add(Files.readString(csv));
    }
    // Every kill ran the same experiment and seed, so what each left is a prefix of the same
    // rows; and some kills must have landed after rows were written, or nothing was tested.
    String longest = leftBehind.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
    assertTrue(leftBehind.stream().anyMatch(t -> t.lines().count() > 2),
        "some kill left more rows than the first: " + longest.lines().count() + " lines at most");
    for (String text : leftBehind) {
      assertTrue(longest.startsWith(text), "a killed run's rows are a prefix of another's");
    }
  }

  /** Hours of virtual ping: the run cannot finish before the test stops it. */
  private Path longPing(int peers, String reportInterval) throws IOException {
    Path file = dir.resolve("long.conf");
    Files.writeString(file, """
        patchstorm {
          experiment { name = long, model = ping, seed = 5, duration = 10h, report-interval = %s }
          ping { peers = %d }
        }
        """.formatted(reportInterval, peers));
    return file;
  }

  /** Starts {@code run} and waits for it to end (100 s at most): its exit code and stderr. */
  private Ran finish(ProcessBuilder run, Path out) throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process process = run.redirectError(stderr.toFile()).start();
    try {
      assertTrue(process.waitFor(100, TimeUnit.SECONDS), "the run did not end");
    } finally {
      process.destroyForcibly();
    }
    return new Ran(process.exitValue(), Files.readString(stderr), out);
  }

  /**
   * A JVM with this test's classpath and the launcher's collector, running {@code main}; {@code
   * heap}: its heap flags, separated by spaces.
   */
  private static ProcessBuilder java(String heap, Class<?> main, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(heap.split(" ")));
    command.addAll(List.of(
        "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> all = Files.readAllLines(file);
    return all.size();
  }

  /** Runs the kick model through a results folder; {@code steer} gets the live control, if any. */
  private Path runKicks(KickModel model, String name, java.util.function.Consumer<LiveControl> steer)
      throws IOException {
    Config merged = com.typesafe.config.ConfigFactory.parseString(
        "patchstorm { experiment { name = kicks, seed = 4 } }");
    Experiment experiment = new Experiment("kicks", Experiment.ModelKind.PING, 4, 1_500_000,
        50_000, 3, org.patchstorm.core.engine.Hosting.PARTITIONED, model, Analysis.none(),
        java.util.Set.of());
    Path out = dir.resolve(name);
    ResultsFolder folder = ResultsFolder.create(out, dir, "kicks", Clock.systemUTC());
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (RunTarget target = RunTarget.local(Main.defaults())) {
      ExperimentRunner runner = new ExperimentRunner(target, experiment, merged,
          dir.resolve("kicks.conf"), folder, true, quiet, quiet, null);
      if (steer != null) {
        runner.live(steer);
      }
      assertEquals(0, runner.run());
    }
    return out;
  }

  @Test
  @Timeout(120)
  void eventsInjectedIntoALiveRunAreRecordedAndItsExperimentReplaysThem() throws Exception {
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    Path live = runKicks(new KickModel(150, List.of()), "live", control -> {
      control.pause();
      Thread steering = new Thread(() -> {
        try {
          control.inject("{ at = 300ms, target = 5, amount = 40 }");
          control.inject("{ at = 0.65s, target = 149, amount = 25 }");
        } catch (InjectionRefused e) {
          problems.add(e.getMessage());
        }
        control.resume();
      });
      steering.start();
    });
    assertEquals(List.of(), problems);

    JsonNode injected = new ObjectMapper().readTree(live.resolve("manifest.json").toFile())
        .get("injected");
    assertEquals(2, injected.size(), injected.toString());
    assertEquals(0.3, injected.get(0).get("at").asDouble());
    assertEquals("kick 5 x40", injected.get(0).get("label").asText());
    assertEquals(0.65, injected.get(1).get("at").asDouble());
    Config recorded = com.typesafe.config.ConfigFactory.parseFile(
        live.resolve("experiment.conf").toFile());
    List<String> timeline = new java.util.ArrayList<>();
    for (com.typesafe.config.ConfigValue entry : recorded.getList(Experiments.TIMELINE)) {
      timeline.add(entry.render(com.typesafe.config.ConfigRenderOptions.concise()));
    }
    assertEquals(2, timeline.size());
    for (int i = 0; i < 2; i++) {
      assertEquals(
          com.typesafe.config.ConfigFactory.parseString(injected.get(i).get("entry").asText()).root(),
          com.typesafe.config.ConfigFactory.parseString(timeline.get(i)).root(),
          "the manifest's entry is the one in the timeline");
    }

    Path replay = runKicks(KickModel.replaying(150, timeline), "replay", null);
    assertEquals(Files.readString(replay.resolve("metrics.csv")),
        Files.readString(live.resolve("metrics.csv")));
    Path plain = runKicks(new KickModel(150, List.of()), "plain", null);
    assertFalse(Files.readString(plain.resolve("metrics.csv"))
        .equals(Files.readString(live.resolve("metrics.csv"))), "the kicks changed nothing");
  }
}
