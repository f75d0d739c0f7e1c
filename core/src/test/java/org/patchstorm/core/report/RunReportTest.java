package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.results.Manifest;

class RunReportTest {
  @TempDir Path dir;

  @Test
  void eventsAtTheSameMomentShareOneMarker() {
    Experiment experiment = Experiments.read(ConfigFactory.parseString("""
        patchstorm {
          experiment { name = marks, model = overlay, duration = 1d, report-interval = 1m }
          overlay {
            peers = 200
            timeline = [
              { type = restart-burst, at = 3h, window = 20m, fraction = 0.5, selector = all,
                downtime { type = uniform, min = 1m, max = 5m }, exit = clean,
                include-supernodes = true }
              { type = throttle-logins, at = 15h, per-second = 16 }
              { type = set-parameter, at = 15h, key = healing.self-shutdown, value = false }
            ]
          }
        }
        """).withFallback(ConfigFactory.defaultReference()).resolve(), OptionalLong.empty());
    List<ChartMarker> markers = RunReport.markers(experiment);
    assertEquals(2, markers.size());
    assertEquals(3 * 3600, markers.get(0).timeSeconds(), 0);
    assertEquals("restart burst (50%)", markers.get(0).label());
    assertEquals(15 * 3600, markers.get(1).timeSeconds(), 0);
    assertTrue(markers.get(1).label().contains("throttled to 0.032/s")
        && markers.get(1).label().contains("healing.self-shutdown = 0"), markers.get(1).label());
  }

  @Test
  void pageHoldsTheVerdictItsMeaningEmbeddedChartsAndEscapedText() throws Exception {
    Path png = dir.resolve("online.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    ObjectNode summary = (ObjectNode) new ObjectMapper().readTree("""
        { "verdict": "METASTABLE_OUTAGE", "min_online_fraction": 0.02, "minutes_to_recover_95pct": null,
          "criteria": { "outage_threshold": 0.5, "recovered_threshold": 0.95,
                        "metastable_after_seconds": 3600 },
          "service": { "before": { "im_success": 0.99 }, "during": { "im_success": 0.5 } } }
        """);
    Manifest manifest = Manifest.starting("skype-2007", "config/skype-2007.conf", 7,
        List.of("local"), 1, "partitioned", Clock.systemUTC());
    String html = RunReport.html(manifest, summary, "Verdict: METASTABLE_OUTAGE",
        "name = \"<script>alert(1)</script>\"", List.of(png));
    assertTrue(html.contains("Verdict: METASTABLE_OUTAGE"));
    assertTrue(html.contains("still below 50%"), "says what the verdict means");
    assertTrue(html.contains("more than 60 minutes after"));
    assertTrue(html.contains("src=\"data:image/png;base64,iVBORw==\""), "the PNG is embedded");
    assertFalse(html.contains("<script>"), "text from files is escaped");
    assertTrue(html.contains("min_online_fraction</td><td>0.02<"));
    assertTrue(html.contains("minutes_to_recover_95pct</td><td>n/a<"));
    assertTrue(html.contains("<td class=\"text\">im_success</td><td>0.99</td><td>0.5</td>"));
    assertTrue(html.contains("config/skype-2007.conf"), "the manifest is shown");
  }
}
