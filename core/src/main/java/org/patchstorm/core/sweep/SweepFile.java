package org.patchstorm.core.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.patchstorm.core.config.ConfigProblem;

/**
 * Reads a sweep file (HOCON) and checks its structure; every mistake is a {@link ConfigProblem}
 * naming the file, line and key. Whether the axis values suit their keys is checked afterwards,
 * point by point, by the experiment reader itself ({@link SweepPlan}).
 *
 * <pre>
 * sweep {
 *   name = restart-threshold                  # optional, default: the file name
 *   base = "../skype-2007.conf"               # relative to this file (or an axis "base")
 *   set { patchstorm.overlay.peers = 20000 }  # optional: laid over every point
 *   axes = [
 *     { key = base, name = healing, values = ["../skype-2007.conf", "../skype-2007-fixed.conf"],
 *       labels = [flawed, fixed] }
 *     { key = "patchstorm.overlay.timeline[0].fraction", name = fraction,
 *       from = 0.05, to = 0.5, step = 0.05 }
 *   ]
 *   seeds = 10                                # 1..10, or a list [1, 7, 42]
 *   figures = [min_online_fraction, lost_user_minutes]   # optional, default: all
 * }
 * </pre>
 *
 * Axes with the same {@code zip = NAME} advance together (they need as many values); all other
 * axes are crossed as a grid.
 */
public final class SweepFile {
  static final String ROOT = "sweep";
  private static final Set<String> SWEEP_KEYS =
      Set.of("name", "base", "set", "axes", "seeds", "figures");
  private static final Set<String> AXIS_KEYS =
      Set.of("key", "name", "values", "labels", "from", "to", "step", "zip");
  private static final int MAX_RANGE_VALUES = 10_000;
  private static final String LABEL_CHARS = "[A-Za-z0-9._+-]+";

  private SweepFile() {}

