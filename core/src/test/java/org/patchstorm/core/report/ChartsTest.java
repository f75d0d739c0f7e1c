package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @TempDir Path dir;

  /** A day of hourly rows with a dip of online peers and a log-in storm. */
  private static TimeSeries sample() {
    int n = 24;
    double[] t = new double[n];
    double[] online = new double[n];
    double[] attempts = new double[n];
    double[] successes = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (i + 1) * 3600.0;
      online[i] = i < 6 ? 8000 : Math.min(8000, 200 + 600 * (i - 6));
      attempts[i] = i < 6 ? 100 : 100 * (20 - Math.min(19, i - 6));
      successes[i] = i == 8 ? 0 : Math.min(attempts[i], 120);
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put(StandardColumns.ONLINE_PEERS, online);
    columns.put(StandardColumns.LOGIN_ATTEMPTS, attempts);
    columns.put(StandardColumns.LOGIN_SUCCESSES, successes);
    return TimeSeries.of(t, columns);
  }

  @Test
  void writesPngsOfTheRequestedSize() throws Exception {
    TimeSeries ts = sample();
    List<Path> files = Charts.renderAll(ts, dir, Charts.defaultSpecs(ts.columnNames()));
    assertEquals(List.of(dir.resolve("online.png"), dir.resolve("logins.png")), files);
    for (Path f : files) {
      BufferedImage image = ImageIO.read(f.toFile());
      assertNotNull(image, f + " is not a readable image");
      assertEquals(Charts.WIDTH, image.getWidth());
      assertEquals(Charts.HEIGHT, image.getHeight());
      assertEquals(1200, image.getWidth());
      assertEquals(600, image.getHeight());
    }
  }

  @Test
  void missingColumnsAreSkippedAndEmptyChartsNotWritten() throws Exception {
    TimeSeries ts = sample();
    List<ChartSpec> specs = List.of(
        new ChartSpec("queue.png", "Queue", "requests", List.of("login_queue_depth"), false),
        new ChartSpec(
            "mixed.png", "Online", "peers", List.of("nope", StandardColumns.ONLINE_PEERS), false),
        new ChartSpec("ok.png", "Online", "peers", List.of(StandardColumns.ONLINE_PEERS), false));
    List<Path> files = Charts.renderAll(ts, dir, specs);
    assertEquals(List.of(dir.resolve("mixed.png"), dir.resolve("ok.png")), files);
    assertFalse(Files.exists(dir.resolve("queue.png")));
    // "nope" leaves no trace (no legend entry): the chart equals the one without it.
    assertArrayEquals(Files.readAllBytes(dir.resolve("ok.png")),
        Files.readAllBytes(dir.resolve("mixed.png")));
  }

  @Test
  void regionChartsDrawEachRegionsColumnInNameOrderAndNotTheOverallOne() {
    Set<String> columns = new java.util.HashSet<>(List.of("online", "zeta_online", "alpha_online",
        "im_latency_ms_mean", "zeta_im_latency_ms_mean", "status_failed"));
    Map<String, List<String>> byFile = new LinkedHashMap<>();
    Charts.defaultSpecs(columns).forEach(spec -> byFile.put(spec.fileName(), spec.columns()));
    assertEquals(List.of("alpha_online", "zeta_online"), byFile.get("regions_online.png"));
    assertEquals(List.of("zeta_im_latency_ms_mean"), byFile.get("regions_im_latency.png"));
    assertFalse(byFile.containsKey("regions_presence_lost.png"), "no region's column: no chart");
  }

  @Test
  void defaultSpecsKeepOnlyAvailableColumns() {
    List<ChartSpec> specs = Charts.defaultSpecs(
        Set.of(StandardColumns.ONLINE_PEERS, "supernodes", "login_latency_ms_p99", "unrelated"));
    assertEquals(List.of("online.png", "login_latency.png", "supernodes.png"),
        specs.stream().map(ChartSpec::fileName).toList());
    assertEquals(List.of(StandardColumns.ONLINE_PEERS), specs.get(0).columns());
    assertEquals(List.of("login_latency_ms_p99"), specs.get(1).columns());
    assertTrue(specs.get(1).logY());
    assertTrue(Charts.defaultSpecs(Set.of("unrelated")).isEmpty());
  }

  @Test
  void renderingIsRepeatable() throws Exception {
    TimeSeries ts = sample();
    List<ChartSpec> specs = Charts.defaultSpecs(ts.columnNames());
    Charts.renderAll(ts, dir.resolve("a"), specs);
    Charts.renderAll(ts, dir.resolve("b"), specs);
    for (ChartSpec s : specs) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(s.fileName())),
          Files.readAllBytes(dir.resolve("b").resolve(s.fileName())), s.fileName());
    }
  }

  @Test
  void aMarkerIsAThinVerticalLineAtItsTime() throws Exception {
    TimeSeries ts = sample();
    List<ChartSpec> online = List.of(Charts.defaultSpecs(ts.columnNames()).get(0));
    Charts.renderAll(ts, dir.resolve("plain"), online);
    Charts.renderAll(ts, dir.resolve("marked"), online, List.of(),
        List.of(new ChartMarker(12 * 3600, "operator fix")));
    BufferedImage plain = ImageIO.read(dir.resolve("plain/online.png").toFile());
    BufferedImage marked = ImageIO.read(dir.resolve("marked/online.png").toFile());
    int left = Integer.MAX_VALUE;
    int changedRowsAtLeft = 0;
    for (int x = 0; x < plain.getWidth(); x++) {
      for (int y = 0; y < plain.getHeight(); y++) {
        if (plain.getRGB(x, y) != marked.getRGB(x, y)) {
          left = Math.min(left, x);
        }
      }
    }
    for (int y = 0; y < plain.getHeight(); y++) {
      if (plain.getRGB(left, y) != marked.getRGB(left, y)
          || plain.getRGB(left + 1, y) != marked.getRGB(left + 1, y)) {
        changedRowsAtLeft++;
      }
    }
    // 12 h of 0..24 h: about the middle of the plot, which spans most of the image.
    assertTrue(left > 0.4 * Charts.WIDTH && left < 0.6 * Charts.WIDTH, "line at x=" + left);
    assertTrue(changedRowsAtLeft > Charts.HEIGHT / 3, "a line down the plot, not a dot: "
        + changedRowsAtLeft);
  }

  @Test
  void headlessIsSetByTheCode() throws Exception {
    Charts.renderAll(sample(), dir, List.of());
    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  @Test
  void anOverlayIsDrawnOnItsChartOnly() throws Exception {
    TimeSeries ts = sample();
    List<ChartSpec> specs = Charts.defaultSpecs(ts.columnNames());
    Charts.renderAll(ts, dir.resolve("plain"), specs);
    ChartOverlay reality = new ChartOverlay("online.png", "reality", new double[] {3, 10, 20},
        new double[] {8000, 160, 3200}, true);
    ChartOverlay elsewhere = new ChartOverlay("nope.png", "x", new double[] {1}, new double[] {1}, false);
    Charts.renderAll(ts, dir.resolve("with"), specs, List.of(reality, elsewhere), List.of());
    assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("plain/online.png")),
        Files.readAllBytes(dir.resolve("with/online.png"))), "the overlay shows on online.png");
    assertArrayEquals(Files.readAllBytes(dir.resolve("plain/logins.png")),
        Files.readAllBytes(dir.resolve("with/logins.png")), "and nowhere else");
    assertFalse(Files.exists(dir.resolve("with/nope.png")), "an overlay makes no chart of its own");
  }

  @Test
  void markersCloseInTimeTakeDifferentLabelRows() {
    List<ChartMarker> markers = List.of(new ChartMarker(25 * 3600, "rate-limit.enabled = 1, admission.enabled = 1"),
        new ChartMarker(31 * 3600, "blocking.enabled = 1"), new ChartMarker(32 * 3600, "end"),
        new ChartMarker(33 * 3600, "again"));
    List<org.jfree.chart.plot.ValueMarker> lines = Charts.markerLines(markers);
    assertEquals(List.of(25.0, 31.0, 32.0, 33.0), lines.stream().map(l -> l.getValue()).toList());
    for (int i = 1; i < Charts.MARKER_LABEL_ROWS; i++) {
      assertTrue(lines.get(i).getLabelOffset().getTop() > lines.get(i - 1).getLabelOffset().getTop(),
          "marker " + i + " below the one before");
    }
    assertEquals(lines.get(0).getLabelOffset(), lines.get(Charts.MARKER_LABEL_ROWS).getLabelOffset(), "rows repeat");
  }
}
