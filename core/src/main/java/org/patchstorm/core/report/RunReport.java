package org.patchstorm.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.SummaryFigures;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.TimelineEvent;
import org.patchstorm.core.results.CsvWriter;
import org.patchstorm.core.results.Manifest;

/**
 * The report.html of one run: its charts (the PNGs of the folder, timeline events marked), the
 * verdict and what it means, the summary and service figures, the experiment as run and the
 * manifest, in one self-contained page.
 */
public final class RunReport {
  private RunReport() {}

  /** The timeline events of an overlay run, one marker per moment (events at once share it). */
  public static List<ChartMarker> markers(Experiment experiment) {
    if (!(experiment.model() instanceof OverlayModel overlay)) {
      return List.of();
    }
    Map<Long, List<String>> byTime = new TreeMap<>();
    for (TimelineEvent e : overlay.params().timeline().events()) {
      byTime.computeIfAbsent(e.at(), t -> new ArrayList<>()).add(describe(e));
    }
    List<ChartMarker> markers = new ArrayList<>();
    byTime.forEach((at, labels) ->
        markers.add(new ChartMarker(at / 1e6, String.join(", ", labels))));
    return markers;
  }

  private static String describe(TimelineEvent e) {
    return TimelineEvent.describe(e);
  }

  /**
   * The page.
   *
   * @param human the few lines the run printed at its end
   * @param charts the folder's charts, in the order to show them
   */
  public static String html(Manifest manifest, JsonNode summary, String human,
      String experimentText, List<Path> charts) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("name", manifest.experimentName());
    scope.put("seed", manifest.seed());
    scope.put("human", human);
    JsonNode verdict = summary.get(SummaryFigures.VERDICT);
    if (verdict != null) {
      scope.put("verdict", verdict.asText());
      scope.put("meaning", meaning(verdict.asText(), summary.path("criteria")));
      scope.put("bad", verdict.asText().endsWith("OUTAGE"));
    }
    List<Map<String, Object>> chartList = new ArrayList<>();
    for (Path chart : charts) {
      chartList.add(Map.of("name", chart.getFileName().toString(), "src", Html.pngDataUri(chart)));
    }
    scope.put("charts", chartList);
    List<Map<String, Object>> figures = new ArrayList<>();
    SummaryFigures.flatten(summary).forEach((name, value) -> {
      if (!name.startsWith("service.")) {
        figures.add(Map.of("name", name, "value", text(value)));
      }
    });
    scope.put("figures", figures);
    List<Map<String, Object>> service = serviceRows(summary.path("service"));
    scope.put("service", service);
    scope.put("hasService", !service.isEmpty());
    scope.put("experiment", experimentText);
    List<Map<String, Object>> manifestRows = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields =
        new ObjectMapper().valueToTree(manifest).fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      manifestRows.add(Map.of("name", f.getKey(),
          "value", f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
    }
    scope.put("manifest", manifestRows);
    return Html.render("run.mustache", scope);
  }

  /**
   * Rows of the service comparison: one per measure, before and during the incident, then one
   * per measure of each region ("europe: presence_success").
   */
  private static List<Map<String, Object>> serviceRows(JsonNode service) {
    List<Map<String, Object>> rows = new ArrayList<>();
    serviceRows(rows, "", service.path("before"), service.path("during"));
    Iterator<String> regions = service.path("before").path("regions").fieldNames();
    while (regions.hasNext()) {
      String region = regions.next();
      serviceRows(rows, region + ": ", service.path("before").path("regions").path(region),
          service.path("during").path("regions").path(region));
    }
    return rows;
  }

  private static void serviceRows(List<Map<String, Object>> rows, String prefix, JsonNode before, JsonNode during) {
    Iterator<String> names = before.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!before.path(name).isObject()) {
        rows.add(Map.of("name", prefix + name, "before", text(before.path(name)),
            "during", text(during.path(name))));
      }
    }
  }

  static String meaning(String verdict, JsonNode criteria) {
    String outage = percent(criteria.path("outage_threshold").asDouble(0.5));
    String recovered = percent(criteria.path("recovered_threshold").asDouble(0.95));
    double after = criteria.path("metastable_after_seconds").asDouble(3600) / 60;
    return switch (verdict) {
      case "NO_OUTAGE" -> "Online stayed at or above " + recovered + " of the users expected on"
          + " line: the incident did not show.";
      case "DEGRADED" -> "Online fell below " + recovered + " of the users expected on line but"
          + " never below " + outage + ": a dip, not an outage.";
      case "OUTAGE" -> "Online fell below " + outage + " of the users expected on line, and was"
          + " back above it within " + String.format(Locale.ROOT, "%.0f", after)
          + " minutes after the trigger ended.";
      case "METASTABLE_OUTAGE" -> "Online was still below " + outage + " of the users expected"
          + " on line more than " + String.format(Locale.ROOT, "%.0f", after) + " minutes after"
          + " the trigger ended: the overlay stayed down by itself (a metastable failure),"
          + " sustained by retries and lost supernode capacity, until something pushed it out.";
      default -> "";
    };
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  private static String text(JsonNode value) {
    return value.isNumber() ? text(value.doubleValue()) : value.isNull() || value.isMissingNode()
        ? "n/a" : value.asText();
  }

  private static String text(double value) {
    return Double.isNaN(value) ? "n/a" : CsvWriter.formatNumber(value);
  }
}