  public static Sweep read(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw ConfigProblem.inFile(name, -1, null,
          Files.exists(file) ? "not a readable file" : "the file does not exist");
    }
    String text;
    Config config;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
      config = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
          .resolve();
    } catch (IOException e) {
      throw ConfigProblem.inFile(name, -1, null, "cannot be read: " + e.getMessage());
    } catch (ConfigException e) {
      throw ConfigProblem.at(e.origin(), null, e.getMessage());
    }
    if (!config.hasPath(ROOT) || config.getValue(ROOT).valueType() != ConfigValueType.OBJECT) {
      throw ConfigProblem.inFile(name, 1, ROOT, "a sweep file holds one object sweep { ... }"
          + " with base, axes and seeds");
    }
    ConfigObject sweep = config.getObject(ROOT);
    rejectUnknown(sweep, ROOT, SWEEP_KEYS);
    for (String key : config.root().keySet()) {
      if (!key.equals(ROOT)) {
        throw ConfigProblem.at(config.root().get(key).origin(), key,
            "unknown key: a sweep file holds only sweep { ... }");
      }
    }
    String sweepName = sweep.containsKey("name")
        ? string(sweep.get("name"), "sweep.name")
        : file.getFileName().toString().replaceFirst("\\.conf$", "");
    if (!sweepName.matches("[A-Za-z0-9._-]+")) {
      throw ConfigProblem.at(sweep.get("name").origin(), "sweep.name",
          "use only letters, digits, '.', '_' and '-' (it names the sweep folder), got \""
              + sweepName + "\"");
    }
    List<Axis> axes = axes(sweep, file);
    boolean baseAxis = axes.stream().anyMatch(Axis::isBase);
    Path base = null;
    if (sweep.containsKey("base")) {
      if (baseAxis) {
        throw ConfigProblem.at(sweep.get("base").origin(), "sweep.base",
            "an axis already varies the base experiment (key = base); remove one of the two");
      }
      base = experimentFile(file, sweep.get("base"), "sweep.base");
    } else if (!baseAxis) {
      throw ConfigProblem.at(sweep.origin(), "sweep.base",
          "missing: name the base experiment file, e.g. base = \"../skype-2007.conf\"");
    }
    Config fixed = ConfigFactory.empty();
    if (sweep.containsKey("set")) {
      ConfigValue set = sweep.get("set");
      if (set.valueType() != ConfigValueType.OBJECT) {
        throw ConfigProblem.at(set.origin(), "sweep.set",
            "expected an object of experiment keys, e.g. set { patchstorm.overlay.peers = 20000 }");
      }
      fixed = ((ConfigObject) set).toConfig();
    }
    ConfigValue figures = sweep.get("figures");
    return new Sweep(file, text, sweepName, base, fixed, axes, seeds(sweep), figures(sweep),
        figures == null ? null : figures.origin());
  }

  // ---------------------------------------------------------------- axes

  private static List<Axis> axes(ConfigObject sweep, Path file) {
    ConfigValue value = sweep.get("axes");
    if (value == null) {
      throw ConfigProblem.at(sweep.origin(), "sweep.axes",
          "missing: list the axes, e.g. axes = [{ key = patchstorm.overlay.peers,"
              + " values = [1000, 2000] }]");
    }
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      throw ConfigProblem.at(value.origin(), "sweep.axes",
          "expected a non-empty list of axes [{ key = ..., values = [...] }, ...]");
    }
    ConfigList list = (ConfigList) value;
    List<Axis> axes = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "sweep.axes[" + i + "]";
      if (list.get(i).valueType() != ConfigValueType.OBJECT) {
        throw ConfigProblem.at(list.get(i).origin(), where, "expected an object { key = ..., values = [...] }");
      }
      Axis axis = axis((ConfigObject) list.get(i), where, file);
      if (!keys.add(axis.key())) {
        throw ConfigProblem.at(axis.origin(), where + ".key",
            "the key " + axis.key() + " is already an axis; give each key one axis");
      }
      if (!names.add(axis.name())) {
        throw ConfigProblem.at(axis.origin(), where + ".name",
            "the name " + axis.name() + " is already taken by another axis; set name = ...");
      }
      axes.add(axis);
    }
    checkZipGroups(axes);
    return axes;
  }

  private static Axis axis(ConfigObject object, String where, Path file) {
    rejectUnknown(object, where, AXIS_KEYS);
    ConfigValue keyValue = object.get("key");
    if (keyValue == null) {
      throw ConfigProblem.at(object.origin(), where + ".key",
          "missing: name the experiment key to vary, e.g. key = patchstorm.overlay.peers");
    }
    String key = string(keyValue, where + ".key");
    boolean base = key.equals(Axis.BASE_KEY);
    if (!base) {
      ConfigEdits.checkKey(key, keyValue, where + ".key");
      if (!key.startsWith("patchstorm.") && !key.startsWith("pekko.")) {
        throw ConfigProblem.at(keyValue.origin(), where + ".key",
            "unknown key " + key + ": an axis varies an experiment key (patchstorm.*), a"
                + " runtime key (pekko.*) or the base experiment (base)");
      }
    }
    List<ConfigValue> values = values(object, where);
    List<String> labels = labels(object, where, values, base);
    if (base) {
      for (int v = 0; v < values.size(); v++) {
        experimentFile(file, values.get(v), where + ".values[" + v + "]");
      }
    }
    String name = object.containsKey("name")
        ? string(object.get("name"), where + ".name")
        : base ? "base" : lastSegment(key);
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw ConfigProblem.at(object.containsKey("name") ? object.get("name").origin() : keyValue.origin(),
          where + ".name", "the axis name (a column of runs.csv) may hold only letters, digits,"
              + " '.', '_' and '-', got \"" + name + "\"");
    }
    String zip = object.containsKey("zip") ? string(object.get("zip"), where + ".zip") : null;
    return new Axis(name, key, values, labels, zip, object.origin());
  }

  private static List<ConfigValue> values(ConfigObject object, String where) {
    boolean listed = object.containsKey("values");
    boolean ranged = object.containsKey("from") || object.containsKey("to")
        || object.containsKey("step");
    if (listed && ranged) {
      throw ConfigProblem.at(object.get("values").origin(), where + ".values",
          "give either values = [...] or from, to and step, not both");
    }
    if (ranged) {
      return range(object, where);
    }
    if (!listed) {
      throw ConfigProblem.at(object.origin(), where + ".values",
          "missing: give values = [...] or a range from = ..., to = ..., step = ...");
    }
    ConfigValue value = object.get("values");
    if (value.valueType() != ConfigValueType.LIST) {
      throw ConfigProblem.at(value.origin(), where + ".values",
          "expected a list of values [...], got " + value.valueType().name().toLowerCase(java.util.Locale.ROOT));
    }
    ConfigList list = (ConfigList) value;
    if (list.isEmpty()) {
      throw ConfigProblem.at(value.origin(), where + ".values",
          "the list is empty: an axis needs at least one value");
    }
    return List.copyOf(list);
  }

  /** from, from + step, ... up to and including {@code to}, computed in decimal (no drift). */
  private static List<ConfigValue> range(ConfigObject object, String where) {
    BigDecimal from = decimal(object, "from", where);
    BigDecimal to = decimal(object, "to", where);
    BigDecimal step = decimal(object, "step", where);
    ConfigValue stepValue = object.get("step");
    if (step.signum() <= 0) {
      throw ConfigProblem.at(stepValue.origin(), where + ".step", "the step must be above 0");
    }
    if (to.compareTo(from) < 0) {
      throw ConfigProblem.at(object.get("to").origin(), where + ".to",
          "the range is empty: to (" + to.toPlainString() + ") is below from ("
              + from.toPlainString() + ")");
    }
    BigDecimal count = to.subtract(from).divide(step, java.math.RoundingMode.FLOOR);
    if (count.compareTo(BigDecimal.valueOf(MAX_RANGE_VALUES)) >= 0) {
      throw ConfigProblem.at(stepValue.origin(), where + ".step",
          "the range has more than " + MAX_RANGE_VALUES + " values; use a larger step");
    }
    boolean integral = from.stripTrailingZeros().scale() <= 0
        && step.stripTrailingZeros().scale() <= 0;
    List<ConfigValue> values = new ArrayList<>();
    for (int i = 0; i <= count.intValue(); i++) {
      BigDecimal v = from.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros();
      Object number = integral ? (Object) v.longValueExact() : (Object) v.doubleValue();
      values.add(ConfigValueFactory.fromAnyRef(number).withOrigin(stepValue.origin()));
    }
    return values;
  }

  private static BigDecimal decimal(ConfigObject object, String field, String where) {
    ConfigValue value = object.get(field);
    if (value == null) {
      throw ConfigProblem.at(object.origin(), where + "." + field,
          "missing: a range needs from, to and step");
    }
    if (value.valueType() != ConfigValueType.NUMBER) {
      throw ConfigProblem.at(value.origin(), where + "." + field,
          "expected a number, got " + value.render());
    }
    return new BigDecimal(value.unwrapped().toString());
  }

  private static List<String> labels(ConfigObject object, String where, List<ConfigValue> values,
      boolean base) {
    List<String> labels = new ArrayList<>();
    if (object.containsKey("labels")) {
      ConfigValue value = object.get("labels");
      if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).size() != values.size()) {
        throw ConfigProblem.at(value.origin(), where + ".labels",
            "expected a list of " + values.size() + " labels, one per value");
      }
      ConfigList list = (ConfigList) value;
      for (int i = 0; i < list.size(); i++) {
        labels.add(label(string(list.get(i), where + ".labels[" + i + "]"), list.get(i),
            where + ".labels[" + i + "]"));
      }
    } else {
      for (int i = 0; i < values.size(); i++) {
        ConfigValue v = values.get(i);
        String at = where + ".values[" + i + "]";
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
            || v.valueType() == ConfigValueType.NULL) {
          throw ConfigProblem.at(v.origin(), at,
              "a value that is an object or a list needs a short name: add labels = [...]");
        }
        String text = String.valueOf(v.unwrapped());
        if (base) {
          String fileName = Path.of(text).getFileName().toString();
          text = fileName.replaceFirst("\\.conf$", "");
        }
        labels.add(label(text, v, at));
      }
    }
    if (new LinkedHashSet<>(labels).size() != labels.size()) {
      throw ConfigProblem.at(object.origin(), where + ".labels",
          "two values have the same label " + labels + "; every value needs its own");
    }
    return labels;
  }

  private static String label(String text, ConfigValue value, String where) {
    if (!text.matches(LABEL_CHARS)) {
      throw ConfigProblem.at(value.origin(), where,
          "the label \"" + text + "\" names folders and table cells: use only letters,"
              + " digits, '.', '_', '+' and '-' (or give labels = [...])");
    }
    return text;
  }

  private static void checkZipGroups(List<Axis> axes) {
    for (Axis axis : axes) {
      if (axis.zipGroup() == null) {
        continue;
      }
      for (Axis other : axes) {
        if (other == axis) {
          break;
        }
        if (axis.zipGroup().equals(other.zipGroup()) && other.size() != axis.size()) {
          throw ConfigProblem.at(axis.origin(), "sweep.axes (" + axis.name() + ")",
              "zipped axes advance together and need as many values: " + axis.name() + " has "
                  + axis.size() + " but " + other.name() + " (zip = " + axis.zipGroup()
                  + ") has " + other.size());
        }
      }
    }
  }

  // ---------------------------------------------------------------- seeds, figures

  private static List<Long> seeds(ConfigObject sweep) {
    ConfigValue value = sweep.get("seeds");
    if (value == null) {
      throw ConfigProblem.at(sweep.origin(), "sweep.seeds",
          "missing: give a count (seeds = 10 runs seeds 1..10) or a list (seeds = [1, 7, 42])");
    }
    if (value.valueType() == ConfigValueType.NUMBER) {
      Number n = (Number) value.unwrapped();
      if (n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
          || n.longValue() > 100_000) {
        throw ConfigProblem.at(value.origin(), "sweep.seeds",
            "expected a count of seeds between 1 and 100000 (or a list of seeds), got "
                + value.render());
      }
      List<Long> seeds = new ArrayList<>();
      for (long s = 1; s <= n.longValue(); s++) {
        seeds.add(s);
      }
      return seeds;
    }
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      throw ConfigProblem.at(value.origin(), "sweep.seeds",
          "expected a count (seeds = 10) or a non-empty list of whole numbers (seeds = [1, 7])");
    }
    List<Long> seeds = new ArrayList<>();
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      Object raw = v.unwrapped();
      if (!(raw instanceof Integer || raw instanceof Long)) {
        throw ConfigProblem.at(v.origin(), "sweep.seeds[" + i + "]",
            "expected a whole number, got " + v.render());
      }
      long seed = ((Number) raw).longValue();
      if (seeds.contains(seed)) {
        throw ConfigProblem.at(v.origin(), "sweep.seeds[" + i + "]",
            "the seed " + seed + " is listed twice; the runs would be identical");
      }
      seeds.add(seed);
    }
    return seeds;
  }

  private static List<String> figures(ConfigObject sweep) {
    ConfigValue value = sweep.get("figures");
    if (value == null) {
      return List.of();
    }
    if (value.valueType() != ConfigValueType.LIST || ((ConfigList) value).isEmpty()) {
      throw ConfigProblem.at(value.origin(), "sweep.figures",
          "expected a non-empty list of summary figures, e.g. [min_online_fraction]; leave it"
              + " out to aggregate every figure");
    }
    List<String> figures = new ArrayList<>();
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      figures.add(string(list.get(i), "sweep.figures[" + i + "]"));
    }
    return figures;
  }

  // ---------------------------------------------------------------- helpers

  private static Path experimentFile(Path sweepFile, ConfigValue value, String where) {
    Path path = Sweep.resolveBase(sweepFile, string(value, where));
    if (!Files.isRegularFile(path)) {
      throw ConfigProblem.at(value.origin(), where,
          "the experiment file " + path + " does not exist (paths are relative to the sweep"
              + " file's folder)");
    }
    return path;
  }

  private static void rejectUnknown(ConfigObject object, String where, Set<String> known) {
    for (String key : new java.util.TreeSet<>(object.keySet())) {
      if (!known.contains(key)) {
        throw ConfigProblem.at(object.get(key).origin(), where + "." + key,
            "unknown key; " + where.replaceAll("\\[\\d+\\]", "[i]") + " takes "
                + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  private static String string(ConfigValue value, String where) {
    if (value.valueType() != ConfigValueType.STRING
        && value.valueType() != ConfigValueType.NUMBER) {
      throw ConfigProblem.at(value.origin(), where, "expected a string, got " + value.render());
    }
    return String.valueOf(value.unwrapped());
  }

  private static String lastSegment(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return last.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
