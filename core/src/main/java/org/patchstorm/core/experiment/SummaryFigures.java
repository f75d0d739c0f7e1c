package org.patchstorm.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The numeric figures of a run's summary.json, flattened to dotted names ({@code
 * min_online_fraction}, {@code service.during.im_success}); null becomes NaN. What the summary
 * repeats of the experiment (seed, peers, length, analysis criteria) is left out: settings, not
 * results.
 */
public final class SummaryFigures {
  private static final java.util.Set<String> SETTINGS =
      java.util.Set.of("seed", "peers", "virtual_seconds", "criteria", "service.incident_start_s");

  /** The summary's verdict field, which runs.csv keeps as text. */
  public static final String VERDICT = "verdict";

  private SummaryFigures() {}

  public static Map<String, Double> flatten(JsonNode summary) {
    Map<String, Double> figures = new LinkedHashMap<>();
    collect(summary, "", figures);
    return figures;
  }

  private static void collect(JsonNode node, String prefix, Map<String, Double> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (SETTINGS.contains(name)) {
        continue;
      }
      if (value.isObject()) {
        collect(value, name + ".", out);
      } else if (value.isNumber()) {
        out.put(name, value.doubleValue());
      } else if (value.isNull()) {
        out.put(name, Double.NaN);
      }
    }
  }

  /**
   * The names of the figures a run of {@code experiment} will report, in summary order, learnt
   * before any run by summarising a table of ones with the model's columns.
   */
  public static List<String> namesFor(Experiment experiment) {
    return new ArrayList<>(flatten(RunSummary.of(experiment, placeholderTable(experiment)).json())
        .keySet());
  }

  /** True when runs of the experiment have a verdict (overlay runs do, benchmarks not). */
  public static boolean hasVerdict(Experiment experiment) {
    return RunSummary.of(experiment, placeholderTable(experiment)).json().has(VERDICT);
  }

  private static MetricsTable placeholderTable(Experiment experiment) {
    List<String> columns = experiment.model().schema().columns();
    MetricsTable table = new MetricsTable(columns);
    double[] ones = new double[columns.size()];
    java.util.Arrays.fill(ones, 1);
    long rows = Math.max(2, Math.min(10_000,
        experiment.durationMicros() / experiment.reportIntervalMicros()));
    for (long r = 1; r <= rows; r++) {
      table.add(r * experiment.reportIntervalMicros() / 1e6, ones.clone());
    }
    return table;
  }
}
