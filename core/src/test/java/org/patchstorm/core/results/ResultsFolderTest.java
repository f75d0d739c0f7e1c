package org.patchstorm.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2007-08-16T09:05:03Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private Path root() {
    return dir.resolve("results");
  }

  private static Manifest manifest() {
    return new Manifest("storm", "storm.conf", 42, "0.1.0", "17", "vendor", List.of(),
        List.of("local"), 1, "partitioned", Manifest.Status.RUNNING, null, "2007-08-16T09:05:03Z", null, 0,
        List.of());
  }

  private static JsonNode readJson(Path file) throws IOException {
    return new JsonMapper().readTree(Files.readString(file));
  }

  @Test
  void defaultNameIsExperimentAndWallClockStampWhileIncomplete() {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    assertEquals(root().resolve("storm-20070816-090503"), folder.finalDir());
    assertEquals(root().resolve("storm-20070816-090503.incomplete"), folder.workingDir());
    assertTrue(Files.isDirectory(folder.workingDir()));
    assertFalse(Files.exists(folder.finalDir()));
  }

  @Test
  void collidingNamesGetSuffixes() {
    Path first = ResultsFolder.create(null, root(), "storm", CLOCK).complete(manifest());
    ResultsFolder second = ResultsFolder.create(null, root(), "storm", CLOCK);
    ResultsFolder third = ResultsFolder.create(null, root(), "storm", CLOCK);
    assertEquals("storm-20070816-090503", first.getFileName().toString());
    assertEquals("storm-20070816-090503-2", second.finalDir().getFileName().toString());
    assertEquals("storm-20070816-090503-3", third.finalDir().getFileName().toString());
  }

  @Test
  void unsafeCharactersInExperimentNameAreReplaced() {
    ResultsFolder folder = ResultsFolder.create(null, root(), "my exp/1", CLOCK);
    assertEquals("my-exp-1-20070816-090503", folder.finalDir().getFileName().toString());
  }

  @Test
  void completeWritesManifestAndRenames() throws IOException {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    folder.writeString("experiment.conf", "a = 1\n");
    CsvWriter csv = folder.openCsv("metrics.csv", List.of("time_s", "online"));
    csv.row(1.0, new double[] {5});
    Path done = folder.complete(manifest());
    assertEquals(folder.finalDir(), done);
    assertFalse(Files.exists(folder.workingDir()));
    assertEquals("a = 1\n", Files.readString(done.resolve("experiment.conf")));
    // The CSV still open at completion is closed (flushed) before the rename.
    assertEquals("time_s,online\n1,5\n", Files.readString(done.resolve("metrics.csv")));
    JsonNode manifest = readJson(done.resolve(ResultsFolder.MANIFEST_FILE));
    assertEquals("complete", manifest.get("status").asText());
    assertEquals(42, manifest.get("seed").asLong());
  }

  @Test
  void failKeepsIncompleteNameAndRecordsReason() throws IOException {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    folder.fail(manifest(), "out of memory");
    assertTrue(Files.isDirectory(folder.workingDir()));
    assertFalse(Files.exists(folder.finalDir()));
    JsonNode manifest = readJson(folder.workingDir().resolve(ResultsFolder.MANIFEST_FILE));
    assertEquals("failed", manifest.get("status").asText());
    assertEquals("out of memory", manifest.get("failureReason").asText());
  }

  @Test
  void atomicWritesLeaveNoTemporaryFiles() throws IOException {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    folder.writeString("summary.txt", "first");
    folder.writeString("summary.txt", "second");
    folder.writeJson("summary.json", Map.of("b", 2, "a", 1));
    folder.writeManifest(manifest());
    try (Stream<Path> files = Files.walk(folder.workingDir())) {
      assertEquals(
          List.of(),
          files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
    assertEquals("second", Files.readString(folder.workingDir().resolve("summary.txt")));
    // Map keys sorted, two-space indent, "\n" line ends, final newline.
    assertEquals(
        "{\n  \"a\" : 1,\n  \"b\" : 2\n}\n",
        Files.readString(folder.workingDir().resolve("summary.json")));
  }

  @Test
  void manifestFieldsKeepDeclarationOrder() throws IOException {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    folder.writeManifest(manifest());
    List<String> names = new java.util.ArrayList<>();
    readJson(folder.workingDir().resolve(ResultsFolder.MANIFEST_FILE))
        .fieldNames()
        .forEachRemaining(names::add);
    assertEquals(
        List.of("experimentName", "experimentFile", "seed", "codeVersion", "javaVersion",
            "javaVendor", "jvmArgs", "members", "partitions", "hosting", "status", "failureReason",
            "startedAt", "finishedAt", "virtualTimeReachedSeconds"),
        names);
  }

  @Test
  void nonEmptyOutFolderIsRefused() throws IOException {
    Path out = dir.resolve("mine");
    Files.createDirectories(out);
    Files.writeString(out.resolve("old.csv"), "x");
    ResultsProblem problem =
        assertThrows(ResultsProblem.class, () -> ResultsFolder.create(out, root(), "storm", CLOCK));
    assertTrue(problem.getMessage().contains(out.toString()), problem.getMessage());
    assertTrue(problem.getMessage().contains("is not empty"), problem.getMessage());
    assertFalse(Files.exists(dir.resolve("mine.incomplete")));
  }

  @Test
  void emptyOrMissingOutFolderIsUsed() throws IOException {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    ResultsFolder intoEmpty = ResultsFolder.create(empty, root(), "storm", CLOCK);
    assertEquals(dir.resolve("empty.incomplete"), intoEmpty.workingDir());
    intoEmpty.writeString("a.txt", "a");
    assertEquals(empty, intoEmpty.complete(manifest()));
    assertEquals("a", Files.readString(empty.resolve("a.txt")));

    Path fresh = dir.resolve("sub/fresh");
    ResultsFolder intoFresh = ResultsFolder.create(fresh, root(), "storm", CLOCK);
    assertEquals(fresh, intoFresh.complete(manifest()));
    assertTrue(Files.exists(fresh.resolve(ResultsFolder.MANIFEST_FILE)));
    assertFalse(Files.exists(root()), "the default results root is not touched with --out");
  }

  @Test
  void fileNamesMayNotEscapeTheFolder() {
    ResultsFolder folder = ResultsFolder.create(null, root(), "storm", CLOCK);
    assertThrows(IllegalArgumentException.class, () -> folder.writeString("../x.txt", "x"));
  }
}
