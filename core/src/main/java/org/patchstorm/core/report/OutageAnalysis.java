package org.patchstorm.core.report;

/**
 * Judges a finished run from its online-peers series and, optionally, its log-in series.
 *
 * <p>Rows are discrete: row {@code i} describes the interval {@code (t[i-1], t[i]]} that ends at
 * its time (the first row is as long as the second). "Time below a threshold" adds up the
 * lengths of the rows whose fraction is below it, so its resolution is the reporting interval.
 *
 * <ul>
 *   <li>Pre-incident level: time-weighted mean of online over the rows that end at or before the
 *       incident start, weighted by their overlap with {@code [start - baselineWindow, start)}.
 *   <li>Rows after the incident: rows ending after the start; a row that straddles the start
 *       counts only for its part after the start.
 *   <li>Fraction: online / reference, the reference being the pre-incident level or, when given,
 *       the expected-online value of the same row.
 *   <li>Recovery: the end of the last row below the recovered threshold, provided some later row
 *       is at or above it (then every later row is); measured from the incident start.
 *   <li>Incident window for log-ins: rows ending in {@code (start, recovery]}, or up to the end of
 *       the run when it never recovered. Counts cannot be split, so a straddling row counts whole.
 *   <li>Metastable: the last row below the outage threshold ends more than
 *       {@code metastableAfterSeconds} after the trigger ended.
 * </ul>
 *
 * NaN values (missing cells) are skipped: they neither break nor make a recovery.
 */
public final class OutageAnalysis {

  private OutageAnalysis() {}

  /** Analysis against the pre-incident level; log-in columns may be null to skip amplification. */
  public static OutageSummary analyze(TimeSeries series, String onlineColumn,
      String loginAttemptsColumn, String loginSuccessesColumn, OutageCriteria criteria) {
    return analyze(series, onlineColumn, loginAttemptsColumn, loginSuccessesColumn, criteria,
        null);
  }

  /**
   * Analysis of named columns; {@code expectedOnline} (one value per row, or null) replaces the
   * pre-incident level as the reference, e.g. the same scenario without the trigger.
   */
  public static OutageSummary analyze(TimeSeries series, String onlineColumn,
      String loginAttemptsColumn, String loginSuccessesColumn, OutageCriteria criteria,
      double[] expectedOnline) {
    return analyze(series.timeSeconds(), series.column(onlineColumn),
        loginAttemptsColumn == null ? null : series.column(loginAttemptsColumn),
        loginSuccessesColumn == null ? null : series.column(loginSuccessesColumn),
        expectedOnline, criteria);
  }

