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

  private static final Config DEFAULTS = ConfigFactory.parseString("a = 1\nb = 1\nc = 1\nd = 1");

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.conf");
    ConfigProblem problem =
        assertThrows(
            ConfigProblem.class, () -> ExperimentFiles.load(missing, List.of(), DEFAULTS));
    assertEquals(missing.toString(), problem.file());
    assertEquals(
        "Error in experiment file " + missing + ": the file does not exist.", problem.describe());
  }

  @Test
  void syntaxErrorReportsFileAndLine() throws IOException {
    // Line 4 opens an object that is never closed properly: "}" is missing before "]".
    Path file = write("broken.conf", "# comment\na = 1\nb = 2\nc = { x = 1 ]\nd = 4\n");
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ExperimentFiles.load(file, List.of(), DEFAULTS));
    assertEquals(file.toString(), problem.file());
    assertEquals(4, problem.line());
    assertTrue(
        problem.describe().startsWith("Error in experiment file " + file + ", line 4: "),
        problem.describe());
  }

  @Test
  void overridesWinOverFileWhichWinsOverDefaults() throws IOException {
    Path file = write("x.conf", "b = 2\nc = 2\nd = 2\n");
    Config merged =
        ExperimentFiles.load(file, List.of("c=3", "d=3", "d=4"), DEFAULTS);
    assertEquals(1, merged.getInt("a"));
    assertEquals(2, merged.getInt("b"));
    assertEquals(3, merged.getInt("c"));
    assertEquals(4, merged.getInt("d"), "a later --set of the same key wins");
  }

  @Test
  void overrideValuesAreHocon() throws IOException {
    Path file = write("x.conf", "patchstorm.ping.peers = 10\n");
    Config merged =
        ExperimentFiles.load(
            file,
            List.of("patchstorm.ping.peers=1000", "pekko.loglevel=DEBUG", "l=[1, 2]"),
            ConfigFactory.empty());
    assertEquals(1000, merged.getInt("patchstorm.ping.peers"));
    assertEquals("DEBUG", merged.getString("pekko.loglevel"));
    assertEquals(List.of(1, 2), merged.getIntList("l"));
  }

  @Test
  void objectOverrideMergesWithFileObject() throws IOException {
    Path file = write("x.conf", "o { x = 1, y = 1 }\n");
    Config merged = ExperimentFiles.load(file, List.of("o={ y = 2 }"), ConfigFactory.empty());
    assertEquals(1, merged.getInt("o.x"));
    assertEquals(2, merged.getInt("o.y"));
  }

  @Test
  void overrideWithoutEqualsIsRejected() throws IOException {
    Path file = write("x.conf", "a = 2\n");
    ConfigProblem problem =
        assertThrows(
            ConfigProblem.class,
            () -> ExperimentFiles.load(file, List.of("patchstorm.seed"), DEFAULTS));
    assertEquals(ConfigProblem.COMMAND_LINE, problem.file());
    assertTrue(
        problem.describe().startsWith("Error in --set patchstorm.seed: expected path=value"),
        problem.describe());
  }

  @Test
  void overrideWithBrokenValueIsRejected() throws IOException {
    Path file = write("x.conf", "a = 2\n");
    ConfigProblem problem =
        assertThrows(
            ConfigProblem.class, () -> ExperimentFiles.load(file, List.of("a={ x = 1"), DEFAULTS));
    assertTrue(problem.describe().startsWith("Error in --set a={ x = 1: "), problem.describe());
  }

  @Test
  void substitutionsSeeOverrides() throws IOException {
    Path file = write("x.conf", "a = 2\nb = ${a}\n");
    Config merged = ExperimentFiles.load(file, List.of("a=5"), DEFAULTS);
    assertEquals(5, merged.getInt("b"));
  }

  @Test
  void unresolvableSubstitutionNamesLine() throws IOException {
    Path file = write("x.conf", "a = 2\nb = ${nowhere}\n");
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ExperimentFiles.load(file, List.of(), DEFAULTS));
    assertEquals(file.toString(), problem.file());
    assertEquals(2, problem.line());
    assertTrue(problem.describe().contains("nowhere"), problem.describe());
  }
}
