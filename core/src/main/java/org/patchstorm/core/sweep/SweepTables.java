package org.patchstorm.core.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.patchstorm.core.results.CsvWriter;

/**
 * runs.csv and points.csv as text. Rows are in sweep order (point, then seed in the order the
 * sweep lists them) and hold nothing measured by the wall clock, so the files are the same byte
 * for byte however many runs went in parallel or in what order they finished.
 */
public final class SweepTables {
  private SweepTables() {}

  /** Sorts records into sweep order: by point, then by the seed's place in the sweep. */
  public static List<RunRecord> inSweepOrder(SweepPlan plan, List<RunRecord> records) {
    List<Long> seeds = plan.sweep().seeds();
    List<RunRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparingInt(RunRecord::point)
        .thenComparingInt(r -> seeds.indexOf(r.seed())));
    return sorted;
  }

  /** One row per run: point, axis labels, seed, status, verdict, every figure, folder, failure. */
  public static String runsCsv(SweepPlan plan, List<RunRecord> records) {
    Sweep sweep = plan.sweep();
    List<String> header = new ArrayList<>(List.of("point"));
    sweep.axes().forEach(a -> header.add(a.name()));
    header.addAll(List.of("seed", "status"));
    if (plan.verdicts()) {
      header.add("verdict");
    }
    header.addAll(plan.figureNames());
    header.addAll(List.of("folder", "failure"));
    StringBuilder csv = new StringBuilder();
    line(csv, header);
    for (RunRecord r : inSweepOrder(plan, records)) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(r.point()));
      SweepPoint point = plan.points().get(r.point()).point();
      for (int a = 0; a < sweep.axes().size(); a++) {
        cells.add(sweep.label(point, a));
      }
      cells.add(Long.toString(r.seed()));
      cells.add(r.completed() ? "complete" : "failed");
      if (plan.verdicts()) {
        cells.add(r.verdict() == null ? "" : r.verdict());
      }
      for (String figure : plan.figureNames()) {
        cells.add(number(r.figure(figure)));
      }
      cells.add(r.folder());
      cells.add(r.failure() == null ? "" : r.failure());
      line(csv, cells);
    }
    return csv.toString();
  }

  /** Aggregates the records of each point, in point order. */
  public static List<PointSummary> summarise(SweepPlan plan, List<RunRecord> records) {
    List<PointSummary> points = new ArrayList<>();
    for (SweepPlan.PointPlan p : plan.points()) {
      int index = p.point().index();
      List<RunRecord> runs = records.stream().filter(r -> r.point() == index).toList();
      points.add(PointSummary.of(p.point(), runs, plan.aggregated(), plan.verdicts()));
    }
    return points;
  }

  /**
   * One row per point: axis labels, runs, completed, failed, the share of each verdict, then per
   * figure n, mean, sd and the 95% interval (empty where undefined, e.g. n = 1).
   */
  public static String pointsCsv(SweepPlan plan, List<PointSummary> points) {
    Sweep sweep = plan.sweep();
    List<String> header = new ArrayList<>(List.of("point"));
    sweep.axes().forEach(a -> header.add(a.name()));
    header.addAll(List.of("runs", "completed", "failed"));
    if (!points.isEmpty()) {
      points.get(0).verdictShares().keySet().forEach(v -> header.add("share_" + v));
    }
    for (String figure : plan.aggregated()) {
      for (String stat : List.of("n", "mean", "sd", "ci95_low", "ci95_high")) {
        header.add(figure + "_" + stat);
      }
    }
    StringBuilder csv = new StringBuilder();
    line(csv, header);
    for (PointSummary p : points) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(p.point().index()));
      for (int a = 0; a < sweep.axes().size(); a++) {
        cells.add(sweep.label(p.point(), a));
      }
      cells.add(Integer.toString(p.runs()));
      cells.add(Integer.toString(p.completed()));
      cells.add(Integer.toString(p.failed()));
      p.verdictShares().values().forEach(s -> cells.add(number(s)));
      for (String figure : plan.aggregated()) {
        FigureStats s = p.figures().get(figure);
        cells.add(Integer.toString(s.n()));
        cells.add(number(s.mean()));
        cells.add(number(s.sd()));
        cells.add(number(s.ciLow()));
        cells.add(number(s.ciHigh()));
      }
      line(csv, cells);
    }
    return csv.toString();
  }

  /** A number as metrics.csv writes it; NaN (missing, undefined) as an empty cell. */
  static String number(double value) {
    return Double.isNaN(value) ? "" : CsvWriter.formatNumber(value);
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(CsvWriter.quote(cells.get(i)));
    }
    csv.append('\n');
  }

  static String percent(double share) {
    return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
