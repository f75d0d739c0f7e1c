package org.patchstorm.core.report;

/**
 * A line added to one chart beside its columns, drawn dashed: a reference the run is read
 * against (the expected level, a real outage's curve), not a measured column.
 *
 * @param chartFile the {@link ChartSpec#fileName()} of the chart it belongs to
 * @param hours x values, virtual hours, increasing
 * @param values y values, one per x
 * @param markers true to mark each point (sparse observations), false for a plain line
 */
public record ChartOverlay(String chartFile, String name, double[] hours, double[] values, boolean markers) {

  public ChartOverlay {
    if (hours.length != values.length) {
      throw new IllegalArgumentException("overlay '" + name + "' needs one value per x");
    }
    hours = hours.clone();
    values = values.clone();
  }
}
