package org.patchstorm.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a run and the numbers behind it; see {@link OutageAnalysis} for definitions.
 * Fractions are online peers divided by the reference level (the pre-incident level, or the
 * expected-online series when one was given).
 *
 * @param againstExpected true when fractions were taken against an expected-online series
 * @param preIncidentOnline mean online peers over the baseline window
 * @param minOnlineFraction lowest fraction after the incident started
 * @param minOnlineAtSeconds time of the first row with that fraction
 * @param minutesBelowOutage minutes with a fraction below {@code criteria.outageThreshold()};
 *     JSON {@code minutes_below_50pct} for a threshold of 0.5
 * @param minutesBelowSevere minutes below {@code criteria.severeThreshold()}
 * @param minutesToRecover minutes from the incident start until the fraction is back at or
 *     above {@code criteria.recoveredThreshold()} for good; 0 if it never fell below it; null
 *     if it was still below at the end of the run. JSON {@code minutes_to_recover_95pct}
 * @param lostUserMinutes sum over time after the incident start of max(0, reference - online)
 * @param loginAttemptsInIncident log-in attempts in the incident window (null without the column)
 * @param loginSuccessesInIncident successful log-ins in that window (null without the column)
 * @param retryAmplification attempts / successes in that window; null when not computable (no
 *     columns, or no success at all: then see the two counts)
 */
