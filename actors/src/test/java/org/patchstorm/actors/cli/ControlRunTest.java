package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.report.ChartOverlay;
import org.patchstorm.core.report.TimeSeries;

/** {@code --control}: the comparison it writes, and end to end through the command line. */
class ControlRunTest {

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /**
   * The shipped 2007 scenario at 2,000 peers for 4 h (the reboot wave at 03:00): both folders, the
   * comparison, and a control whose experiment has no trigger left.
   */
  @Test
  void theControlRunsWithoutTheTriggerAndIsComparedBesideTheRun() throws IOException {
    Path out = dir.resolve("out");
    CliRun r = run("../config/skype-2007.conf", "--control", "--seed", "3", "--out", out.toString(),
        "--set", "patchstorm.overlay.peers=2000", "--set", "patchstorm.experiment.duration=23h");
    assertEquals(0, r.exit(), r.err());
    Path control = out.resolve(ControlRun.FOLDER);
    for (Path f : List.of(out.resolve("summary.json"), out.resolve(ControlRun.JSON),
        out.resolve(ControlRun.CHART), control.resolve("summary.json"), control.resolve("metrics.csv"),
        control.resolve("experiment.conf"), control.resolve("online.png"))) {
      assertTrue(Files.isRegularFile(f), f + " is written");
    }
    assertEquals("complete", json(control.resolve("manifest.json")).get("status").asText());
    assertEquals(3, json(control.resolve("manifest.json")).get("seed").asLong(), "the same seed");

    Config asRun = ConfigFactory.parseFile(control.resolve("experiment.conf").toFile());
    List<String> types = asRun.getConfigList("patchstorm.overlay.timeline").stream()
        .map(e -> e.getString("type")).toList();
    assertEquals(List.of("set-parameter", "set-defence"), types, "the operators' fix stays");
    assertTrue(asRun.getList("patchstorm.overlay.botnets").isEmpty());
    assertEquals("10800s", asRun.getString("patchstorm.experiment.incident-start"),
        "analysed from the run's trigger");

    // The reality curve travels with the folder: a copy beside experiment.conf, named there.
    assertEquals("reality-skype-2007.csv", asRun.getString("patchstorm.experiment.reality.curve"));
    assertEquals(Files.readString(Path.of("../config/reality/skype-2007.csv")),
        Files.readString(control.resolve("reality-skype-2007.csv")));

    JsonNode comparison = json(out.resolve(ControlRun.JSON));
    String runVerdict = json(out.resolve("summary.json")).get("verdict").asText();
    String controlVerdict = json(control.resolve("summary.json")).get("verdict").asText();
    assertEquals(runVerdict, comparison.get("run").get("verdict").asText());
    assertEquals(controlVerdict, comparison.get("control").get("verdict").asText());
    assertEquals(json(control.resolve("summary.json")).get("lost_user_minutes").asDouble(),
        comparison.get("control").get("lost_user_minutes").asDouble());
    assertEquals(List.of("patchstorm.overlay.timeline[0]: restart-burst at 3h"),
        List.of(comparison.get("removed").get(0).asText()));
    assertEquals(ControlRun.reading(runVerdict, controlVerdict), comparison.get("reading").asText());
    assertTrue(r.out().contains("Run: " + runVerdict + "; control: " + controlVerdict), r.out());

    // The control is what it claims to be: its folder's experiment, run on its own, gives the
    // same rows, and differs from the run (the trigger made a difference at all).
    Path again = dir.resolve("again");
    CliRun replay = run(control.resolve("experiment.conf").toString(), "--out", again.toString());
    assertEquals(0, replay.exit(), replay.err());
    assertEquals(Files.readString(control.resolve("metrics.csv")), Files.readString(again.resolve("metrics.csv")));
    assertFalse(Files.readString(out.resolve("metrics.csv")).equals(Files.readString(again.resolve("metrics.csv"))),
        "the run with its trigger differs from the control");
  }

  @Test
  void anExperimentWithoutATriggerOrNotAnOverlayHasNoControl() throws IOException {
    Path baseline = dir.resolve("plain.conf");
    Files.writeString(baseline, "patchstorm { experiment { name = plain, model = overlay }, overlay.peers = 200 }\n");
    CliRun r = run(baseline.toString(), "--control", "--out", dir.resolve("a").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("has none (no restart burst"), r.err());
    assertFalse(Files.exists(dir.resolve("a")), "nothing ran");

    Path ping = dir.resolve("ping.conf");
    Files.writeString(ping, "patchstorm { experiment { name = p, model = ping }, ping.peers = 200 }\n");
    CliRun p = run(ping.toString(), "--control", "--out", dir.resolve("b").toString());
    assertEquals(2, p.exit());
    assertTrue(p.err().contains("ping model"), p.err());
  }

