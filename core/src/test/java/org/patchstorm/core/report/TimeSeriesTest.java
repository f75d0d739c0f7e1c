package org.patchstorm.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesTest {

  @TempDir Path dir;

  @Test
  void csvRoundTripKeepsValuesNaNAndColumnOrder() throws Exception {
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("online_peers", new double[] {1000, 998, Double.NaN});
    columns.put("login_latency_ms_p99", new double[] {12.5, Double.NaN, 0.1 + 0.2});
    columns.put("a_last", new double[] {-3, 1e-7, 1e20});
    TimeSeries original = TimeSeries.of(new double[] {60, 120, 180}, columns);
    Path file = dir.resolve("metrics.csv");
    original.writeCsv(file);

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals("time_s,online_peers,login_latency_ms_p99,a_last", lines.get(0));
    assertEquals("120,998,,1.0E-7", lines.get(2)); // integral values without ".0", NaN empty

    TimeSeries back = TimeSeries.readCsv(file);
    assertEquals(List.copyOf(original.columnNames()), List.copyOf(back.columnNames()));
    assertArrayEquals(new double[] {60, 120, 180}, back.timeSeconds());
    for (String name : original.columnNames()) {
      // assertArrayEquals on doubles compares bits, so NaN must come back as NaN.
      assertArrayEquals(original.column(name), back.column(name), name);
    }
  }

  @Test
  void emptyCellsAreNaNIncludingTheLastColumn() throws Exception {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "time_s,a,b\n60,1,\n120,,2\n\n");
    TimeSeries ts = TimeSeries.readCsv(file);
    assertEquals(2, ts.size());
    assertTrue(Double.isNaN(ts.column("b")[0]));
    assertTrue(Double.isNaN(ts.column("a")[1]));
    assertEquals(2, ts.column("b")[1]);
  }

  @Test
  void missingColumnNamesTheExistingOnes() {
    TimeSeries ts = TimeSeries.of(new double[] {1}, Map.of("online_peers", new double[] {5}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ts.column("supernodes"));
    assertTrue(e.getMessage().contains("'supernodes'"), e.getMessage());
    assertTrue(e.getMessage().contains("online_peers"), e.getMessage());
  }

  @Test
  void badCellNamesFileLineAndColumn() throws Exception {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "time_s,a,b\n60,1,2\n120,x3,4\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeSeries.readCsv(file));
    assertTrue(e.getMessage().contains("metrics.csv line 3, column 'a'"), e.getMessage());
    assertTrue(e.getMessage().contains("'x3'"), e.getMessage());
  }

  @Test
  void malformedFilesAreRejectedWithTheLine() throws Exception {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "time,a\n60,1\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeSeries.readCsv(file))
        .getMessage().contains("line 1"));
    Files.writeString(file, "time_s,a\n60,1\n120\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeSeries.readCsv(file))
        .getMessage().contains("line 3: expected 2 cells"));
    Files.writeString(file, "time_s,a\n60,1\n60,2\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeSeries.readCsv(file))
        .getMessage().contains("line 3, column 'time_s'"));
  }

  @Test
  void tableIsImmutable() {
    double[] values = {1, 2};
    TimeSeries ts = TimeSeries.of(new double[] {1, 2}, Map.of("a", values));
    values[0] = 99;
    ts.column("a")[1] = 99;
    assertArrayEquals(new double[] {1, 2}, ts.column("a"));
  }
}
