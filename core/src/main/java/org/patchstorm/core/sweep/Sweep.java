package org.patchstorm.core.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A validated sweep file: a base experiment, axes crossed as a grid (or zipped), seeds, and the
 * summary figures to aggregate. See {@link SweepFile} for the file format.
 *
 * @param file the sweep file as the user named it
 * @param text the sweep file's text, kept with the results as the sweep that ran
 * @param base the base experiment, or null when an axis has the key {@value Axis#BASE_KEY}
 * @param fixed the sweep's {@code set { ... }} block: values laid over every point
 * @param figures summary figures to aggregate; empty means every one
 * @param figuresOrigin where the figures are listed (null if they are not), for errors
 */
public record Sweep(
    Path file,
    String text,
    String name,
    Path base,
    Config fixed,
    List<Axis> axes,
    List<Long> seeds,
    List<String> figures,
    ConfigOrigin figuresOrigin) {

  public Sweep {
    axes = List.copyOf(axes);
    seeds = List.copyOf(seeds);
    figures = List.copyOf(figures);
  }

  /**
   * Every point, in sweep order: the first axis (or zip group) changes slowest. Zipped axes take
   * their i-th values together.
   */
  public List<SweepPoint> points() {
    List<List<Integer>> dimensions = dimensions();
    int count = 1;
    for (List<Integer> dim : dimensions) {
      count *= axes.get(dim.get(0)).size();
    }
    List<SweepPoint> points = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      Integer[] index = new Integer[axes.size()];
      int rest = p;
      for (int d = dimensions.size() - 1; d >= 0; d--) {
        List<Integer> dim = dimensions.get(d);
        int size = axes.get(dim.get(0)).size();
        for (int axis : dim) {
          index[axis] = rest % size;
        }
        rest /= size;
      }
      points.add(new SweepPoint(p, List.of(index)));
    }
    return points;
  }

  /** Groups of axis indices that move together, in file order of their first axis. */
  List<List<Integer>> dimensions() {
    Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
    for (int a = 0; a < axes.size(); a++) {
      String group = axes.get(a).zipGroup();
      String id = group == null ? "\u0000axis" + a : group;
      byGroup.computeIfAbsent(id, k -> new ArrayList<>()).add(a);
    }
    return List.copyOf(byGroup.values());
  }

  /** The label of axis {@code axis} at {@code point}. */
  public String label(SweepPoint point, int axis) {
    return axes.get(axis).labels().get(point.valueIndex(axis));
  }

  /** A short name for the point, usable as a folder name: {@code p03_fixed_0.15}. */
  public String pointName(SweepPoint point) {
    StringBuilder name = new StringBuilder(String.format(java.util.Locale.ROOT, "p%02d", point.index()));
    for (int a = 0; a < axes.size(); a++) {
      name.append('_').append(label(point, a));
    }
    return name.toString();
  }

  /** The experiment file the point starts from, resolved against the sweep file's folder. */
  public Path baseFor(SweepPoint point) {
    for (int a = 0; a < axes.size(); a++) {
      if (axes.get(a).isBase()) {
        return resolveBase(file, (String) axes.get(a).values().get(point.valueIndex(a)).unwrapped());
      }
    }
    return base;
  }

  /**
   * What the point does to its experiment file: the sweep's {@code set} block laid over it, then
   * each axis value put in place (replacing what the file had at that key).
   */
  public UnaryOperator<Config> editFor(SweepPoint point) {
    return file -> {
      Config edited = fixed.withFallback(file);
      for (int a = 0; a < axes.size(); a++) {
        Axis axis = axes.get(a);
        if (axis.isBase()) {
          continue;
        }
        ConfigValue value = axis.values().get(point.valueIndex(a));
        edited = ConfigEdits.replace(edited, axis.key(), value, value, axis.key());
      }
      return edited;
    };
  }

  static Path resolveBase(Path sweepFile, String written) {
    Path given = Path.of(written);
    if (given.isAbsolute()) {
      return given;
    }
    Path folder = sweepFile.getParent();
    return (folder == null ? given : folder.resolve(given)).normalize();
  }
}