  @Test
  void theControlRunsInThisJvmOnly() {
    CliRun r = run("../config/skype-2007.conf", "--control", "--cluster", "2", "--out", dir.resolve("c").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--control runs the control in this JVM"), r.err());
  }

  @Test
  void theReadingFollowsTheTwoVerdicts() {
    assertEquals("the trigger caused the outage: without it there is none",
        ControlRun.reading("METASTABLE_OUTAGE", "NO_OUTAGE"));
    assertEquals("the trigger made it worse: without it DEGRADED instead of OUTAGE",
        ControlRun.reading("OUTAGE", "DEGRADED"));
    assertEquals("the trigger does not explain it: the control is as bad (METASTABLE_OUTAGE)",
        ControlRun.reading("METASTABLE_OUTAGE", "METASTABLE_OUTAGE"));
    assertEquals("no outage with the trigger or without it", ControlRun.reading("NO_OUTAGE", "NO_OUTAGE"));
    assertTrue(ControlRun.reading("NO_OUTAGE", "OUTAGE").startsWith("the control is worse"));
  }

  @Test
  void theComparisonSetsTheHeadlineFiguresSideBySide() throws IOException {
    ObjectMapper m = new ObjectMapper();
    JsonNode run = m.readTree("{\"verdict\":\"OUTAGE\",\"min_online_fraction\":0.2,\"lost_user_minutes\":500,"
        + "\"minutes_below_50pct\":90,\"reality\":{\"rms_difference\":0.3},\"other\":1}");
    JsonNode control = m.readTree("{\"verdict\":\"NO_OUTAGE\",\"min_online_fraction\":0.97,\"lost_user_minutes\":5}");
    JsonNode c = ControlRun.comparison(run, control, List.of("x"), 3600);
    assertEquals(0.2, c.get("run").get("min_online_fraction").asDouble());
    assertEquals(0.3, c.get("run").get("reality_rms_difference").asDouble());
    assertEquals(90, c.get("run").get("minutes_below_50pct").asDouble());
    assertTrue(c.get("control").get("minutes_below_50pct").isNull(), "absent figures are null");
    assertFalse(c.get("run").has("other"), "only the headline figures");
    assertEquals(3600, c.get("incident_start_seconds").asDouble());
    assertTrue(ControlRun.human(c).contains("Run: OUTAGE; control: NO_OUTAGE: the trigger caused"),
        ControlRun.human(c));
  }

  @Test
  void onlineOfBothRunsSharesTheRunsRows() {
    TimeSeries runSeries = series(new double[] {60, 120, 180}, new double[] {10, 20, 30});
    TimeSeries controlSeries = series(new double[] {60, 180}, new double[] {11, 33});
    TimeSeries both = ControlRun.onlineSideBySide(runSeries, controlSeries);
    assertArrayEquals(new double[] {10, 20, 30}, both.column("online (run)"));
    assertArrayEquals(new double[] {11, Double.NaN, 33}, both.column("online (control)"));
  }

  @Test
  void theControlChartTakesTheRunsExpectedLevelOnly() {
    double[] h = {1, 2};
    RunSummary summary = new RunSummary(new ObjectMapper().createObjectNode(), "", List.of(
        new ChartOverlay(RunSummary.ONLINE_CHART, RunSummary.EXPECTED_ONLINE, h, new double[] {5, 6}, false),
        new ChartOverlay(RunSummary.ONLINE_CHART, "reality: x.csv", h, new double[] {1, 2}, true)));
    List<ChartOverlay> drawn = ControlRun.expectedLevel(summary);
    assertEquals(1, drawn.size());
    assertEquals(ControlRun.CHART, drawn.get(0).chartFile());
    assertArrayEquals(new double[] {5, 6}, drawn.get(0).values());
    assertTrue(ControlRun.expectedLevel(new RunSummary(new ObjectMapper().createObjectNode(), "", List.of())).isEmpty());
  }

  private static TimeSeries series(double[] times, double[] online) {
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("online", online);
    return TimeSeries.of(times, columns);
  }
}
