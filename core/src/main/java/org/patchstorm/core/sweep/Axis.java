package org.patchstorm.core.sweep;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.List;

/**
 * One axis of a sweep: a key of the experiment and the values it takes, each with a short label
 * for tables and charts. Axes with the same {@code zipGroup} advance together instead of being
 * crossed; a null group means the axis is crossed with all others.
 *
 * @param name column name in runs.csv and points.csv
 * @param key an experiment key as {@code --set} takes it, list elements as {@code name[i]}; or
 *     {@value #BASE_KEY} for the base experiment file itself
 * @param values the values, with their origins in the sweep file (for located errors)
 * @param origin where the axis is written, for errors about the axis as a whole
 */
public record Axis(
    String name,
    String key,
    List<ConfigValue> values,
    List<String> labels,
    String zipGroup,
    ConfigOrigin origin) {

  /** The axis key whose values are base experiment files, relative to the sweep file. */
  public static final String BASE_KEY = "base";

  public Axis {
    values = List.copyOf(values);
    labels = List.copyOf(labels);
    if (values.isEmpty() || values.size() != labels.size()) {
      throw new IllegalArgumentException("an axis needs one label per value, and some values");
    }
  }

  public boolean isBase() {
    return key.equals(BASE_KEY);
  }

  public int size() {
    return values.size();
  }

  /** True when every value is a number, so charts can put them on a numeric axis. */
  public boolean numeric() {
    return labels.stream().allMatch(Axis::isNumber);
  }

  /** The value at {@code index} as a number; only for {@link #numeric()} axes. */
  public double number(int index) {
    return Double.parseDouble(labels.get(index));
  }

  private static boolean isNumber(String label) {
    try {
      return Double.isFinite(Double.parseDouble(label));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
