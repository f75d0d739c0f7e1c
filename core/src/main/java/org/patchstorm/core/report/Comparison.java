package org.patchstorm.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchstorm.core.experiment.SummaryFigures;
import org.patchstorm.core.results.CsvWriter;

/**
 * Runs side by side (./run.sh compare A B ...): each standard series with one line per run,
 * the summary figures in columns with each run's difference from the first, and the settings in
 * which their experiments differ. Writes PNGs and one self-contained report.html.
 */
public final class Comparison {
  private static final String ABSENT = "(not set)";

  /** One results folder, read. */
  record Run(String label, Path folder, TimeSeries series, Map<String, Double> figures,
      Map<String, String> settings) {}

  private final List<Run> runs;

  private Comparison(List<Run> runs) {
    this.runs = runs;
  }

  /**
   * Reads the folders; a folder without metrics.csv is an {@link IllegalArgumentException}
   * naming it. summary.json and experiment.conf are shown when there.
   */
  public static Comparison of(List<Path> folders) throws IOException {
    List<Run> runs = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Path folder : folders) {
      Path metrics = folder.resolve("metrics.csv");
      if (!Files.isRegularFile(metrics)) {
        throw new IllegalArgumentException(folder + " is not a results folder (it has no"
            + " metrics.csv)");
      }
      String name = folder.toAbsolutePath().normalize().getFileName().toString();
      int n = seen.merge(name, 1, Integer::sum);
      String label = n == 1 ? name : name + " (" + n + ")";
      Path summary = folder.resolve("summary.json");
      Map<String, Double> figures = Files.isRegularFile(summary)
          ? SummaryFigures.flatten(new ObjectMapper().readTree(summary.toFile()))
          : Map.of();
      Path experiment = folder.resolve("experiment.conf");
      Map<String, String> settings = Files.isRegularFile(experiment)
          ? settings(ConfigFactory.parseFile(experiment.toFile(),
              ConfigParseOptions.defaults().setAllowMissing(false)))
          : Map.of();
      runs.add(new Run(label, folder, TimeSeries.readCsv(metrics), figures, settings));
    }
    return new Comparison(runs);
  }

  /**
   * Every leaf of the experiment, rendered as HOCON, by path in sorted order; lists of objects
   * (the timeline) are entered, so one changed event field shows as {@code timeline[0].fraction}.
   */
  static Map<String, String> settings(Config experiment) {
    Map<String, String> leaves = new TreeMap<>();
    collect(experiment.root(), "", leaves);
    return leaves;
  }

  private static void collect(ConfigValue value, String path, Map<String, String> out) {
    if (value instanceof ConfigObject object && !object.isEmpty()) {
      for (String key : object.keySet()) {
        String quoted = ConfigUtil.joinPath(key);
        collect(object.get(key), path.isEmpty() ? quoted : path + "." + quoted, out);
      }
    } else if (value instanceof ConfigList list && !list.isEmpty()
        && list.stream().allMatch(e -> e instanceof ConfigObject)) {
      for (int i = 0; i < list.size(); i++) {
        collect(list.get(i), path + "[" + i + "]", out);
      }
    } else {
      out.put(path, value.render(ConfigRenderOptions.concise()));
    }
  }

  /** Writes the overlaid charts and report.html into {@code out}; returns the report. */
  public Path write(Path out) throws IOException {
    Files.createDirectories(out);
    List<Path> charts = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    runs.forEach(r -> columns.addAll(r.series().columnNames()));
    for (ChartSpec spec : Charts.defaultSpecs(columns)) {
      for (String column : spec.columns()) {
        ChartSpec overlaid = new ChartSpec(column + ".png", spec.title() + ": " + column,
            spec.yLabel(), runs.stream().map(Run::label).toList(), spec.logY());
        charts.addAll(Charts.renderAll(overlay(column), out, List.of(overlaid)));
      }
    }
    Path report = out.resolve("report.html");
    Files.writeString(report, html(charts));
    return report;
  }

  /**
   * The column of every run on the union of their times, NaN (a gap) where a run has no row.
   */
  TimeSeries overlay(String column) {
    Set<Double> times = new TreeSet<>();
    for (Run r : runs) {
      for (double t : r.series().timeSeconds()) {
        times.add(t);
      }
    }
    double[] union = times.stream().mapToDouble(Double::doubleValue).toArray();
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (Run r : runs) {
      double[] values = new double[union.length];
      java.util.Arrays.fill(values, Double.NaN);
      if (r.series().hasColumn(column)) {
        double[] own = r.series().timeSeconds();
        double[] v = r.series().column(column);
        for (int i = 0, j = 0; i < own.length; i++) {
          while (union[j] < own[i]) {
            j++;
          }
          values[j] = v[i];
        }
      }
      columns.put(r.label(), values);
    }
    return TimeSeries.of(union, columns);
  }

  /** Rows of figures: each run's value, then each later run's difference from the first. */
  List<List<String>> figureRows() {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> names.addAll(r.figures().keySet()));
    List<List<String>> rows = new ArrayList<>();
    for (String name : names) {
      List<String> row = new ArrayList<>(List.of(name));
      Double first = runs.get(0).figures().get(name);
      for (Run r : runs) {
        row.add(number(r.figures().get(name)));
      }
      for (Run r : runs.subList(1, runs.size())) {
        Double v = r.figures().get(name);
        row.add(first == null || v == null ? "n/a" : number(v - first));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Rows of the settings in which the experiments differ: path, then each run's value. */
  List<List<String>> settingRows() {
    Set<String> paths = new TreeSet<>();
    runs.forEach(r -> paths.addAll(r.settings().keySet()));
    List<List<String>> rows = new ArrayList<>();
    for (String path : paths) {
      Set<String> values = new LinkedHashSet<>();
      runs.forEach(r -> values.add(r.settings().getOrDefault(path, ABSENT)));
      if (values.size() > 1) {
        List<String> row = new ArrayList<>(List.of(path));
        runs.forEach(r -> row.add(r.settings().getOrDefault(path, ABSENT)));
        rows.add(row);
      }
    }
    return rows;
  }

  private String html(List<Path> charts) {
    Map<String, Object> scope = new LinkedHashMap<>();
    List<Map<String, Object>> runList = new ArrayList<>();
    runs.forEach(r -> runList.add(Map.of("label", r.label(), "folder", r.folder().toString())));
    scope.put("runs", runList);
    List<String> labels = runs.stream().map(Run::label).toList();
    scope.put("labels", labels);
    scope.put("diffLabels", labels.subList(1, labels.size()).stream()
        .map(l -> l + " − " + labels.get(0)).toList());
    List<Map<String, Object>> chartList = new ArrayList<>();
    for (Path chart : charts) {
      chartList.add(Map.of("name", chart.getFileName().toString(), "src", Html.pngDataUri(chart)));
    }
    scope.put("charts", chartList);
    scope.put("figures", cells(figureRows()));
    List<List<String>> settings = settingRows();
    scope.put("settings", cells(settings));
    scope.put("sameSettings", settings.isEmpty());
    return Html.render("compare.mustache", scope);
  }

  private static List<Map<String, Object>> cells(List<List<String>> rows) {
    return rows.stream().map(r -> Map.<String, Object>of("name", r.get(0),
        "cells", r.subList(1, r.size()))).toList();
  }

  private static String number(Double value) {
    return value == null || value.isNaN() ? "n/a" : CsvWriter.formatNumber(value);
  }
}
