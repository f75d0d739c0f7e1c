package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./run.sh compare: its exit codes tell bad input (2) from results it could not write (4). */
class CompareCommandTest {
  @TempDir Path dir;

  private Path run(String name, int online) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve("metrics.csv"),
        "time_s,online\n60," + online + "\n120," + (online + 1) + "\n");
    return folder;
  }

  @Test
  void twoRunsAreCompared() throws IOException {
    Path out = dir.resolve("cmp");
    CliRun r = CliRun.of("compare", run("a", 5).toString(), run("b", 7).toString(),
        "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
  }

  @Test
  void aFolderThatIsNoRunIsBadInput() throws IOException {
    CliRun r = CliRun.of("compare", run("a", 5).toString(), dir.toString(),
        "--out", dir.resolve("cmp").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is not a results folder"), r.err());
  }

  @Test
  void aComparisonThatCannotBeWrittenIsExitFourWithoutATrace() throws IOException {
    Path blocked = Files.writeString(dir.resolve("a-file"), "not a folder");
    CliRun r = CliRun.of("compare", run("a", 5).toString(), run("b", 7).toString(),
        "--out", blocked.resolve("cmp").toString());
    assertEquals(4, r.exit(), r.err());
    assertTrue(r.err().startsWith("Error: the comparison could not be written in "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
