package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageSummaryTest {

  private static final OutageCriteria CRITERIA = OutageCriteria.standard(7200, 7200);

  private static OutageSummary metastable() {
    // Numbers shaped like the 2007 outage: 2.1% at 22:15, 1,140 minutes below 50%.
    return new OutageSummary(CRITERIA, false, 8_000_000, 0.021, 22 * 3600 + 15 * 60, 1140, 300,
        16.4 * 60, 1_230_000, 7300.0, 1000.0, 7.3, Verdict.METASTABLE_OUTAGE);
  }

  @Test
  void jsonHasSnakeCaseFieldsNamedAfterThresholdsInAStableOrder() throws Exception {
    String json = metastable().toJson();
    JsonNode root = new ObjectMapper().readTree(json);
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertEquals(List.of("verdict", "reference", "pre_incident_online", "min_online_fraction",
        "min_online_at_seconds", "minutes_below_50pct", "minutes_below_10pct",
        "minutes_to_recover_95pct", "lost_user_minutes", "login_attempts_in_incident",
        "login_successes_in_incident", "retry_amplification", "criteria"), names);
    assertEquals("METASTABLE_OUTAGE", root.get("verdict").asText());
    assertEquals(1140, root.get("minutes_below_50pct").asDouble(), 1e-9);
    assertEquals(984, root.get("minutes_to_recover_95pct").asDouble(), 1e-9);
    assertEquals(0.95, root.get("criteria").get("recovered_threshold").asDouble(), 1e-12);
    assertEquals(json, metastable().toJson());
    assertTrue(!json.contains("\r"));
  }

  @Test
  void neverRecoveredIsNullInJsonAndOtherThresholdsRenameFields() throws Exception {
    OutageCriteria c = new OutageCriteria(3600, 3600, 0.3, 0.9, 0.025, 3600, 0);
    OutageSummary s = new OutageSummary(c, true, 100, 0.1, 4000, 10, 0, null, 500, null, null,
        null, Verdict.METASTABLE_OUTAGE);
    JsonNode root = new ObjectMapper().readTree(s.toJson());
    assertTrue(root.get("minutes_to_recover_90pct").isNull());
    assertEquals(10, root.get("minutes_below_30pct").asDouble(), 1e-9);
    assertTrue(root.has("minutes_below_2_5pct"));
    assertTrue(root.get("retry_amplification").isNull());
    assertEquals("expected_online", root.get("reference").asText());
  }

  @Test
  void humanSummaryReadsLikeAReport() {
    String text = metastable().humanSummary();
    String[] lines = text.split("\n");
    assertTrue(lines.length >= 3 && lines.length <= 6, text);
    assertTrue(text.contains("Online fell to 2.1% of the pre-incident level at 22:15 (virtual)"),
        text);
    assertTrue(text.contains("below 50% for 1,140 minutes"), text);
    assertTrue(text.contains("Recovered to 95% 16.4 h after"), text);
    assertTrue(text.contains("Lost 1.23 M user-minutes"), text);
    assertTrue(text.contains("amplification 7.30x"), text);
    assertTrue(lines[lines.length - 1].startsWith("Verdict: METASTABLE_OUTAGE"), text);
  }

  @Test
  void clockCountsDaysOfVirtualTime() {
    assertEquals("00:00 (virtual)", OutageSummary.clock(0));
    assertEquals("day 2 03:10 (virtual)", OutageSummary.clock(27 * 3600 + 10 * 60 + 59));
  }
}