  /**
   * Analysis of plain arrays, all of the length of {@code timeSeconds}; the log-in arrays and
   * {@code expectedOnline} may be null.
   */
  public static OutageSummary analyze(double[] timeSeconds, double[] online,
      double[] loginAttempts, double[] loginSuccesses, double[] expectedOnline,
      OutageCriteria criteria) {
    int n = timeSeconds.length;
    if (n == 0) {
      throw new IllegalArgumentException("cannot analyse an outage: the time series has no rows");
    }
    requireLength("online", online, n);
    requireLength("log-in attempts", loginAttempts, n);
    requireLength("log-in successes", loginSuccesses, n);
    requireLength("expected online", expectedOnline, n);

    double start = criteria.incidentStartSeconds();
    double[] rowStart = new double[n];
    for (int i = 0; i < n; i++) {
      double width = i > 0 ? timeSeconds[i] - timeSeconds[i - 1]
          : (n > 1 ? timeSeconds[1] - timeSeconds[0] : timeSeconds[0]);
      rowStart[i] = timeSeconds[i] - width;
    }

    double preIncident = baselineMean(timeSeconds, rowStart, online, criteria);

    // Fractions and weights of the rows after the incident start.
    double[] fraction = new double[n];
    double[] weight = new double[n];
    int firstAfter = n;
    for (int i = n - 1; i >= 0 && timeSeconds[i] > start; i--) {
      firstAfter = i;
    }
    if (firstAfter == n) {
      throw new IllegalArgumentException("cannot analyse an outage: no row ends after the "
          + "incident start at " + start + " s (last row at " + timeSeconds[n - 1] + " s)");
    }
    double minFraction = Double.NaN;
    double minAt = Double.NaN;
    double lostUserSeconds = 0;
    double secondsBelowOutage = 0;
    double secondsBelowSevere = 0;
    int lastBelowRecovered = -1;
    int lastBelowOutage = -1;
    int lastFinite = -1;
    for (int i = firstAfter; i < n; i++) {
      weight[i] = timeSeconds[i] - Math.max(rowStart[i], start);
      double reference = expectedOnline == null ? preIncident : expectedOnline[i];
      fraction[i] = reference > 0 ? online[i] / reference : Double.NaN;
      if (Double.isNaN(fraction[i])) {
        continue;
      }
      lastFinite = i;
      lostUserSeconds += Math.max(0, reference - online[i]) * weight[i];
      if (Double.isNaN(minFraction) || fraction[i] < minFraction) {
        minFraction = fraction[i];
        minAt = timeSeconds[i];
      }
      if (fraction[i] < criteria.recoveredThreshold()) {
        lastBelowRecovered = i;
      }
      if (fraction[i] < criteria.outageThreshold()) {
        lastBelowOutage = i;
        secondsBelowOutage += weight[i];
      }
      if (fraction[i] < criteria.severeThreshold()) {
        secondsBelowSevere += weight[i];
      }
    }
    if (lastFinite < 0) {
      throw new IllegalArgumentException("cannot analyse an outage: no row after the incident "
          + "start has both an online value and a positive reference level");
    }

    Double minutesToRecover;
    double windowEnd;
    if (lastBelowRecovered < 0) {
      minutesToRecover = 0.0;
      windowEnd = start;
    } else if (lastBelowRecovered == lastFinite) {
      minutesToRecover = null;
      windowEnd = Double.POSITIVE_INFINITY;
    } else {
      windowEnd = timeSeconds[lastBelowRecovered];
      minutesToRecover = (windowEnd - start) / 60;
    }

    Double attempts = sumInWindow(timeSeconds, loginAttempts, start, windowEnd);
    Double successes = sumInWindow(timeSeconds, loginSuccesses, start, windowEnd);
    Double amplification =
        attempts != null && successes != null && successes > 0 ? attempts / successes : null;

    Verdict verdict;
    if (minFraction >= criteria.recoveredThreshold()) {
      verdict = Verdict.NO_OUTAGE;
    } else if (minFraction >= criteria.outageThreshold()) {
      verdict = Verdict.DEGRADED;
    } else if (timeSeconds[lastBelowOutage] - criteria.triggerEndSeconds()
        > criteria.metastableAfterSeconds()) {
      verdict = Verdict.METASTABLE_OUTAGE;
    } else {
      verdict = Verdict.OUTAGE;
    }

    return new OutageSummary(criteria, expectedOnline != null, preIncident, minFraction, minAt,
        secondsBelowOutage / 60, secondsBelowSevere / 60, minutesToRecover,
        lostUserSeconds / 60, attempts, successes, amplification, verdict);
  }

  private static double baselineMean(double[] time, double[] rowStart, double[] online,
      OutageCriteria criteria) {
    double start = criteria.incidentStartSeconds();
    double windowStart = start - criteria.baselineWindowSeconds();
    double sum = 0;
    double totalWeight = 0;
    for (int i = 0; i < time.length && time[i] <= start; i++) {
      double overlap = Math.min(time[i], start) - Math.max(rowStart[i], windowStart);
      if (overlap > 0 && !Double.isNaN(online[i])) {
        sum += online[i] * overlap;
        totalWeight += overlap;
      }
    }
    if (totalWeight == 0) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "cannot analyse an outage: no row with an online value covers the baseline window "
              + "[%s, %s) s before the incident; start the incident later or shorten "
              + "baseline_window_seconds", windowStart, start));
    }
    return sum / totalWeight;
  }

  private static Double sumInWindow(double[] time, double[] values, double from, double to) {
    if (values == null) {
      return null;
    }
    double sum = 0;
    for (int i = 0; i < time.length; i++) {
      if (time[i] > from && time[i] <= to && !Double.isNaN(values[i])) {
        sum += values[i];
      }
    }
    return sum;
  }

  private static void requireLength(String what, double[] values, int n) {
    if (values != null && values.length != n) {
      throw new IllegalArgumentException("cannot analyse an outage: the " + what + " series has "
          + values.length + " values but there are " + n + " times");
    }
  }
}
