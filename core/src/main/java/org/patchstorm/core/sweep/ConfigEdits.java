package org.patchstorm.core.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchstorm.core.config.ConfigProblem;

/**
 * Puts a value at a key of an experiment file, where the key may reach into a list of objects
 * by index, e.g. {@code patchstorm.overlay.timeline[0].fraction}: the form in which errors name
 * such keys. The value replaces what the file had there (an object replaces the whole object);
 * its origin is kept, so a bad value is reported where it was written.
 */
final class ConfigEdits {
  private static final Pattern INDEX = Pattern.compile("^(.+?)\\[(\\d+)\\](?:\\.(.+))?$");

  private ConfigEdits() {}

  /** Checks the key's syntax; a problem names {@code where}, e.g. the axis's key line. */
  static void checkKey(String key, ConfigValue where, String field) {
    try {
      for (String part : parts(key)) {
        ConfigUtil.splitPath(part);
      }
    } catch (ConfigException | IllegalArgumentException e) {
      throw ConfigProblem.at(where.origin(), field,
          "\"" + key + "\" is not a key path such as patchstorm.overlay.peers or"
              + " patchstorm.overlay.timeline[0].fraction");
    }
  }

  /**
   * {@code file} with {@code value} at {@code key}; a list index that the file does not have is a
   * problem located at {@code where}.
   */
  static Config replace(Config file, String key, ConfigValue value, ConfigValue where,
      String field) {
    Matcher m = INDEX.matcher(key);
    if (!m.matches()) {
      return file.withValue(key, value);
    }
    String listPath = m.group(1);
    int index = Integer.parseInt(m.group(2));
    String rest = m.group(3);
    if (!file.hasPath(listPath) || file.getValue(listPath).valueType() != ConfigValueType.LIST) {
      throw ConfigProblem.at(where.origin(), field,
          "the experiment file has no list at " + listPath + " to index into with [" + index
              + "]");
    }
    ConfigList list = file.getList(listPath);
    if (index >= list.size()) {
      throw ConfigProblem.at(where.origin(), field,
          listPath + " has " + list.size() + " element(s) in the experiment file, so [" + index
              + "] does not exist (indices start at 0)");
    }
    ConfigValue element = list.get(index);
    ConfigValue replaced;
    if (rest == null) {
      replaced = value;
    } else if (element.valueType() == ConfigValueType.OBJECT) {
      replaced = replace(((ConfigObject) element).toConfig(), rest, value, where, field).root()
          .withOrigin(element.origin());
    } else {
      throw ConfigProblem.at(where.origin(), field,
          listPath + "[" + index + "] is not an object { ... } in the experiment file");
    }
    List<ConfigValue> elements = new ArrayList<>(list);
    elements.set(index, replaced);
    return file.withValue(listPath, ConfigValueFactory.fromIterable(elements)
        .withOrigin(list.origin()));
  }

  /** The HOCON paths between list indices: {@code a.b[0].c} gives {@code a.b} and {@code c}. */
  private static List<String> parts(String key) {
    List<String> parts = new ArrayList<>();
    String rest = key;
    while (true) {
      Matcher m = INDEX.matcher(rest);
      if (!m.matches()) {
        if (rest.contains("[") || rest.contains("]")) {
          throw new IllegalArgumentException(key);
        }
        parts.add(rest);
        return parts;
      }
      parts.add(m.group(1));
      if (m.group(3) == null) {
        return parts;
      }
      rest = m.group(3);
    }
  }
}
