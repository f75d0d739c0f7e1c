package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-built series: rows every 60 s from 60 to 600 s, the incident at 300 s, a 300 s baseline
 * (rows 60..300, each covering the minute before its time), and five rows after the incident.
 */
class OutageAnalysisTest {

  private static final double[] TIMES = {60, 120, 180, 240, 300, 360, 420, 480, 540, 600};
  private static final double EPS = 1e-9;

  /** Threshold 0.5 / 0.95 / severe 0.1, trigger over at 300 s, metastable after X seconds. */
  private static OutageCriteria criteria(double metastableAfterSeconds) {
    return new OutageCriteria(300, 300, 0.5, 0.95, 0.1, 300, metastableAfterSeconds);
  }

  private static double[] online(double... afterIncident) {
    double[] values = new double[TIMES.length];
    for (int i = 0; i < 5; i++) {
      values[i] = 100;
    }
    System.arraycopy(afterIncident, 0, values, 5, 5);
    return values;
  }

  @Test
  void vShapedDipIsMeasuredRowByRow() {
    // Fractions after the incident: 0.5, 0.2, 0.6, 0.96, 1.0.
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(50, 20, 60, 96, 100), null, null, null, criteria(600));
    assertEquals(100, s.preIncidentOnline(), EPS);
    assertEquals(0.2, s.minOnlineFraction(), EPS);
    assertEquals(420, s.minOnlineAtSeconds(), EPS);
    // Only the 0.2 row is strictly below 0.5; nothing below 0.1.
    assertEquals(1.0, s.minutesBelowOutage(), EPS);
    assertEquals(0.0, s.minutesBelowSevere(), EPS);
    // Last row below 0.95 ends at 480 s: 180 s after the incident.
    assertEquals(3.0, s.minutesToRecover(), EPS);
    // Deficits 50 + 80 + 40 + 4 + 0 peers, one minute each.
    assertEquals(174, s.lostUserMinutes(), EPS);
    // Still below 50% at 420 s, 120 s after the trigger: not more than 600 s.
    assertEquals(Verdict.OUTAGE, s.verdict());
    assertNull(s.retryAmplification());
  }

  @Test
  void outageOutlastingTheTriggerIsMetastable() {
    // Same dip, but an outage lasting 60 s past the trigger is already metastable: 120 > 60.
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(50, 20, 60, 96, 100), null, null, null, criteria(60));
    assertEquals(Verdict.METASTABLE_OUTAGE, s.verdict());
    // 120 s is not more than 120 s.
    OutageSummary edge = OutageAnalysis.analyze(
        TIMES, online(50, 20, 60, 96, 100), null, null, null, criteria(120));
    assertEquals(Verdict.OUTAGE, edge.verdict());
  }

  @Test
  void dipThatNeverRecoversHasNoRecoveryTime() {
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(50, 20, 10, 5, 5), null, null, null, criteria(3600));
    assertNull(s.minutesToRecover());
    assertEquals(0.05, s.minOnlineFraction(), EPS);
    assertEquals(540, s.minOnlineAtSeconds(), EPS); // the first of the two lowest rows
    assertEquals(4.0, s.minutesBelowOutage(), EPS); // 0.2, 0.1, 0.05, 0.05
    assertEquals(2.0, s.minutesBelowSevere(), EPS); // 0.05, 0.05 (0.1 is not below 0.1)
    assertEquals(50 + 80 + 90 + 95 + 95, s.lostUserMinutes(), EPS);
    assertEquals(Verdict.OUTAGE, s.verdict());
  }

  @Test
  void recoveryMustLastToTheEndOfTheRun() {
    // Back above 95% at 480 s, but down again in the last row: not recovered.
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(40, 96, 97, 98, 90), null, null, null, criteria(3600));
    assertNull(s.minutesToRecover());
    assertEquals(Verdict.OUTAGE, s.verdict());
  }

  @Test
  void noDipIsNoOutage() {
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(100, 97, 99, 100, 101), null, null, null, criteria(3600));
    assertEquals(Verdict.NO_OUTAGE, s.verdict());
    assertEquals(0.97, s.minOnlineFraction(), EPS);
    assertEquals(0.0, s.minutesToRecover(), EPS);
    assertEquals(0.0, s.minutesBelowOutage(), EPS);
    assertEquals(3 + 1, s.lostUserMinutes(), EPS); // 101 gives nothing back
  }

  @Test
  void shallowDipIsDegraded() {
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(80, 50, 90, 100, 100), null, null, null, criteria(3600));
    // 0.5 is not below the 0.5 outage threshold.
    assertEquals(Verdict.DEGRADED, s.verdict());
    assertEquals(3.0, s.minutesToRecover(), EPS);
  }

  @Test
  void expectedOnlineReplacesThePreIncidentLevel() {
    // The diurnal curve doubles the expected population after the incident; online lags it.
    double[] expected = {100, 100, 100, 100, 100, 200, 200, 200, 200, 200};
    double[] online = online(100, 150, 190, 200, 210);
    OutageSummary s = OutageAnalysis.analyze(TIMES, online, null, null, expected, criteria(3600));
    assertTrue(s.againstExpected());
    assertEquals(100, s.preIncidentOnline(), EPS);
    assertEquals(0.5, s.minOnlineFraction(), EPS); // 100 / 200 at 360 s
    assertEquals(360, s.minOnlineAtSeconds(), EPS);
    assertEquals(Verdict.DEGRADED, s.verdict());
    assertEquals(2.0, s.minutesToRecover(), EPS); // last below 0.95 is 150/200 at 420 s
    assertEquals(100 + 50 + 10, s.lostUserMinutes(), EPS);

    // Against the flat pre-incident level the same run never dipped.
    OutageSummary flat = OutageAnalysis.analyze(TIMES, online, null, null, null, criteria(3600));
    assertEquals(Verdict.NO_OUTAGE, flat.verdict());
  }

  @Test
  void retryAmplificationCountsTheIncidentWindowOnly() {
    // Incident window: rows ending in (300, 480], where 480 s is the recovery.
    double[] attempts = {7, 7, 7, 7, 7, 10, 40, 30, 20, 7};
    double[] successes = {7, 7, 7, 7, 7, 5, 4, 6, 20, 7};
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(50, 20, 60, 96, 100), attempts, successes, null, criteria(3600));
    assertEquals(80, s.loginAttemptsInIncident(), EPS);
    assertEquals(15, s.loginSuccessesInIncident(), EPS);
    assertEquals(80.0 / 15.0, s.retryAmplification(), EPS);
  }

  @Test
  void retryAmplificationRunsToTheEndWithoutRecoveryAndIsNullWithoutSuccesses() {
    double[] attempts = {1, 1, 1, 1, 1, 10, 20, 30, 40, 50};
    double[] successes = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    OutageSummary s = OutageAnalysis.analyze(
        TIMES, online(50, 20, 10, 5, 5), attempts, successes, null, criteria(3600));
    assertEquals(150, s.loginAttemptsInIncident(), EPS);
    assertEquals(0, s.loginSuccessesInIncident(), EPS);
    assertNull(s.retryAmplification());
  }

  @Test
  void rowStraddlingTheIncidentStartCountsOnlyItsPartAfterIt() {
    // Incident at 330 s: the 360 s row covers (300, 360], half after the incident. The baseline
    // window [30, 330) holds rows 60 (half of it) to 300.
    OutageCriteria c = new OutageCriteria(330, 300, 0.5, 0.95, 0.1, 330, 3600);
    double[] online = {200, 100, 100, 100, 100, 20, 100, 100, 100, 100};
    OutageSummary s = OutageAnalysis.analyze(TIMES, online, null, null, null, c);
    // (200 * 30 + 100 * 240) / 270
    assertEquals(30000.0 / 270.0, s.preIncidentOnline(), EPS);
    assertEquals(0.5, s.minutesBelowOutage(), EPS);
  }

  @Test
  void columnsAreTakenByName() {
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("online_peers", online(50, 20, 60, 96, 100));
    columns.put("login_attempts", new double[] {0, 0, 0, 0, 0, 9, 9, 9, 0, 0});
    columns.put("login_successes", new double[] {0, 0, 0, 0, 0, 1, 1, 1, 0, 0});
    OutageSummary s = OutageAnalysis.analyze(TimeSeries.of(TIMES, columns), "online_peers",
        "login_attempts", "login_successes", criteria(3600));
    assertEquals(9.0, s.retryAmplification(), EPS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutageAnalysis.analyze(TimeSeries.of(TIMES, columns), "online", null, null,
            criteria(3600)));
    assertTrue(e.getMessage().contains("'online'"), e.getMessage());
  }

  @Test
  void missingBaselineIsAClearError() {
    OutageCriteria atStart = new OutageCriteria(0, 300, 0.5, 0.95, 0.1, 0, 3600);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutageAnalysis.analyze(TIMES, online(1, 1, 1, 1, 1), null, null, null, atStart));
    assertTrue(e.getMessage().contains("baseline"), e.getMessage());
  }

  @Test
  void inconsistentCriteriaAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OutageCriteria(300, 300, 0.9, 0.5, 0.1, 300, 0));
    assertTrue(e.getMessage().contains("severe <= outage <= recovered"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new OutageCriteria(300, 300, 0.5, 0.95, 0.1, 200, 0));
  }
}
