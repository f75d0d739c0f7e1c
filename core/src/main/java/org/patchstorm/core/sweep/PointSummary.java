package org.patchstorm.core.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchstorm.core.report.Verdict;

/**
 * The runs of one point aggregated: how many ran, completed and failed; the share of each
 * verdict among the completed runs; and the statistics of each aggregated figure over the
 * completed runs. Failed runs are counted, never averaged in.
 */
public record PointSummary(
    SweepPoint point,
    int runs,
    int completed,
    int failed,
    Map<String, Double> verdictShares,
    Map<String, FigureStats> figures) {

  public static PointSummary of(SweepPoint point, List<RunRecord> runs, List<String> figureNames,
      boolean verdicts) {
    List<RunRecord> done = runs.stream().filter(RunRecord::completed).toList();
    Map<String, Double> shares = new LinkedHashMap<>();
    if (verdicts) {
      for (Verdict verdict : Verdict.values()) {
        long count = done.stream().filter(r -> verdict.name().equals(r.verdict())).count();
        shares.put(verdict.name(), done.isEmpty() ? Double.NaN : (double) count / done.size());
      }
    }
    Map<String, FigureStats> stats = new LinkedHashMap<>();
    for (String figure : figureNames) {
      stats.put(figure, FigureStats.of(done.stream().mapToDouble(r -> r.figure(figure)).toArray()));
    }
    return new PointSummary(point, runs.size(), done.size(), runs.size() - done.size(), shares,
        stats);
  }

  /** Share of runs that ended in an outage of any kind (OUTAGE or METASTABLE_OUTAGE). */
  public double outageShare() {
    Double outage = verdictShares.get(Verdict.OUTAGE.name());
    Double metastable = verdictShares.get(Verdict.METASTABLE_OUTAGE.name());
    return outage == null || metastable == null ? Double.NaN : outage + metastable;
  }
}
