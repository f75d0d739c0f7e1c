package org.patchstorm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentFilesTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static final Config DEFAULTS =
      ConfigFactory.parseString(
          "patchstorm { a = 1, b = 1, c = 1, d = 1, o { x = 0, y = 0 }, l = [], ping.peers = 5,"
              + " overlay.peers = 5 }\npekko.loglevel = WARNING");

  private ConfigProblem problem(Path file, String... overrides) {
    return assertThrows(
        ConfigProblem.class, () -> ExperimentFiles.load(file, List.of(overrides), DEFAULTS));
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.conf");
    ConfigProblem problem = problem(missing);
    assertEquals(missing.toString(), problem.file());
    assertEquals(
        "Error in experiment file " + missing + ": the file does not exist.", problem.describe());
  }

  @Test
  void syntaxErrorReportsFileAndLine() throws IOException {
    // Line 4 opens an object that is never closed properly: "}" is missing before "]".
    Path file = write("broken.conf",
        "# comment\npatchstorm.a = 1\npatchstorm.b = 2\npatchstorm.c = { x = 1 ]\npatchstorm.d = 4\n");
    ConfigProblem problem = problem(file);
    assertEquals(file.toString(), problem.file());
    assertEquals(4, problem.line());
    assertTrue(
        problem.describe().startsWith("Error in experiment file " + file + ", line 4: "),
        problem.describe());
  }

  @Test
  void overridesWinOverFileWhichWinsOverDefaults() throws IOException {
    Path file = write("x.conf", "patchstorm { b = 2\nc = 2\nd = 2 }\n");
    Config merged = ExperimentFiles.load(
        file, List.of("patchstorm.c=3", "patchstorm.d=3", "patchstorm.d=4"), DEFAULTS);
    assertEquals(1, merged.getInt("patchstorm.a"));
    assertEquals(2, merged.getInt("patchstorm.b"));
    assertEquals(3, merged.getInt("patchstorm.c"));
    assertEquals(4, merged.getInt("patchstorm.d"), "a later --set of the same key wins");
  }

  @Test
  void overrideValuesAreHocon() throws IOException {
    Path file = write("x.conf", "patchstorm.ping.peers = 10\n");
    Config merged = ExperimentFiles.load(file,
        List.of("patchstorm.ping.peers=1000", "pekko.loglevel=DEBUG", "patchstorm.l=[1, 2]"), DEFAULTS);
    assertEquals(1000, merged.getInt("patchstorm.ping.peers"));
    assertEquals("DEBUG", merged.getString("pekko.loglevel"));
    assertEquals(List.of(1, 2), merged.getIntList("patchstorm.l"));
  }

  @Test
  void objectOverrideMergesWithFileObject() throws IOException {
    Path file = write("x.conf", "patchstorm.o { x = 1, y = 1 }\n");
    Config merged = ExperimentFiles.load(file, List.of("patchstorm.o={ y = 2 }"), DEFAULTS);
    assertEquals(1, merged.getInt("patchstorm.o.x"));
    assertEquals(2, merged.getInt("patchstorm.o.y"));
  }

  @Test
  void overrideWithoutEqualsIsRejected() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\n"), "patchstorm.seed");
    assertEquals(ConfigProblem.COMMAND_LINE, problem.file());
    assertTrue(
        problem.describe().startsWith("Error in --set patchstorm.seed: expected path=value"),
        problem.describe());
  }

  @Test
  void overrideWithBrokenValueIsRejected() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\n"), "patchstorm.a={ x = 1");
    assertTrue(problem.describe().startsWith("Error in --set patchstorm.a={ x = 1: "),
        problem.describe());
  }

  @Test
  void substitutionsSeeOverrides() throws IOException {
    Path file = write("x.conf", "patchstorm.a = 2\npatchstorm.b = ${patchstorm.a}\n");
    Config merged = ExperimentFiles.load(file, List.of("patchstorm.a=5"), DEFAULTS);
    assertEquals(5, merged.getInt("patchstorm.b"));
  }

  @Test
  void unresolvableSubstitutionNamesLine() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\npatchstorm.b = ${nowhere}\n"));
    assertEquals(2, problem.line());
    assertTrue(problem.describe().contains("nowhere"), problem.describe());
  }

  @Test
  void anOverrideOutsideBothNamespacesIsRefused() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\n"), "foo.bar=3");
    assertEquals(ConfigProblem.COMMAND_LINE, problem.file());
    assertTrue(problem.describe().contains("\"foo.bar\" is not a key Patchstorm reads"),
        problem.describe());
    assertTrue(problem.describe().contains("patchstorm."), problem.describe());
  }

  @Test
  void aShorthandOverrideGetsTheFullKeysItCouldMean() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\n"), "peers=1000000");
    assertTrue(problem.describe().contains(
        "did you mean patchstorm.overlay.peers or patchstorm.ping.peers?"), problem.describe());
  }

  @Test
  void aTopLevelKeyOutsideBothNamespacesIsRefusedWithItsLine() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm.a = 2\npeers = 10\n"));
    assertEquals(2, problem.line());
    assertEquals("peers", problem.key());
  }

  @Test
  void aMissingIncludeIsRefusedWithItsLine() throws IOException {
    Path file = write("x.conf", "patchstorm.a = 2\ninclude \"mising.conf\"\n");
    ConfigProblem problem = problem(file);
    assertEquals(2, problem.line());
    assertTrue(problem.describe().contains("include \"mising.conf\" names no file"),
        problem.describe());
  }

  @Test
  void anIncludeBesideTheFileIsRead() throws IOException {
    write("common.conf", "patchstorm.b = 7\n");
    Path file = write("x.conf", "include \"common.conf\"\npatchstorm.a = 2\n");
    assertEquals(7, ExperimentFiles.load(file, List.of(), DEFAULTS).getInt("patchstorm.b"));
  }

  @Test
  void anIncludeCycleIsNamedOnce() throws IOException {
    write("b.conf", "include \"a.conf\"\n");
    Path a = write("a.conf", "include \"b.conf\"\npatchstorm.a = 1\n");
    String text = problem(a).describe();
    assertTrue(text.contains("the includes form a cycle: "), text);
    String chain = text.substring(text.indexOf("cycle: "));
    assertEquals(3, chain.split("\\.conf", -1).length - 1, "a, b, a: " + text);
  }

  @Test
  void anUnclosedBraceNamesTheLineItWasOpenedOn() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "patchstorm {\n  a = 1\n  o {\n    x = 1\n}\n"));
    assertEquals(1, problem.line());
    assertTrue(problem.describe().contains("never closed"), problem.describe());
  }

  @Test
  void deepNestingIsRefusedWithoutOverflowingTheStack() throws IOException {
    String deep = "patchstorm.a = " + "{ b = ".repeat(20_000) + "1" + "}".repeat(20_000) + "\n";
    ConfigProblem problem = problem(write("x.conf", deep));
    assertEquals(1, problem.line());
    assertTrue(problem.describe().contains("nested more than"), problem.describe());
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    ConfigProblem problem = problem(write("x.conf", "# nothing but a comment\n\n"));
    assertTrue(problem.describe().contains("holds no settings"), problem.describe());
  }

  @Test
  void pekkoKeysAreCheckedAgainstTheReference() throws IOException {
    Path file = write("x.conf", "patchstorm.a = 2\n");
    assertTrue(problem(file, "pekko.loglevl=INFO").describe().contains("did you mean pekko.loglevel?"));
    assertTrue(problem(file, "pekko.loglevel=[1]").describe().contains("expected a string"));
  }

  @Test
  void theIncludeCycleTraceBecomesOneChain() {
    String trace = "include statements nested more than 50 times, you probably have a cycle in your"
        + " includes. Trace: [ParseableFile(/x/a.conf), ParseableFile(/x/b.conf),"
        + " ParseableFile(/x/a.conf), ParseableFile(/x/b.conf)]";
    assertEquals("/x/a.conf includes /x/b.conf includes /x/a.conf",
        ExperimentFiles.includeCycle(trace));
  }
}
