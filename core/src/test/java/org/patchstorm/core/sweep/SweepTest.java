package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepTest {

  private static Axis axis(String name, String zip, String... labels) {
    List<ConfigValue> values = new ArrayList<>();
    for (String l : labels) {
      values.add(ConfigValueFactory.fromAnyRef(l));
    }
    return new Axis(name, "patchstorm." + name, values, List.of(labels), zip,
        ConfigFactory.empty().origin());
  }

  private static Sweep sweep(Axis... axes) {
    return new Sweep(Path.of("s.conf"), "", "s", Path.of("b.conf"), ConfigFactory.empty(),
        List.of(axes), List.of(1L), List.of(), null);
  }

  @Test
  void gridCrossesEveryValueOnceWithTheFirstAxisSlowest() {
    Sweep s = sweep(axis("a", null, "1", "2"), axis("b", null, "x", "y", "z"));
    List<SweepPoint> points = s.points();
    assertEquals(6, points.size());
    Set<List<Integer>> seen = new HashSet<>();
    for (int i = 0; i < points.size(); i++) {
      assertEquals(i, points.get(i).index());
      seen.add(points.get(i).valueIndex());
    }
    assertEquals(6, seen.size(), "no combination twice");
    assertEquals(List.of(0, 0), points.get(0).valueIndex());
    assertEquals(List.of(0, 2), points.get(2).valueIndex());
    assertEquals(List.of(1, 0), points.get(3).valueIndex());
    assertEquals("p05_2_z", s.pointName(points.get(5)));
  }

  @Test
  void zippedAxesAdvanceTogetherAndCrossWithTheRest() {
    Sweep s = sweep(axis("a", "g", "1", "2"), axis("b", null, "x", "y", "z"),
        axis("c", "g", "p", "q"));
    List<SweepPoint> points = s.points();
    assertEquals(6, points.size(), "2 (a zipped with c) x 3");
    for (SweepPoint p : points) {
      assertEquals(p.valueIndex(0), p.valueIndex(2), "a and c move together");
    }
  }
}
