package org.patchstorm.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;

/** An overlay experiment file read, run and summarised: the service figures of summary.json. */
class OverlaySummaryTest {

  @TempDir Path dir;

  /**
   * 1,500 peers, whose login pool serves ~0.6 log-ins/s, and 15 bots sending 150 log-ins/s from
   * 30 min on; read, run and summarised as ./run.sh does.
   */
  private RunSummary runFlood(String duration) throws IOException {
    return runFlood(duration, "");
  }

  /** As above, with more keys in {@code patchstorm.experiment}. */
  private RunSummary runFlood(String duration, String experimentKeys) throws IOException {
    Path file = dir.resolve("flood.conf");
    Files.writeString(file, String.join("\n",
        "patchstorm {",
        "  experiment { name = flood, model = overlay, seed = 7, duration = " + duration + ", report-interval = 1m",
        "    " + experimentKeys + " }",
        "  overlay {",
        "    peers = 1500",
        // Bots are written for 100 k peers like every capacity: 1,000 there are 15 here.
        "    botnets = [ { name = b, bots = 1000, rate-per-bot = 10, start = 30m, stop = 2h,",
        "                  target = login-servers, request = login } ]",
        "  }",
        "}", ""));
    Experiment e = Experiments.read(ExperimentFiles.load(file, List.of(), ConfigFactory.parseResources("reference.conf")),
        OptionalLong.empty());
    MetricsTable table = new SequentialRunner(e.model(), e.seed()).run(e.durationMicros(), e.reportIntervalMicros());
    return RunSummary.of(e, table);
  }

  @Test
  void aLoginFloodShowsInTheServiceFigures() throws IOException {
    RunSummary summary = runFlood("90m");
    JsonNode service = summary.json().get("service");
    assertEquals(1800.0, service.get("incident_start_s").asDouble(), "the botnet's start");
    assertEquals(1500, summary.json().get("peers").asInt());
    assertTrue(summary.json().get("attack_requests").asLong() > 15 * 10 * 3000, "15 x 10/s for ~an hour");
    double before = service.get("before").get("login_success").asDouble();
    double during = service.get("during").get("login_success").asDouble();
    assertTrue(before > 0.9, "log-ins succeed before the flood: " + before);
    assertTrue(during < 0.2, "and fail during it: " + during);
    assertTrue(service.get("online_during_vs_before").asDouble() < 0.97,
        "users who must log in drop off line: " + service.get("online_during_vs_before"));
    assertTrue(summary.human().contains("Service before -> during the incident"), summary.human());
    assertTrue(summary.json().get("note") == null, "the trigger is inside the run");
  }

  @Test
  void aRunThatEndsBeforeItsTriggerIsSummarisedAndSaysSo() throws IOException {
    RunSummary summary = runFlood("20m"); // the botnet starts at 30 min
    assertTrue(summary.json().get("note").asText().contains("ended before its trigger at 1800.0 s"),
        summary.json().toString());
    assertEquals("NO_OUTAGE", summary.json().get("verdict").asText());
    assertTrue(summary.json().get("service").get("incident_start_s").isNull());
  }

  @Test
  void aRealityCurveIsComparedFromTheIncidentStartAndDrawnOnTheOnlineChart() throws IOException {
    Files.writeString(dir.resolve("real.csv"), String.join("\n",
        "hours_after_trigger,fraction_of_normal,tag,source",
        "0,1.0,A,normal", "0.5,0.5,M,half", "10,0.9,M,beyond the run", ""));
    RunSummary summary = runFlood("90m", "reality { curve = real.csv }");
    JsonNode reality = summary.json().get("reality");
    assertEquals("real.csv", reality.get("curve").asText());
    assertEquals(1800.0, reality.get("aligned_at_seconds").asDouble(), "the botnet's start");
    assertEquals(2, reality.get("points_compared").asInt());
    assertEquals(1, reality.get("points_outside_run").asInt());
    JsonNode points = reality.get("points");
    assertEquals(3600.0, points.get(1).get("at_seconds").asDouble());
    assertEquals(1.0, points.get(0).get("run").asDouble(), 0.1, "normal at the start of the flood");
    double squares = 0;
    for (int i = 0; i < 2; i++) {
      double d = points.get(i).get("run").asDouble() - points.get(i).get("reality").asDouble();
      assertEquals(d, points.get(i).get("difference").asDouble(), 1e-12);
      squares += d * d;
    }
    assertEquals(Math.sqrt(squares / 2), reality.get("rms_difference").asDouble(), 1e-12);
    assertEquals(List.of("expected online", "reality: real.csv (x expected)"),
        summary.chartOverlays().stream().map(o -> o.name()).toList());
    assertTrue(summary.chartOverlays().stream().allMatch(o -> o.chartFile().equals(RunSummary.ONLINE_CHART)));
    assertEquals(2, summary.chartOverlays().get(1).hours().length, "the points within the run");
    assertTrue(summary.human().contains("Reality (real.csv)"), summary.human());
  }

  @Test
  void aFixedIncidentStartMovesTheAnalysis() throws IOException {
    RunSummary summary = runFlood("90m", "incident-start = 20m");
    assertEquals(1200.0, summary.json().get("criteria").get("incident_start_seconds").asDouble());
    assertEquals(1200.0, summary.json().get("service").get("incident_start_s").asDouble());
    assertTrue(summary.chartOverlays().isEmpty(), "no curve, nothing drawn beside the columns");
  }
}
