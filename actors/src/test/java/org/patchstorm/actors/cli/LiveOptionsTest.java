package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --live} on the command line: its options are checked like the others (exit 2, one
 * paragraph, nothing started), and a live run can be paused and resumed through the API.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path experiment() throws IOException {
    Path file = dir.resolve("live.conf");
    Files.writeString(file, """
        patchstorm {
          experiment { name = live-small, model = overlay, duration = 6h, report-interval = 1m }
          overlay { peers = 1500 }
        }
        """);
    return file;
  }

  private void refused(String mentions, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(mentions), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(r.err().strip().lines().count() <= 2, r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing started");
  }

  @Test
  void badLiveOptionsAreOneParagraphAndExit2() throws IOException {
    String file = experiment().toString();
    String out = dir.resolve("out").toString();
    refused("--port", file, "--out", out, "--live", "--port", "70000");
    refused("--port", file, "--out", out, "--live", "--port", "eighty");
    refused("--pace", file, "--out", out, "--live", "--pace", "-3");
    refused("--pace", file, "--out", out, "--live", "--pace", "fast");
    refused("--token", file, "--out", out, "--live", "--token", "short");
    refused("--token", file, "--out", out, "--live", "--token", "has space in it");
    refused("--linger", file, "--out", out, "--live", "--linger", "-1");
    refused("--live", file, "--out", out, "--port", "8080");
    refused("--port", file, "--out", out, "--live", "--bind", "127.0.0.1:9000");
    refused("--control", file, "--out", out, "--live", "--control");
  }

  @Test
  void aTakenPortIsExit2BeforeAnythingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused("cannot listen", experiment().toString(), "--out", dir.resolve("out").toString(),
          "--live", "--port", String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void aLiveRunNobodyWatchesWritesTheSameMetricsAsAPlainRun() throws Exception {
    String file = experiment().toString();
    for (String partitions : new String[] {"1", "3"}) {
      String set = "patchstorm.experiment.partitions=" + partitions;
      Path plain = dir.resolve("plain-" + partitions);
      Path live = dir.resolve("live-" + partitions);
      CliRun p = CliRun.of(file, "--set", set, "--out", plain.toString(), "--quiet");
      assertEquals(0, p.exit(), p.err());
      CliRun l = CliRun.of(file, "--set", set, "--out", live.toString(), "--quiet",
          "--live", "--port", "0", "--linger", "0");
      assertEquals(0, l.exit(), l.err());
      assertTrue(l.out().contains("Dashboard: http://127.0.0.1:"), l.out());
      assertArrayEquals(Files.readAllBytes(plain.resolve("metrics.csv")),
          Files.readAllBytes(live.resolve("metrics.csv")), partitions + " partitions");
    }
  }

  private static JsonNode status(LiveCliRun run) throws Exception {
    return JSON.readTree(run.get("api/status").body());
  }

  @Test
  void pauseStopsVirtualTimeAndResumeGoesOn() throws Exception {
    Path out = dir.resolve("paused");
    try (LiveCliRun run = new LiveCliRun(experiment().toString(), "--out", out.toString(), "--quiet",
        "--live", "--port", "0", "--linger", "0", "--pace", "600")) {
      try {
        LiveCliRun.await("rows", 120, () -> rows(run) > 2);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; status " + run.get("api/status").body()
            + "; stderr " + run.err() + "; stdout " + run.out());
      }
      assertEquals(200, run.post("api/pause", "").statusCode());
      LiveCliRun.await("the pause", 60, () -> "PAUSED".equals(state(run)));
      // A row may be on its way when the pause is asked for; after that, none.
      Thread.sleep(1500);
      int atPause = rows(run);
      double clock = status(run).get("virtualSeconds").asDouble();
      Thread.sleep(3000);
      assertEquals(atPause, rows(run), "no row while paused");
      assertEquals(clock, status(run).get("virtualSeconds").asDouble(), "virtual time stood still");
      assertEquals(200, run.post("api/resume", "").statusCode());
      LiveCliRun.await("rows after the resume", 120, () -> rows(run) > atPause);
      assertEquals(200, run.post("api/pace", "{\"pace\": 0}").statusCode());
      assertEquals(0, run.exit.get(240, TimeUnit.SECONDS), run.err());
    }
    assertTrue(Files.exists(out.resolve("summary.json")), "the paused run completed");
  }

  private static int rows(LiveCliRun run) {
    try {
      return status(run).get("rows").asInt();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String state(LiveCliRun run) {
    try {
      return status(run).get("state").asText();
    } catch (Exception e) {
      return "";
    }
  }
}
