package org.patchstorm.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads an experiment: the user's HOCON file, then {@code --set path=value} overrides on top, with
 * the defaults underneath. Every failure becomes a {@link ConfigProblem} naming file and line.
 */
public final class ExperimentFiles {

  private ExperimentFiles() {}

  /**
   * Merges, in order of precedence, the overrides (later ones win), the experiment file and the
   * defaults, then resolves substitutions. Pass the defaults unresolved (e.g. {@code
   * ConfigFactory.defaultReferenceUnresolved()}) so that substitutions in them see the user's
   * values. Origins are kept, so later readers can name the file and line of each value.
   */
  public static Config load(Path experimentFile, List<String> overrides, Config defaults) {
    return load(experimentFile, UnaryOperator.identity(), overrides, defaults);
  }

  /**
   * As {@link #load(Path, List, Config)}, with {@code editFile} applied to the parsed (unresolved)
   * experiment file before anything is laid over or under it: a sweep replaces values of the
   * file there, keeping the origins of the values it puts in.
   */
  public static Config load(
      Path experimentFile, UnaryOperator<Config> editFile, List<String> overrides, Config defaults) {
    Config file = editFile.apply(parseExperimentFile(experimentFile));
    Config merged = file.withFallback(defaults);
    for (String override : overrides) {
      merged = parseOverride(override).withFallback(merged);
    }
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      throw fromException(e, null);
    }
  }

  private static Config parseExperimentFile(Path experimentFile) {
    String name = experimentFile.toString();
    if (!Files.exists(experimentFile)) {
      throw ConfigProblem.inFile(name, -1, null, "the file does not exist");
    }
    if (!Files.isRegularFile(experimentFile) || !Files.isReadable(experimentFile)) {
      throw ConfigProblem.inFile(name, -1, null, "not a readable file");
    }
    ConfigParseOptions options =
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
    try {
      return ConfigFactory.parseFile(experimentFile.toFile(), options);
    } catch (ConfigException e) {
      throw fromException(e, null);
    }
  }

  /** One {@code path=value} override; the value is HOCON, so {@code x=1000} is a number. */
  static Config parseOverride(String override) {
    int equals = override.indexOf('=');
    if (equals < 0) {
      throw ConfigProblem.inOverride(
          override, null, "expected path=value, e.g. --set patchstorm.seed=42");
    }
    String path = override.substring(0, equals).trim();
    String valueText = override.substring(equals + 1);
    try {
      ConfigUtil.splitPath(path);
    } catch (ConfigException e) {
      throw ConfigProblem.inOverride(
          override, null, "\"" + path + "\" is not a valid key path, e.g. patchstorm.seed");
    }
    if (valueText.isBlank()) {
      throw ConfigProblem.inOverride(override, path, "the value after '=' is missing");
    }
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF)
            .setOriginDescription(ConfigProblem.overrideOriginDescription(override));
    ConfigValue value;
    try {
      // Parsed under a fixed key so the path cannot smuggle in extra settings.
      value = ConfigFactory.parseString("value = " + valueText, options).root().get("value");
    } catch (ConfigException e) {
      throw ConfigProblem.inOverride(override, path, stripOrigin(e));
    }
    if (value == null) {
      throw ConfigProblem.inOverride(override, path, "the value is not valid HOCON");
    }
    return ConfigFactory.empty(ConfigProblem.overrideOriginDescription(override))
        .withValue(path, value);
  }

  private static ConfigProblem fromException(ConfigException e, String key) {
    ConfigOrigin origin = e.origin();
    return ConfigProblem.at(origin, key, stripOrigin(e));
  }

  /** The library prefixes messages with the origin description, which we render ourselves. */
  private static String stripOrigin(ConfigException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ConfigOrigin origin = e.origin();
    if (origin != null) {
      String prefix = origin.description() + ": ";
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message;
  }
}
