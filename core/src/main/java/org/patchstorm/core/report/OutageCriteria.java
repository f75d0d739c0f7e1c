package org.patchstorm.core.report;

/**
 * How to judge a run. All times are virtual seconds since the start of the run.
 *
 * @param incidentStartSeconds when the trigger (restart wave, crash, attack) begins
 * @param baselineWindowSeconds the pre-incident level is the time-weighted mean of online peers
 *     over {@code [incidentStart - baselineWindow, incidentStart)}
 * @param outageThreshold a fraction below this is an outage (e.g. 0.5)
 * @param recoveredThreshold a fraction at or above this counts as recovered (e.g. 0.95)
 * @param severeThreshold a deeper level whose time below is reported too (e.g. 0.1)
 * @param triggerEndSeconds when the trigger stops (equal to the start for an instant trigger)
 * @param metastableAfterSeconds an outage still going on more than this long after the trigger
 *     ended is metastable: the system keeps itself down without the trigger
 */
public record OutageCriteria(
    double incidentStartSeconds,
    double baselineWindowSeconds,
    double outageThreshold,
    double recoveredThreshold,
    double severeThreshold,
    double triggerEndSeconds,
    double metastableAfterSeconds) {

  public OutageCriteria {
    require(Double.isFinite(incidentStartSeconds) && incidentStartSeconds >= 0,
        "incident_start_seconds must be a finite time >= 0 but is " + incidentStartSeconds);
    require(Double.isFinite(baselineWindowSeconds) && baselineWindowSeconds > 0,
        "baseline_window_seconds must be > 0 but is " + baselineWindowSeconds);
    require(isFraction(severeThreshold), "severe_threshold must be in (0, 1] but is "
        + severeThreshold);
    require(isFraction(outageThreshold), "outage_threshold must be in (0, 1] but is "
        + outageThreshold);
    require(isFraction(recoveredThreshold), "recovered_threshold must be in (0, 1] but is "
        + recoveredThreshold);
    require(severeThreshold <= outageThreshold && outageThreshold <= recoveredThreshold,
        "thresholds must satisfy severe <= outage <= recovered but are " + severeThreshold
            + ", " + outageThreshold + ", " + recoveredThreshold);
    require(Double.isFinite(triggerEndSeconds) && triggerEndSeconds >= incidentStartSeconds,
        "trigger_end_seconds (" + triggerEndSeconds
            + ") must be finite and not before incident_start_seconds (" + incidentStartSeconds
            + ")");
    require(Double.isFinite(metastableAfterSeconds) && metastableAfterSeconds >= 0,
        "metastable_after_seconds must be >= 0 but is " + metastableAfterSeconds);
  }

  /**
   * The usual criteria: one hour of baseline, outage below 50%, recovered at 95%, severe below
   * 10%, and an outage lasting more than one hour after the trigger ended counts as metastable.
   */
  public static OutageCriteria standard(double incidentStartSeconds, double triggerEndSeconds) {
    return new OutageCriteria(
        incidentStartSeconds, 3600, 0.5, 0.95, 0.1, triggerEndSeconds, 3600);
  }

  private static boolean isFraction(double v) {
    return v > 0 && v <= 1;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid outage criteria: " + message);
    }
  }
}
