package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsTable;

class ServiceSummaryTest {

  private static final List<String> COLUMNS = List.of("peers_up", "online", "login_successes", "login_failures",
      "login_timeouts", "im_delivered", "im_failed", "im_latency_ms_mean", "status_delivered", "status_failed",
      "search_successes", "search_failures", "search_latency_ms_mean");

  /** Four one-minute rows; the incident starts at 120 s, so rows 1-2 are before, 3-4 during. */
  private static MetricsTable table() {
    MetricsTable t = new MetricsTable(COLUMNS);
    //          up   on  lok lfail lto imok imf  imlat  stok stf  sok sf  slat
    t.add(60, new double[] {100, 100, 10, 0, 0, 30, 0, 100, 20, 0, 4, 0, 50});
    t.add(120, new double[] {100, 90, 10, 0, 0, 10, 0, 200, 20, 0, 4, 0, 50});
    t.add(180, new double[] {100, 50, 2, 3, 5, 10, 10, 400, 5, 15, 1, 3, 500});
    t.add(240, new double[] {80, 40, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0, Double.NaN});
    return t;
  }

  @Test
  void windowsSplitAtTheIncidentAndWeighLatenciesByDeliveries() {
    ObjectNode s = ServiceSummary.of(table(), 120_000_000L);
    assertEquals(120.0, s.get("incident_start_s").asDouble());
    JsonNode before = s.get("before");
    assertEquals(0.95, before.get("online_share").asDouble(), 1e-12); // (1.0 + 0.9) / 2
    assertEquals(95.0, before.get("online_mean").asDouble(), 1e-12);
    assertEquals(45.0 / 95.0, s.get("online_during_vs_before").asDouble(), 1e-12); // (50 + 40) / 2 = 45
    assertEquals(1.0, before.get("login_success").asDouble(), 1e-12);
    assertEquals(125.0, before.get("im_latency_ms_mean").asDouble(), 1e-12); // (30*100 + 10*200) / 40
    JsonNode during = s.get("during");
    assertEquals(0.5, during.get("online_share").asDouble(), 1e-12); // (0.5 + 0.5) / 2
    assertEquals(0.2, during.get("login_success").asDouble(), 1e-12); // 2 / (2 + 3 failed + 5 timed out)
    assertEquals(0.5, during.get("im_success").asDouble(), 1e-12);
    assertEquals(400.0, during.get("im_latency_ms_mean").asDouble(), 1e-12); // the empty row weighs nothing
    assertEquals(0.25, during.get("presence_success").asDouble(), 1e-12);
    assertEquals(0.25, during.get("search_success").asDouble(), 1e-12);
    assertEquals(500.0, during.get("search_latency_ms_mean").asDouble(), 1e-12);
  }

  @Test
  void withoutAnIncidentTheWholeRunIsDuringAndNothingMeasurableIsNull() {
    ObjectNode s = ServiceSummary.of(table(), -1);
    assertTrue(s.get("incident_start_s").isNull());
    assertTrue(s.get("before").get("online_share").isNull());
    assertTrue(s.get("before").get("im_success").isNull());
    assertTrue(s.get("online_during_vs_before").isNull());
    assertEquals(s.get("before").size(), s.get("during").size(), "same keys in both windows");
    assertEquals((1.0 + 0.9 + 0.5 + 0.5) / 4, s.get("during").get("online_share").asDouble(), 1e-12);
    assertTrue(ServiceSummary.human(s).contains("online share n/a -> 0.725"), ServiceSummary.human(s));
    assertTrue(ServiceSummary.human(s).contains("on line n/a,"), ServiceSummary.human(s));
  }

  /** Two regions: "north" loses half its updates during the incident, "south" none. */
  @Test
  void eachRegionsFiguresComeFromItsOwnColumnsInTheListedOrder() {
    List<String> columns = new java.util.ArrayList<>(COLUMNS);
    for (String r : List.of("north", "south")) {
      for (String m : List.of("peers_up", "online", "im_delivered", "im_failed", "im_latency_ms_mean",
          "status_delivered", "status_failed", "search_successes", "search_failures", "search_latency_ms_mean")) {
        columns.add(r + "_" + m);
      }
    }
    MetricsTable t = new MetricsTable(columns);
    double[] overall = {100, 100, 10, 0, 0, 30, 0, 100, 20, 0, 4, 0, 50};
    //                     up  on  imok imf imlat stok stf sok sf slat
    double[] northCalm = {50, 50, 15, 0, 100, 10, 0, 2, 0, 50};
    double[] northHit = {50, 40, 15, 0, 900, 5, 5, 1, 1, 800};
    double[] south = {50, 50, 15, 0, 100, 10, 0, 2, 0, 50};
    t.add(60, concat(overall, northCalm, south));
    t.add(120, concat(overall, northHit, south));
    double[] expectedNorth = {50, 50};
    ObjectNode s = ServiceSummary.of(t, 60_000_000L,
        List.of(new ServiceSummary.Region("north", expectedNorth), new ServiceSummary.Region("south", null)));
    JsonNode north = s.get("during").get("regions").get("north");
    JsonNode southDuring = s.get("during").get("regions").get("south");
    assertEquals(List.of("north", "south"), iterate(s.get("during").get("regions").fieldNames()));
    assertEquals(0.5, north.get("presence_success").asDouble(), 1e-9);
    assertEquals(0.5, north.get("search_success").asDouble(), 1e-9);
    assertEquals(900, north.get("im_latency_ms_mean").asDouble(), 1e-9);
    assertEquals(0.8, north.get("online_vs_expected").asDouble(), 1e-9);
    assertEquals(1.0, southDuring.get("presence_success").asDouble(), 1e-9);
    assertTrue(southDuring.get("online_vs_expected").isNull(), "no expectation given");
    assertEquals(1.0, s.get("before").get("regions").get("north").get("presence_success").asDouble(), 1e-9);
    assertTrue(ServiceSummary.human(s).contains("north during: on line x0.800 of expected, IM 1.000 (900 ms),"
        + " presence 0.500"), ServiceSummary.human(s));
  }

  private static double[] concat(double[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
