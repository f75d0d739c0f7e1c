package org.patchstorm.core.report;

import java.util.List;

/**
 * One PNG chart: the named columns as lines against virtual time in hours.
 *
 * @param fileName e.g. {@code online.png}, written inside the output folder
 * @param logY a logarithmic y axis (non-positive values are left out as gaps)
 */
public record ChartSpec(String fileName, String title, String yLabel, List<String> columns,
    boolean logY) {

  public ChartSpec {
    if (fileName == null || fileName.isBlank() || fileName.contains("/")
        || fileName.contains("\\")) {
      throw new IllegalArgumentException(
          "chart file name must be a plain file name but is '" + fileName + "'");
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("chart '" + fileName + "' names no column");
    }
  }
}
