package org.patchstorm.core.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchstorm.core.report.Html;

/** The sweep's report.html: charts, the points and runs tables, failures and the sweep as run. */
public final class SweepReport {
  private SweepReport() {}

  public static String html(SweepPlan plan, List<RunRecord> records, List<PointSummary> points,
      Map<String, byte[]> charts) {
    Sweep sweep = plan.sweep();
    Map<String, Object> scope = new LinkedHashMap<>();
    long completed = records.stream().filter(RunRecord::completed).count();
    scope.put("name", sweep.name());
    scope.put("file", sweep.file().toString());
    scope.put("overrides", plan.overrides());
    scope.put("pointCount", plan.points().size());
    scope.put("seedCount", sweep.seeds().size());
    scope.put("runCount", plan.runCount());
    scope.put("completed", completed);
    scope.put("failed", records.size() - completed);
    scope.put("hasFailures", records.size() > completed);
    scope.put("sweepText", sweep.text());
    List<Map<String, Object>> chartList = new ArrayList<>();
    charts.forEach((name, png) -> chartList.add(Map.of("name", name, "src", Html.pngDataUri(png))));
    scope.put("charts", chartList);

    List<String> pointHeader = new ArrayList<>();
    sweep.axes().forEach(a -> pointHeader.add(a.name()));
    pointHeader.addAll(List.of("runs", "completed", "failed"));
    if (plan.verdicts()) {
      pointHeader.add("outage share");
    }
    pointHeader.addAll(plan.aggregated());
    scope.put("pointHeader", pointHeader);
    List<Map<String, Object>> pointRows = new ArrayList<>();
    for (PointSummary p : points) {
      List<String> cells = axisCells(sweep, p.point());
      cells.add(Integer.toString(p.runs()));
      cells.add(Integer.toString(p.completed()));
      cells.add(Integer.toString(p.failed()));
      if (plan.verdicts()) {
        cells.add(SweepTables.percent(p.outageShare()));
      }
      for (String figure : plan.aggregated()) {
        cells.add(statsCell(p.figures().get(figure)));
      }
      pointRows.add(Map.of("cells", cells));
    }
    scope.put("pointRows", pointRows);

    List<String> runHeader = new ArrayList<>();
    sweep.axes().forEach(a -> runHeader.add(a.name()));
    runHeader.addAll(List.of("seed", "status"));
    if (plan.verdicts()) {
      runHeader.add("verdict");
    }
    runHeader.addAll(plan.aggregated());
    runHeader.add("folder");
    scope.put("runHeader", runHeader);
    List<Map<String, Object>> runRows = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    for (RunRecord r : records) {
      List<String> cells = axisCells(sweep, plan.points().get(r.point()).point());
      cells.add(Long.toString(r.seed()));
      cells.add(r.completed() ? "complete" : "failed");
      if (plan.verdicts()) {
        cells.add(r.verdict() == null ? "" : r.verdict());
      }
      for (String figure : plan.aggregated()) {
        double v = r.figure(figure);
        cells.add(Double.isNaN(v) ? "" : SweepCharts.format(v));
      }
      String link = r.completed() ? r.folder() + "/report.html" : r.folder();
      runRows.add(Map.of("cells", cells, "folder", r.folder(), "link", link));
      if (!r.completed()) {
        failures.add(Map.of("folder", r.folder(), "failure", r.failure()));
      }
    }
    scope.put("runRows", runRows);
    scope.put("failures", failures);
    return Html.render("sweep.mustache", scope);
  }

  private static List<String> axisCells(Sweep sweep, SweepPoint point) {
    List<String> cells = new ArrayList<>();
    for (int a = 0; a < sweep.axes().size(); a++) {
      cells.add(sweep.label(point, a));
    }
    return cells;
  }

  /** {@code mean [low, high] (n)}; without an interval just the mean and n; empty without data. */
  static String statsCell(FigureStats s) {
    if (s.n() == 0) {
      return "";
    }
    String mean = SweepCharts.format(s.mean());
    return s.hasInterval()
        ? mean + " [" + SweepCharts.format(s.ciLow()) + ", " + SweepCharts.format(s.ciHigh())
            + "] (n=" + s.n() + ")"
        : mean + " (n=" + s.n() + ")";
  }
}
