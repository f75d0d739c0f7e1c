package org.patchstorm.core.reality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealityComparisonTest {

  private static final double EPS = 1e-12;

  private static RealityCurve curve(double... hoursAndFractions) {
    List<RealityCurve.Point> points = new java.util.ArrayList<>();
    for (int i = 0; i < hoursAndFractions.length; i += 2) {
      points.add(new RealityCurve.Point(hoursAndFractions[i], hoursAndFractions[i + 1],
          RealityCurve.Tag.M, "p" + i / 2));
    }
    return new RealityCurve("c.csv", points);
  }

  // Rows every 60 s; the run's fraction is online / expected: 1.0, 0.5, 0.2, 0.8.
  private static final double[] TIMES = {60, 120, 180, 240};
  private static final double[] ONLINE = {200, 50, 40, 80};
  private static final double[] EXPECTED = {200, 100, 200, 100};

  @Test
  void comparesAtTriggerPlusHoursInterpolatingBetweenRows() {
    // Trigger at 60 s; points at 0 s, 60 s and 90 s after it (rows 60, 120 and halfway 120..180),
    // and one an hour after it, beyond the last row.
    RealityComparison c = RealityComparison.of(
        curve(0, 1.0, 60 / 3600.0, 0.4, 90 / 3600.0, 0.3, 1, 0.9), 60, TIMES, ONLINE, EXPECTED);
    assertEquals(60, c.points().get(0).atSeconds(), EPS);
    assertEquals(120, c.points().get(1).atSeconds(), EPS);
    assertEquals(150, c.points().get(2).atSeconds(), EPS);
    assertEquals(1.0, c.points().get(0).run(), EPS);
    assertEquals(0.5, c.points().get(1).run(), EPS);
    assertEquals(0.35, c.points().get(2).run(), EPS, "halfway between 0.5 and 0.2");
    assertNull(c.points().get(3).run(), "an hour after the trigger is past the run");
    assertEquals(0.1, c.points().get(1).difference(), EPS);
    assertEquals(0.05, c.points().get(2).difference(), EPS);
    // sqrt((0^2 + 0.1^2 + 0.05^2) / 3) and (0 + 0.1 + 0.05) / 3
    assertEquals(Math.sqrt(0.0125 / 3), c.rmsDifference(), EPS);
    assertEquals(0.05, c.meanDifference(), EPS);
  }

  @Test
  void movingTheTriggerMovesWhereTheCurveIsRead() {
    RealityCurve one = curve(0, 0.5);
    assertEquals(0.5, RealityComparison.of(one, 60, TIMES, ONLINE, EXPECTED).rmsDifference(), EPS);
    assertEquals(0.0, RealityComparison.of(one, 120, TIMES, ONLINE, EXPECTED).rmsDifference(), EPS);
    assertEquals(0.3, RealityComparison.of(one, 180, TIMES, ONLINE, EXPECTED).rmsDifference(), EPS);
  }

  @Test
  void aCurveEntirelyOutsideTheRunHasNoDistance() {
    RealityComparison c = RealityComparison.of(curve(1, 0.1), 60, TIMES, ONLINE, EXPECTED);
    assertNull(c.rmsDifference());
    assertNull(c.meanDifference());
    assertTrue(c.human().contains("no point"), c.human());
    assertEquals(0, c.chartPoints()[0].length);
  }

  @Test
  void aPointBeforeTheFirstRowIsNotCompared() {
    RealityComparison c = RealityComparison.of(curve(0, 1.0, 90 / 3600.0, 0.5), 0, TIMES, ONLINE, EXPECTED);
    assertNull(c.points().get(0).run(), "0 s is before the first row's end at 60 s");
    assertEquals(0.75, c.points().get(1).run(), EPS, "90 s: halfway between 1.0 and 0.5");
    assertEquals(0.25, c.rmsDifference(), EPS, "only the compared point counts");
  }

  @Test
  void chartPointsAreRealityTimesTheExpectedLevelInHours() {
    RealityComparison c = RealityComparison.of(curve(0, 1.0, 90 / 3600.0, 0.3), 60, TIMES, ONLINE, EXPECTED);
    double[][] xy = c.chartPoints();
    assertArrayEquals(new double[] {60 / 3600.0, 150 / 3600.0}, xy[0], EPS);
    // Expected at 150 s is halfway between 100 and 200.
    assertArrayEquals(new double[] {1.0 * 200, 0.3 * 150}, xy[1], EPS);
  }

  @Test
  void theJsonNamesTheMethodAndEveryPoint() {
    JsonNode json = RealityComparison.of(curve(0, 1.0, 1, 0.9), 60, TIMES, ONLINE, EXPECTED).toJson();
    assertEquals("c.csv", json.get("curve").asText());
    assertEquals(RealityComparison.METHOD, json.get("method").asText());
    assertEquals(60, json.get("aligned_at_seconds").asDouble(), EPS);
    assertEquals(1, json.get("points_compared").asInt());
    assertEquals(1, json.get("points_outside_run").asInt());
    assertEquals(2, json.get("points").size());
    assertTrue(json.get("points").get(1).get("run").isNull());
    assertEquals("M", json.get("points").get(0).get("tag").asText());
    assertEquals("p0", json.get("points").get(0).get("source").asText());
  }
}
