package org.patchstorm.core.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable table of a finished run: one row per reporting interval, a {@code time_s} column
 * (virtual seconds since the start of the run, strictly increasing) and named columns in file
 * order. Missing values are {@code NaN}.
 *
 * <p>Convention used by the whole report package: a row describes the interval that <em>ends</em>
 * at its time, i.e. row {@code i} covers {@code (t[i-1], t[i]]}. The first row is taken to be as
 * long as the second (reporting intervals are uniform), or to start at 0 when it is the only row.
 */
public final class TimeSeries {

  /** Name of the mandatory first CSV column. */
  public static final String TIME_COLUMN = "time_s";

  private final double[] timeSeconds;
  private final Map<String, double[]> columns;

  private TimeSeries(double[] timeSeconds, Map<String, double[]> columns) {
    this.timeSeconds = timeSeconds;
    this.columns = columns;
  }

  /**
   * A table from arrays (copied). Every column must have as many values as {@code timeSeconds};
   * times must be finite and strictly increasing.
   */
  public static TimeSeries of(double[] timeSeconds, Map<String, double[]> columns) {
    double[] times = timeSeconds.clone();
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || (i > 0 && times[i] <= times[i - 1])) {
        throw new IllegalArgumentException(
            "time_s must be finite and strictly increasing, but row " + i + " has " + times[i]
                + (i > 0 ? " after " + times[i - 1] : ""));
      }
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isBlank() || name.equals(TIME_COLUMN)) {
        throw new IllegalArgumentException("invalid column name '" + name + "'");
      }
      if (e.getValue().length != times.length) {
        throw new IllegalArgumentException(
            "column '" + name + "' has " + e.getValue().length + " values but there are "
                + times.length + " times");
      }
      copy.put(name, e.getValue().clone());
    }
    return new TimeSeries(times, Collections.unmodifiableMap(copy));
  }

  /**
   * Parses a {@code metrics.csv}: header {@code time_s,<col>,...}, one row per reporting interval,
   * comma-separated plain numbers (no quoting), an empty cell meaning NaN. Blank lines are ignored.
   *
   * @throws IllegalArgumentException naming file, line and column of the first malformed cell
   */
  public static TimeSeries readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int headerIndex = 0;
    while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
      headerIndex++;
    }
    if (headerIndex == lines.size()) {
      throw new IllegalArgumentException(
          file + ": the file is empty; expected a header line starting with '" + TIME_COLUMN + "'");
    }
    String[] header = split(lines.get(headerIndex));
    int headerLine = headerIndex + 1;
    if (!header[0].equals(TIME_COLUMN)) {
      throw new IllegalArgumentException(
          file + " line " + headerLine + ": the first column must be '" + TIME_COLUMN
              + "' but is '" + header[0] + "'");
    }
    for (int c = 1; c < header.length; c++) {
      if (header[c].isEmpty()) {
        throw new IllegalArgumentException(
            file + " line " + headerLine + ": column " + (c + 1) + " of the header has no name");
      }
      for (int d = 0; d < c; d++) {
        if (header[d].equals(header[c])) {
          throw new IllegalArgumentException(
              file + " line " + headerLine + ": column '" + header[c] + "' appears twice");
        }
      }
    }

    List<double[]> rows = new ArrayList<>();
    double previousTime = Double.NEGATIVE_INFINITY;
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      int lineNumber = i + 1;
      String[] cells = split(lines.get(i));
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            file + " line " + lineNumber + ": expected " + header.length + " cells ("
                + String.join(",", header) + ") but found " + cells.length);
      }
      double[] row = new double[header.length];
      for (int c = 0; c < header.length; c++) {
        row[c] = parseCell(file, lineNumber, header[c], cells[c]);
      }
      if (Double.isNaN(row[0])) {
        throw new IllegalArgumentException(
            file + " line " + lineNumber + ", column '" + TIME_COLUMN + "': the time is missing");
      }
      if (!Double.isFinite(row[0]) || row[0] <= previousTime) {
        throw new IllegalArgumentException(
            file + " line " + lineNumber + ", column '" + TIME_COLUMN + "': time " + cells[0]
                + " must be finite and greater than the previous row's " + previousTime);
      }
      previousTime = row[0];
      rows.add(row);
    }

    double[] times = new double[rows.size()];
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (int c = 1; c < header.length; c++) {
      columns.put(header[c], new double[rows.size()]);
    }
    for (int r = 0; r < rows.size(); r++) {
      double[] row = rows.get(r);
      times[r] = row[0];
      for (int c = 1; c < header.length; c++) {
        columns.get(header[c])[r] = row[c];
      }
    }
    return of(times, columns);
  }

  /**
   * Writes the table in the format {@link #readCsv} reads: integral values without a decimal
   * point, others in shortest round-trip form, NaN as an empty cell, '\n' line ends.
   */
  public void writeCsv(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(TIME_COLUMN);
      for (String name : columns.keySet()) {
        line.append(',').append(name);
      }
      out.write(line.append('\n').toString());
      for (int r = 0; r < timeSeconds.length; r++) {
        line.setLength(0);
        line.append(format(timeSeconds[r]));
        for (double[] values : columns.values()) {
          line.append(',').append(format(values[r]));
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  /** Number of rows. */
  public int size() {
    return timeSeconds.length;
  }

  /** Virtual time of each row, in seconds (a copy). */
  public double[] timeSeconds() {
    return timeSeconds.clone();
  }

  /** Column names in file order (without {@code time_s}). */
  public Set<String> columnNames() {
    return columns.keySet();
  }

  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /**
   * The values of a column (a copy).
   *
   * @throws IllegalArgumentException naming the missing column and listing the existing ones
   */
  public double[] column(String name) {
    double[] values = columns.get(name);
    if (values == null) {
      throw new IllegalArgumentException(
          "no column '" + name + "' in the time series; existing columns: "
              + (columns.isEmpty() ? "(none)" : String.join(", ", columns.keySet())));
    }
    return values.clone();
  }

  private static String[] split(String line) {
    // limit -1 keeps trailing empty cells (a NaN in the last column).
    String[] cells = line.strip().split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].strip();
    }
    return cells;
  }

  private static double parseCell(Path file, int line, String column, String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + " line " + line + ", column '" + column + "': '" + cell + "' is not a number");
    }
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  @Override
  public String toString() {
    return "TimeSeries[" + timeSeconds.length + " rows, columns " + Arrays.toString(
        columns.keySet().toArray()) + "]";
  }
}