public record OutageSummary(
    OutageCriteria criteria,
    boolean againstExpected,
    double preIncidentOnline,
    double minOnlineFraction,
    double minOnlineAtSeconds,
    double minutesBelowOutage,
    double minutesBelowSevere,
    Double minutesToRecover,
    double lostUserMinutes,
    Double loginAttemptsInIncident,
    Double loginSuccessesInIncident,
    Double retryAmplification,
    Verdict verdict) {

  /** JSON name of {@link #minutesBelowOutage}, e.g. {@code minutes_below_50pct}. */
  public String minutesBelowOutageField() {
    return "minutes_below_" + percentLabel(criteria.outageThreshold()) + "pct";
  }

  /** JSON name of {@link #minutesBelowSevere}, e.g. {@code minutes_below_10pct}. */
  public String minutesBelowSevereField() {
    return "minutes_below_" + percentLabel(criteria.severeThreshold()) + "pct";
  }

  /** JSON name of {@link #minutesToRecover}, e.g. {@code minutes_to_recover_95pct}. */
  public String minutesToRecoverField() {
    return "minutes_to_recover_" + percentLabel(criteria.recoveredThreshold()) + "pct";
  }

  /**
   * The summary as pretty-printed JSON with snake_case names in a fixed order and '\n' line ends;
   * non-finite or absent numbers are {@code null}.
   */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = toJsonNode();
    // Fixed '\n' so the file is byte-identical whatever the platform.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(indenter).withArrayIndenter(indenter);
    try {
      return mapper.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an outage summary", e);
    }
  }

  /** The same fields as {@link #toJson()}, as a node to embed in a larger document. */
  public ObjectNode toJsonNode() {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("verdict", verdict.name());
    root.put("reference", againstExpected ? "expected_online" : "pre_incident_level");
    putNumber(root, "pre_incident_online", preIncidentOnline);
    putNumber(root, "min_online_fraction", minOnlineFraction);
    putNumber(root, "min_online_at_seconds", minOnlineAtSeconds);
    putNumber(root, minutesBelowOutageField(), minutesBelowOutage);
    putNumber(root, minutesBelowSevereField(), minutesBelowSevere);
    putNumber(root, minutesToRecoverField(), minutesToRecover);
    putNumber(root, "lost_user_minutes", lostUserMinutes);
    putNumber(root, "login_attempts_in_incident", loginAttemptsInIncident);
    putNumber(root, "login_successes_in_incident", loginSuccessesInIncident);
    putNumber(root, "retry_amplification", retryAmplification);
    ObjectNode c = root.putObject("criteria");
    c.put("incident_start_seconds", criteria.incidentStartSeconds());
    c.put("baseline_window_seconds", criteria.baselineWindowSeconds());
    c.put("outage_threshold", criteria.outageThreshold());
    c.put("recovered_threshold", criteria.recoveredThreshold());
    c.put("severe_threshold", criteria.severeThreshold());
    c.put("trigger_end_seconds", criteria.triggerEndSeconds());
    c.put("metastable_after_seconds", criteria.metastableAfterSeconds());
    return root;
  }

  /** Three to six lines for a person, e.g. to print at the end of a run. */
  public String humanSummary() {
    String reference = againstExpected ? "the expected level" : "the pre-incident level";
    String outagePct = percentText(criteria.outageThreshold());
    String recoveredPct = percentText(criteria.recoveredThreshold());
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT,
        "Pre-incident level: %s peers online (mean of the %s before the incident at %s).",
        count(preIncidentOnline), duration(criteria.baselineWindowSeconds() / 60),
        clock(criteria.incidentStartSeconds())));
    if (verdict == Verdict.NO_OUTAGE) {
      lines.add(String.format(Locale.ROOT,
          "Online stayed at or above %s of %s; lowest %.1f%% at %s.",
          recoveredPct, reference, minOnlineFraction * 100, clock(minOnlineAtSeconds)));
    } else {
      lines.add(String.format(Locale.ROOT,
          "Online fell to %.1f%% of %s at %s, below %s for %,.0f minutes (below %s for %,.0f).",
          minOnlineFraction * 100, reference, clock(minOnlineAtSeconds), outagePct,
          minutesBelowOutage, percentText(criteria.severeThreshold()), minutesBelowSevere));
      lines.add(minutesToRecover == null
          ? "Did not recover to " + recoveredPct + " by the end of the run."
          : "Recovered to " + recoveredPct + " " + duration(minutesToRecover)
              + " after the incident started.");
    }
    String retries;
    if (retryAmplification != null) {
      retries = String.format(Locale.ROOT,
          "log-in retry amplification %.2fx during the incident", retryAmplification);
    } else if (loginAttemptsInIncident != null && loginAttemptsInIncident > 0) {
      retries = String.format(Locale.ROOT,
          "%s log-in attempts and none succeeded during the incident",
          count(loginAttemptsInIncident));
    } else if (loginAttemptsInIncident != null) {
      retries = "no log-in attempts in the incident window";
    } else {
      retries = "no log-in figures";
    }
    lines.add("Lost " + count(lostUserMinutes) + " user-minutes; " + retries + ".");
    lines.add(verdict == Verdict.METASTABLE_OUTAGE
        ? "Verdict: METASTABLE_OUTAGE (still below " + outagePct + " more than "
            + duration(criteria.metastableAfterSeconds() / 60) + " after the trigger ended)."
        : "Verdict: " + verdict.name() + ".");
    return String.join("\n", lines) + "\n";
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, value.doubleValue());
    }
  }

  /** 0.5 -> "50", 0.95 -> "95", 0.025 -> "2_5": a label usable in a JSON field name. */
  static String percentLabel(double fraction) {
    return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString()
        .replace('.', '_');
  }

  private static String percentText(double fraction) {
    return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString()
        + "%";
  }

  /** Virtual time of day since the start of the run: "22:15 (virtual)", "day 2 03:10 (virtual)". */
  static String clock(double seconds) {
    long minutes = (long) Math.floor(seconds / 60);
    long day = minutes / (24 * 60);
    String hm = String.format(Locale.ROOT, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
    return (day == 0 ? hm : "day " + (day + 1) + " " + hm) + " (virtual)";
  }

  /** Minutes as "45 minutes" or "16.4 h". */
  static String duration(double minutes) {
    return minutes < 120
        ? String.format(Locale.ROOT, "%,.0f minutes", minutes)
        : String.format(Locale.ROOT, "%.1f h", minutes / 60);
  }

  /** A count as "950", "12,345" or "1.23 M". */
  static String count(double value) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    if (abs >= 1e9) {
      return String.format(Locale.ROOT, "%.2f G", value / 1e9);
    }
    if (abs >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M", value / 1e6);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
