package org.patchstorm.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks the keys a user set under a library's namespace ({@code pekko.*}), which no Patchstorm
 * reader follows, against the library's reference configuration: the key must exist there and
 * the value must have the reference value's kind (boolean, number, duration, size, string, list).
 * Without it a misspelt key is silently ignored and a wrong type surfaces as a stack trace when
 * the actor system starts.
 */
final class ReferenceKeys {

  /**
   * Sections whose keys the user names (serializer names, deployment paths, roles, phases);
   * anything under them is accepted.
   */
  private static final List<String> USER_NAMED =
      List.of(
          "actor.serializers",
          "actor.serialization-bindings",
          "actor.serialization-identifiers",
          "actor.deployment",
          "actor.mailbox.requirements",
          "cluster.role",
          "coordinated-shutdown.phases",
          "serialization.jackson");

  private static final Pattern DURATION =
      Pattern.compile("\\s*[0-9.]+\\s*(ns|nanos?|nanoseconds?|us|micros?|microseconds?|ms|millis?|"
          + "milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\\s*");
  private static final Pattern SIZE =
      Pattern.compile("\\s*[0-9.]+\\s*([kKmMgGtT]i?[bB]?|[kKmMgGtT]|bytes?|[kmgt]i?bytes?)\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> BOOLEANS = Set.of("true", "false", "on", "off", "yes", "no");
  /** Words Pekko accepts in place of some durations. */
  private static final Set<String> DURATION_WORDS = Set.of("off", "on", "infinite", "inf");

  private enum Kind {
    BOOLEAN("a boolean (on/off)"),
    /** Pekko's "off" often also takes a duration or a number ("off" or "10s"). */
    SWITCH("on/off, or a duration or number where Pekko allows one"),
    NUMBER("a number"),
    DURATION("a duration such as 10s"),
    SIZE("a size such as 256 KiB"),
    STRING("a string"),
    LIST("a list [ ... ]"),
    OBJECT("an object { ... }"),
    ANY("any value");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private ReferenceKeys() {}

  /** Throws a {@link ConfigProblem} for the first user-set key under {@code root} that fails. */
  static void check(Config merged, Config reference, String root) {
    if (!merged.hasPath(root)) {
      return;
    }
    Map<String, ConfigValue> leaves = new TreeMap<>();
    Settings.collectLeaves(merged.getValue(root), root, leaves);
    Map<String, ConfigValue> known = new TreeMap<>();
    if (reference.hasPath(root)) {
      Settings.collectLeaves(reference.getValue(root), root, known);
    }
    for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
      ConfigValue value = leaf.getValue();
      if (!Settings.isUserSet(value.origin()) || userNamed(root, leaf.getKey())) {
        continue;
      }
      String path = leaf.getKey();
      if (reference.hasPathOrNull(path) && reference.getIsNull(path)) {
        continue; // a null default takes any value
      }
      ConfigValue expected = lookup(reference, path);
      if (expected == null) {
        if (!definesDispatcherOrMailbox(merged, path)) {
          String suggestion = Settings.closest(path, known.keySet());
          throw ConfigProblem.at(value.origin(), path,
              "unknown key: Pekko's reference configuration has no such setting"
                  + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
        }
        continue;
      }
      Kind kind = kindOf(expected);
      if (!fits(value, kind)) {
        throw ConfigProblem.at(value.origin(), path,
            "expected " + kind.description + " (Pekko's default is " + expected.render().trim()
                + "), got " + Settings.render(value));
      }
    }
  }

  private static boolean userNamed(String root, String path) {
    for (String section : USER_NAMED) {
      if (path.startsWith(root + "." + section + ".")) {
        return true;
      }
    }
    return false;
  }

  /** A new object holding an executor or mailbox type is a dispatcher or mailbox the user defines. */
  private static boolean definesDispatcherOrMailbox(Config merged, String path) {
    String parent = path;
    while (parent.lastIndexOf('.') > 0) {
      parent = parent.substring(0, parent.lastIndexOf('.'));
      ConfigValue value = lookup(merged, parent);
      if (value instanceof ConfigObject object
          && (object.containsKey("executor") || object.containsKey("mailbox-type"))
          && Settings.isUserSet(object.origin())) {
        return true;
      }
    }
    return false;
  }

  private static ConfigValue lookup(Config config, String path) {
    try {
      return config.hasPath(path) ? config.getValue(path) : null;
    } catch (ConfigException e) {
      return null; // a path through a non-object: no such key
    }
  }

  private static Kind kindOf(ConfigValue reference) {
    return switch (reference.valueType()) {
      case BOOLEAN -> Kind.BOOLEAN;
      case NUMBER -> Kind.NUMBER;
      case LIST -> Kind.LIST;
      case OBJECT -> Kind.OBJECT;
      case NULL -> Kind.ANY;
      case STRING -> {
        String text = (String) reference.unwrapped();
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (word.equals("on") || word.equals("off")) {
          yield Kind.SWITCH;
        }
        if (BOOLEANS.contains(word)) {
          yield Kind.BOOLEAN;
        }
        if (DURATION.matcher(text).matches()) {
          yield Kind.DURATION;
        }
        yield SIZE.matcher(text).matches() ? Kind.SIZE : Kind.STRING;
      }
    };
  }

  private static boolean fits(ConfigValue value, Kind kind) {
    ConfigValueType type = value.valueType();
    String text = type == ConfigValueType.STRING ? ((String) value.unwrapped()).trim() : null;
    return switch (kind) {
      case ANY -> true;
      case BOOLEAN -> type == ConfigValueType.BOOLEAN
          || (text != null && BOOLEANS.contains(text.toLowerCase(Locale.ROOT)));
      case NUMBER -> type == ConfigValueType.NUMBER || (text != null && isNumber(text));
      case SWITCH -> fits(value, Kind.BOOLEAN) || fits(value, Kind.DURATION);
      case DURATION -> type == ConfigValueType.NUMBER
          || (text != null && (DURATION.matcher(text).matches()
              || DURATION_WORDS.contains(text.toLowerCase(Locale.ROOT))));
      case SIZE -> type == ConfigValueType.NUMBER || (text != null && SIZE.matcher(text).matches());
      case STRING -> type == ConfigValueType.STRING || type == ConfigValueType.NUMBER
          || type == ConfigValueType.BOOLEAN;
      case LIST -> type == ConfigValueType.LIST;
      case OBJECT -> type == ConfigValueType.OBJECT;
    };
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
