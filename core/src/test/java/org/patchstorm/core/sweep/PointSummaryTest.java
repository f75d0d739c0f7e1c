package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointSummaryTest {
  private static final SweepPoint POINT = new SweepPoint(0, List.of(0));

  private static RunRecord done(long seed, String verdict, double figure) {
    return new RunRecord(0, seed, true, verdict, Map.of("f", figure), "runs/x" + seed, null);
  }

  @Test
  void aFailedRunIsCountedButNeverAveragedIn() {
    List<RunRecord> runs = List.of(
        done(1, "OUTAGE", 0.2),
        RunRecord.failed(0, 2, "runs/x2.incomplete", "the actor system failed"),
        done(3, "NO_OUTAGE", 0.4));
    PointSummary p = PointSummary.of(POINT, runs, List.of("f"), true);
    assertEquals(3, p.runs());
    assertEquals(2, p.completed());
    assertEquals(1, p.failed());
    assertEquals(2, p.figures().get("f").n());
    assertEquals(0.3, p.figures().get("f").mean(), 1e-12, "not (0.2 + 0 + 0.4) / 3");
  }

  @Test
  void verdictSharesAreOverCompletedRunsAndSumToOne() {
    List<RunRecord> runs = List.of(
        done(1, "OUTAGE", 0), done(2, "METASTABLE_OUTAGE", 0), done(3, "DEGRADED", 0),
        done(4, "METASTABLE_OUTAGE", 0), RunRecord.failed(0, 5, "runs/x5", "why"));
    PointSummary p = PointSummary.of(POINT, runs, List.of("f"), true);
    assertEquals(0.25, p.verdictShares().get("OUTAGE"), 1e-12);
    assertEquals(0.5, p.verdictShares().get("METASTABLE_OUTAGE"), 1e-12);
    assertEquals(0.25, p.verdictShares().get("DEGRADED"), 1e-12);
    assertEquals(0.0, p.verdictShares().get("NO_OUTAGE"), 1e-12);
    assertEquals(0.75, p.outageShare(), 1e-12);
  }

  @Test
  void aPointWhoseRunsAllFailedHasNoStatistics() {
    PointSummary p = PointSummary.of(POINT,
        List.of(RunRecord.failed(0, 1, "runs/x1", "why")), List.of("f"), true);
    assertEquals(1, p.failed());
    assertEquals(0, p.figures().get("f").n());
    assertEquals(Double.NaN, p.verdictShares().get("OUTAGE"));
  }
}
