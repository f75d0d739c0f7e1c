package org.patchstorm.core.metrics;

import java.util.ArrayList;
import java.util.List;

/** The rows of a finished run in memory: time of each row's end and the values of each column. */
public final class MetricsTable {
  private final List<String> columns;
  private final List<Double> times = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();

  public MetricsTable(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  public void add(double timeSeconds, double[] values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values, expected " + columns.size());
    }
    times.add(timeSeconds);
    rows.add(values.clone());
  }

  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return rows.size();
  }

  public double time(int row) {
    return times.get(row);
  }

  public double[] row(int row) {
    return rows.get(row).clone();
  }

  public double[] column(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name + "; columns are " + columns);
    }
    double[] values = new double[rows.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = rows.get(r)[c];
    }
    return values;
  }

  /** Sum of a column over all rows (NaN cells skipped). */
  public double sum(String name) {
    double total = 0;
    for (double v : column(name)) {
      if (!Double.isNaN(v)) {
        total += v;
      }
    }
    return total;
  }
}
