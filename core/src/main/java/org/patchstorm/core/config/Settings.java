package org.patchstorm.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A validating reader over one object of the merged experiment config. Every read checks type and
 * range and fails with a {@link ConfigProblem} that names the file, line and full key of the
 * offending value. The root reader remembers what was read so that {@link #rejectUnknownKeys()}
 * can catch misspelled keys, which HOCON would otherwise silently ignore.
 */
public final class Settings {

  private final ConfigObject object;
  private final String path;
  private final Tracker tracker;

  /** Paths read by any reader of one root, shared so that nested readers count too. */
  private static final class Tracker {
    final String rootPath;
    final ConfigObject root;
    final Set<String> read = new TreeSet<>();
    /** Paths asked about with has(): optional keys, good suggestions for misspellings. */
    final Set<String> probed = new TreeSet<>();

    Tracker(String rootPath, ConfigObject root) {
      this.rootPath = rootPath;
      this.root = root;
    }
  }

  private Settings(ConfigObject object, String path, Tracker tracker) {
    this.object = object;
    this.path = path;
    this.tracker = tracker;
  }

  /** The reader for {@code rootPath} (e.g. {@code patchstorm}) of a merged, resolved config. */
  public static Settings root(Config merged, String rootPath) {
    ConfigObject object;
    if (rootPath.isEmpty()) {
      object = merged.root();
    } else if (!merged.hasPathOrNull(rootPath)) {
      object = ConfigFactory.empty().root();
    } else {
      ConfigValue value = merged.getValue(rootPath);
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw ConfigProblem.at(
            value.origin(), rootPath, "expected an object { ... }, got " + render(value));
      }
      object = (ConfigObject) value;
    }
    return new Settings(object, rootPath, new Tracker(rootPath, object));
  }

  /** Full path of this object, e.g. {@code patchstorm.overlay} or {@code patchstorm.attacks[0]}. */
  public String path() {
    return path;
  }

  // ---------------------------------------------------------------- scalars

  /**
   * A duration such as {@code 10ms}, {@code 30s} or {@code 2h}, in microseconds. Bare numbers are
   * rejected: HOCON would read them as milliseconds, which is a classic silent mistake.
   */
  public long durationMicros(String key, long minMicros, long maxMicros) {
    ConfigValue value = required(key);
    String expected =
        maxMicros == Long.MAX_VALUE
            ? "expected a duration of at least " + formatMicros(minMicros)
            : "expected a duration between " + formatMicros(minMicros) + " and "
                + formatMicros(maxMicros);
    if (value.valueType() == ConfigValueType.NUMBER) {
      throw problemAt(
          value,
          key,
          expected
              + ", got the bare number "
              + render(value)
              + "; add a unit, e.g. \""
              + render(value)
              + "ms\" or \""
              + render(value)
              + "s\"");
    }
    if (value.valueType() != ConfigValueType.STRING) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    long micros;
    try {
      micros =
          ConfigFactory.empty()
              .withValue("d", value)
              .getDuration("d", TimeUnit.MICROSECONDS);
    } catch (ConfigException e) {
      throw problemAt(
          value,
          key,
          expected
              + " written like \"250ms\", \"10s\", \"5m\" or \"2h\" (units us, ms, s, m, h, d), got "
              + render(value));
    }
    if (micros < minMicros || micros > maxMicros) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    return micros;
  }

  public int intIn(String key, int min, int max) {
    return (int) integer(key, min, max);
  }

  public long longIn(String key, long min, long max) {
    return integer(key, min, max);
  }

  private long integer(String key, long min, long max) {
    ConfigValue value = required(key);
    String expected = "expected an integer" + range(min, max);
    Number number = number(value);
    if (number == null) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    if (!(number instanceof Integer || number instanceof Long)) {
      double d = number.doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
        throw problemAt(value, key, expected + ", got " + render(value));
      }
      number = (long) d;
    }
    long result = number.longValue();
    if (result < min || result > max) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    return result;
  }

  public double doubleIn(String key, double min, double max) {
    return decimal(key, min, max, "expected a number" + range(min, max));
  }

  /** A number between 0 and 1 inclusive, e.g. a probability or share of peers. */
  public double fraction(String key) {
    return decimal(key, 0, 1, "expected a fraction between 0 and 1");
  }

  private double decimal(String key, double min, double max, String expected) {
    ConfigValue value = required(key);
    Number number = number(value);
    if (number == null) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    double result = number.doubleValue();
    if (!(result >= min && result <= max)) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    return result;
  }

  public boolean bool(String key) {
    ConfigValue value = required(key);
    if (value.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) value.unwrapped();
    }
    if (value.valueType() == ConfigValueType.STRING) {
      // HOCON allows these spellings for booleans.
      switch (((String) value.unwrapped()).toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on":
          return true;
        case "false", "no", "off":
          return false;
        default:
          break;
      }
    }
    throw problemAt(value, key, "expected true or false, got " + render(value));
  }

  public String string(String key) {
    ConfigValue value = required(key);
    return scalarString(value, fullPath(key));
  }

  /**
   * An enum written in lower-kebab-case: {@code exponential-jitter} selects {@code
   * EXPONENTIAL_JITTER}.
   */
  public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
    ConfigValue value = required(key);
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(spelling(constant));
    }
    String expected = "expected one of " + String.join(", ", allowed);
    if (value.valueType() != ConfigValueType.STRING) {
      throw problemAt(value, key, expected + ", got " + render(value));
    }
    String written = (String) value.unwrapped();
    for (E constant : type.getEnumConstants()) {
      if (spelling(constant).equals(written)) {
        return constant;
      }
    }
    throw problemAt(value, key, expected + ", got " + render(value));
  }

  /** The config spelling of an enum constant: {@code EXPONENTIAL_JITTER -> exponential-jitter}. */
  public static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ---------------------------------------------------------------- structure

  /** Whether the key is set (to anything but null). Does not count as reading it. */
  public boolean has(String key) {
    tracker.probed.add(fullPath(key));
    ConfigValue value = lookup(key);
    return value != null && value.valueType() != ConfigValueType.NULL;
  }

  /** The object at {@code key}; its keys count as read only when read through the child. */
  public Settings child(String key) {
    ConfigValue value = required(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw problemAt(value, key, "expected an object { ... }, got " + render(value));
    }
    return new Settings((ConfigObject) value, fullPath(key), tracker);
  }

  /** A list of objects, e.g. timeline events; element paths read {@code key[i]}. */
  public List<Settings> objectList(String key) {
    ConfigValue value = required(key);
    ConfigList list = list(value, key, "a list of objects [{ ... }, ...]");
    String listPath = fullPath(key);
    List<Settings> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      if (element.valueType() != ConfigValueType.OBJECT) {
        throw ConfigProblem.at(
            element.origin(),
            listPath + "[" + i + "]",
            "expected an object { ... }, got " + render(element));
      }
      result.add(new Settings((ConfigObject) element, listPath + "[" + i + "]", tracker));
    }
    return Collections.unmodifiableList(result);
  }

  public List<Double> doubleList(String key, double min, double max) {
    ConfigValue value = required(key);
    ConfigList list = list(value, key, "a list of numbers [...]");
    String expected = "expected a number" + range(min, max);
    List<Double> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      Number number = number(element);
      if (number == null || !(number.doubleValue() >= min && number.doubleValue() <= max)) {
        throw ConfigProblem.at(
            element.origin(), fullPath(key) + "[" + i + "]", expected + ", got " + render(element));
      }
      result.add(number.doubleValue());
    }
    return List.copyOf(result);
  }

  public List<String> stringList(String key) {
    ConfigValue value = required(key);
    ConfigList list = list(value, key, "a list of strings [...]");
    List<String> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      result.add(scalarString(element, fullPath(key) + "[" + i + "]"));
    }
    return List.copyOf(result);
  }

  /** The child keys of this object, sorted; for user-named maps such as regions. */
  public Set<String> keys() {
    tracker.read.add(path);
    return Collections.unmodifiableSet(new TreeSet<>(object.keySet()));
  }

  /** A problem at {@code key} (or at this object if the key is absent), for cross-field checks. */
  public ConfigProblem problem(String key, String message) {
    ConfigValue value = lookup(key);
    ConfigOrigin origin = value != null ? value.origin() : object.origin();
    return ConfigProblem.at(origin, fullPath(key), message);
  }

  /**
   * Builds a value whose constructor checks its own consistency, turning the {@link
   * IllegalArgumentException} it throws into a problem located at {@code key}.
   */
  public <T> T located(String key, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw problem(key, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- unknown keys

  /**
   * Fails on the first key under the root that the user set (in the experiment file or a {@code
   * --set}) but no reader read: almost always a misspelling. Call after reading everything.
   */
  public void rejectUnknownKeys() {
    rejectUnread(false);
  }

  /**
   * Like {@link #rejectUnknownKeys()}, for text that came from neither a file nor an override
   * (an event typed into a running run): every key in it is the user's.
   */
  public void rejectUnreadKeys() {
    rejectUnread(true);
  }

  private void rejectUnread(boolean everyKeyIsTheUsers) {
    if (!path.equals(tracker.rootPath) || object != tracker.root) {
      throw new IllegalStateException("rejecting unknown keys is for the root Settings only");
    }
    Map<String, ConfigValue> leaves = new TreeMap<>();
    collectLeaves(tracker.root, tracker.rootPath, leaves);
    List<String> unknown = new ArrayList<>();
    Set<String> known = new TreeSet<>(tracker.read);
    known.addAll(tracker.probed);
    for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
      if (tracker.read.contains(leaf.getKey())) {
        continue;
      }
      if (everyKeyIsTheUsers || isUserSet(leaf.getValue().origin())) {
        unknown.add(leaf.getKey());
      } else {
        known.add(leaf.getKey());
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    // Report the first in file order, which is where the user will look first.
    unknown.sort(
        (a, b) -> {
          int byLine =
              Integer.compare(
                  leaves.get(a).origin().lineNumber(), leaves.get(b).origin().lineNumber());
          return byLine != 0 ? byLine : a.compareTo(b);
        });
    String first = unknown.get(0);
    StringBuilder message = new StringBuilder("unknown key");
    String suggestion = closest(first, known);
    if (suggestion != null) {
      message.append(" (did you mean ").append(suggestion).append("?)");
    }
    if (unknown.size() > 1) {
      message
          .append("; further unknown keys: ")
          .append(String.join(", ", unknown.subList(1, Math.min(unknown.size(), 6))));
      if (unknown.size() > 6) {
        message.append(", ...");
      }
    }
    throw ConfigProblem.at(leaves.get(first).origin(), first, message.toString());
  }

  /**
   * The leaves that come from defaults and no reader read (another model's or another policy's
   * settings). Written back as part of an experiment, they would read as the user's unknown keys.
   */
  public Set<String> defaultsNotRead() {
    Map<String, ConfigValue> leaves = new TreeMap<>();
    collectLeaves(tracker.root, tracker.rootPath, leaves);
    Set<String> unread = new TreeSet<>();
    Set<String> listsRead = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
      // A list of objects goes as a whole (a path cannot name one element's key).
      int bracket = leaf.getKey().indexOf('[');
      String removable = bracket < 0 ? leaf.getKey() : leaf.getKey().substring(0, bracket);
      if (!tracker.read.contains(leaf.getKey()) && !tracker.probed.contains(leaf.getKey())
          && !isUserSet(leaf.getValue().origin())) {
        unread.add(removable);
      } else if (bracket >= 0) {
        listsRead.add(removable);
      }
    }
    unread.removeAll(listsRead);
    // Whole sections of unread defaults go as one (no empty objects left behind).
    Set<String> removable = new TreeSet<>();
    for (String leaf : unread) {
      String highest = leaf;
      for (int dot = leaf.lastIndexOf('.'); dot > tracker.rootPath.length(); dot = leaf.lastIndexOf('.', dot - 1)) {
        String section = leaf.substring(0, dot);
        boolean allUnread = leaves.keySet().stream()
            .filter(k -> k.startsWith(section + ".") || k.startsWith(section + "["))
            .allMatch(k -> unread.contains(k) || unread.stream().anyMatch(u -> k.startsWith(u + "[")));
        if (!allUnread) {
          break;
        }
        highest = section;
      }
      removable.add(highest);
    }
    return removable;
  }

  /** Leaves are values other than non-empty objects and non-empty lists of objects. */
  static void collectLeaves(ConfigValue value, String path, Map<String, ConfigValue> out) {
    if (value instanceof ConfigObject object && !object.isEmpty()) {
      for (String key : new TreeSet<>(object.keySet())) {
        collectLeaves(object.get(key), join(path, key), out);
      }
    } else if (value instanceof ConfigList list
        && !list.isEmpty()
        && list.stream().allMatch(e -> e.valueType() == ConfigValueType.OBJECT)) {
      for (int i = 0; i < list.size(); i++) {
        collectLeaves(list.get(i), path + "[" + i + "]", out);
      }
    } else {
      out.put(path, value);
    }
  }

  /** Set by the user's file (or a file it includes) or an override, rather than by defaults. */
  static boolean isUserSet(ConfigOrigin origin) {
    if (origin == null || origin.resource() != null) {
      return false;
    }
    return origin.filename() != null || ConfigProblem.overrideText(origin) != null;
  }

  static String closest(String unknown, Set<String> known) {
    String leafName = unknown.substring(unknown.lastIndexOf('.') + 1);
    int limit = Math.max(2, leafName.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate.equals(unknown)) {
        continue;
      }
      int distance = editDistance(unknown, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  // ---------------------------------------------------------------- helpers

  /** The value at a relative key (a HOCON path, or one literal child key), or null if absent. */
  private ConfigValue lookup(String key) {
    if (object.containsKey(key)) {
      return object.get(key);
    }
    List<String> segments;
    try {
      segments = ConfigUtil.splitPath(key);
    } catch (ConfigException e) {
      return null;
    }
    ConfigValue current = object;
    for (String segment : segments) {
      if (!(current instanceof ConfigObject currentObject)) {
        return null;
      }
      current = currentObject.get(segment);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** The value at key, marked as read; a missing or null value is a problem. */
  private ConfigValue required(String key) {
    String full = fullPath(key);
    tracker.read.add(full);
    ConfigValue value = lookup(key);
    if (value == null) {
      throw ConfigProblem.at(
          object.origin(), full, "missing required key (no default either); please set it");
    }
    return value;
  }

  /** The full path in the one spelling {@link #collectLeaves} uses, so reads and leaves match. */
  private String fullPath(String key) {
    String relative;
    if (object.containsKey(key)) {
      relative = ConfigUtil.joinPath(key);
    } else {
      try {
        relative = ConfigUtil.joinPath(ConfigUtil.splitPath(key));
      } catch (ConfigException e) {
        relative = key;
      }
    }
    return path.isEmpty() ? relative : path + "." + relative;
  }

  private static String join(String path, String key) {
    String quoted = ConfigUtil.joinPath(key);
    return path.isEmpty() ? quoted : path + "." + quoted;
  }

  private ConfigProblem problemAt(ConfigValue value, String key, String message) {
    return ConfigProblem.at(value.origin(), fullPath(key), message);
  }

  private ConfigList list(ConfigValue value, String key, String what) {
    if (value.valueType() != ConfigValueType.LIST) {
      throw problemAt(value, key, "expected " + what + ", got " + render(value));
    }
    return (ConfigList) value;
  }

  private static String scalarString(ConfigValue value, String fullKey) {
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
      default -> throw ConfigProblem.at(
          value.origin(), fullKey, "expected a string, got " + render(value));
    };
  }

  /** The number in a value; numeric strings count, as HOCON allows. Null if not a number. */
  private static Number number(ConfigValue value) {
    if (value.valueType() == ConfigValueType.NUMBER) {
      return (Number) value.unwrapped();
    }
    if (value.valueType() == ConfigValueType.STRING) {
      String text = ((String) value.unwrapped()).trim();
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException notLong) {
        try {
          double d = Double.parseDouble(text);
          return Double.isFinite(d) && !text.endsWith("d") && !text.endsWith("f") ? d : null;
        } catch (NumberFormatException notNumber) {
          return null;
        }
      }
    }
    return null;
  }

  /** How a found value is quoted in messages: strings quoted, numbers bare, structures named. */
  static String render(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object { ... }";
      case LIST -> "a list [ ... ]";
      case NULL -> "null";
      case STRING -> value.render();
      case NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
    };
  }

  private static String range(String min, String max) {
    return " between " + min + " and " + max;
  }

  private static String range(long min, long max) {
    if (min == Long.MIN_VALUE || min == Integer.MIN_VALUE) {
      return max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "" : " of at most " + max;
    }
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return " of at least " + min;
    }
    return range(Long.toString(min), Long.toString(max));
  }

  private static String range(double min, double max) {
    boolean noMin = min == Double.NEGATIVE_INFINITY || min == -Double.MAX_VALUE;
    boolean noMax = max == Double.POSITIVE_INFINITY || max == Double.MAX_VALUE;
    if (noMin) {
      return noMax ? "" : " of at most " + format(max);
    }
    return noMax ? " of at least " + format(min) : range(format(min), format(max));
  }

  private static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A duration in the largest unit that divides it exactly, in HOCON spelling. */
  public static String formatMicros(long micros) {
    long[] factors = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms", "us"};
    for (int i = 0; i < factors.length; i++) {
      if (micros != 0 && micros % factors[i] == 0) {
        return micros / factors[i] + units[i];
      }
    }
    return "0s";
  }
}
