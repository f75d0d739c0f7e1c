package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  @TempDir Path dir;

  private Path run(String name, String metrics, String summary, String experiment)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve("metrics.csv"), metrics);
    Files.writeString(folder.resolve("summary.json"), summary);
    Files.writeString(folder.resolve("experiment.conf"), experiment);
    return folder;
  }

  private Comparison twoRuns() throws IOException {
    Path a = run("a", "time_s,online\n60,100\n120,90\n",
        "{\"verdict\":\"OUTAGE\",\"min_online_fraction\":0.25,\"seed\":1}",
        "patchstorm { experiment.seed = 1, overlay { peers = 100,"
            + " timeline = [{ type = restart-burst, fraction = 0.5 }] } }");
    Path b = run("b", "time_s,online\n60,100\n120,95\n180,97\n",
        "{\"verdict\":\"DEGRADED\",\"min_online_fraction\":0.75,\"seed\":2}",
        "patchstorm { experiment.seed = 2, overlay { peers = 100,"
            + " timeline = [{ type = restart-burst, fraction = 0.1 }] } }");
    return Comparison.of(List.of(a, b));
  }

  @Test
  void seriesShareTheUnionOfTimesWithGapsWhereARunHasNoRow() throws IOException {
    TimeSeries online = twoRuns().overlay("online");
    assertEquals(3, online.size());
    assertEquals(90, online.column("a")[1], 0);
    assertTrue(Double.isNaN(online.column("a")[2]), "a ended earlier: a gap, not a zero");
    assertEquals(97, online.column("b")[2], 0);
  }

  @Test
  void figuresStandSideBySideWithTheDifferenceFromTheFirst() throws IOException {
    List<List<String>> rows = twoRuns().figureRows();
    assertEquals(List.of("min_online_fraction", "0.25", "0.75", "0.5"), rows.get(0));
  }

  @Test
  void onlyTheSettingsThatDifferAreListedDownToTheTimelineEvent() throws IOException {
    List<List<String>> rows = twoRuns().settingRows();
    assertEquals(List.of(
            List.of("patchstorm.experiment.seed", "1", "2"),
            List.of("patchstorm.overlay.timeline[0].fraction", "0.5", "0.1")),
        rows);
  }

  @Test
  void writesOnePageWithTheChartsEmbedded() throws IOException {
    Path report = twoRuns().write(dir.resolve("out"));
    String html = Files.readString(report);
    assertTrue(Files.isRegularFile(dir.resolve("out/online.png")));
    assertTrue(html.contains("data:image/png;base64,"));
    assertTrue(html.contains("patchstorm.overlay.timeline[0].fraction"));
  }

  @Test
  void aFolderWithoutMetricsIsNamed() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Comparison.of(List.of(empty, empty)));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }
}
