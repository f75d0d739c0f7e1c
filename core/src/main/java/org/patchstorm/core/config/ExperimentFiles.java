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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an experiment: the user's HOCON file, then {@code --set path=value} overrides on top, with
 * the defaults underneath. Every failure becomes a {@link ConfigProblem} naming file and line.
 */
public final class ExperimentFiles {

  /** The experiment's keys. */
  public static final String EXPERIMENT_ROOT = "patchstorm";
  /** The actor runtime's keys, checked against its reference configuration. */
  public static final String RUNTIME_ROOT = "pekko";

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
    rejectForeignTopLevelKeys(file);
    Config merged = file.withFallback(defaults);
    for (String override : overrides) {
      Config parsed = parseOverride(override);
      rejectForeignOverride(override, parsed, defaults);
      merged = parsed.withFallback(merged);
    }
    Config resolved;
    try {
      resolved = merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      throw fromException(e, null);
    }
    ReferenceKeys.check(resolved, defaults, RUNTIME_ROOT);
    return resolved;
  }

  private static Config parseExperimentFile(Path experimentFile) {
    String name = experimentFile.toString();
    if (!Files.exists(experimentFile)) {
      throw ConfigProblem.inFile(name, -1, null, "the file does not exist");
    }
    if (!Files.isRegularFile(experimentFile) || !Files.isReadable(experimentFile)) {
      throw ConfigProblem.inFile(name, -1, null, "not a readable file");
    }
    String text;
    try {
      text = Files.readString(experimentFile);
    } catch (IOException | UncheckedIOException e) {
      throw ConfigProblem.inFile(name, -1, null, "cannot be read as UTF-8 text: " + e.getMessage());
    }
    NestingScan nesting = NestingScan.of(text);
    if (nesting.tooDeepLine >= 0) {
      throw ConfigProblem.inFile(name, nesting.tooDeepLine, null,
          "objects and lists are nested more than " + NestingScan.MAX_DEPTH
              + " levels deep here; an experiment needs a handful");
    }
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF)
            .setAllowMissing(false)
            .setIncluder(new StrictIncluder());
    Config file;
    try {
      // A bare file name has no parent, and HOCON would then look for its includes on the
      // classpath instead of beside it.
      Path located = experimentFile.getParent() == null ? Path.of(".").resolve(experimentFile) : experimentFile;
      file = ConfigFactory.parseFile(located.toFile(), options);
    } catch (StrictIncluder.MissingInclude missing) {
      throw ConfigProblem.inFile(name, lineOf(text, missing.name), null,
          "include \"" + missing.name + "\" names no file (looked beside the including file and on"
              + " the classpath); every include must exist, so that a misspelt name is not"
              + " silently skipped");
    } catch (StackOverflowError deep) {
      throw ConfigProblem.inFile(name, -1, null,
          "objects, lists or includes are nested too deeply to read");
    } catch (ConfigException e) {
      throw reworded(e, name, nesting);
    }
    if (file.isEmpty()) {
      throw ConfigProblem.inFile(name, -1, null,
          "the file holds no settings, so the run would silently be the defaults; set at least"
              + " patchstorm.experiment.name and model, or run without a file for the default"
              + " experiment");
    }
    return file;
  }

  /** The parser's words for an unclosed brace and an include cycle are not the user's. */
  private static ConfigProblem reworded(ConfigException e, String file, NestingScan nesting) {
    String message = stripOrigin(e);
    if (message.contains("end of file") && nesting.unclosedLine >= 0) {
      char close = nesting.unclosed == '{' ? '}' : ']';
      return ConfigProblem.inFile(file, nesting.unclosedLine, null,
          "the '" + nesting.unclosed + "' opened on this line is never closed: the file ends"
              + " before its '" + close + "'");
    }
    if (message.contains("you probably have a cycle in your includes")) {
      return ConfigProblem.inFile(file, -1, null, "the includes form a cycle: " + includeCycle(message));
    }
    return fromException(e, null);
  }

  /** "a.conf includes b.conf includes a.conf" from the library's 50-entry trace. */
  static String includeCycle(String libraryMessage) {
    Matcher files = Pattern.compile("Parseable\\w*\\(([^)]*)\\)").matcher(libraryMessage);
    List<String> chain = new ArrayList<>();
    while (files.find()) {
      String next = files.group(1);
      chain.add(next);
      if (chain.indexOf(next) < chain.size() - 1) {
        break;
      }
    }
    return chain.isEmpty() ? "an include leads back to a file that includes it"
        : String.join(" includes ", chain);
  }

  /** The line of the include naming {@code name} in the experiment file, -1 if not there. */
  private static int lineOf(String text, String name) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("include") && lines[i].contains(name)) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Only two namespaces are read: {@code patchstorm} (the experiment) and {@code pekko} (the
   * actor runtime). Anything else in the file would be silently ignored.
   */
  private static void rejectForeignTopLevelKeys(Config file) {
    for (String key : new TreeSet<>(file.root().keySet())) {
      if (!key.equals(EXPERIMENT_ROOT) && !key.equals(RUNTIME_ROOT)) {
        throw ConfigProblem.at(file.root().get(key).origin(), key,
            "unknown top-level key: an experiment file sets " + EXPERIMENT_ROOT
                + ".* (the experiment) and " + RUNTIME_ROOT + ".* (the actor runtime), nothing else");
      }
    }
  }

  /** A {@code --set} outside both namespaces; a shorthand such as {@code peers} gets its full key. */
  private static void rejectForeignOverride(String override, Config parsed, Config defaults) {
    String key = parsed.root().keySet().iterator().next();
    if (key.equals(EXPERIMENT_ROOT) || key.equals(RUNTIME_ROOT)) {
      return;
    }
    String path = override.substring(0, override.indexOf('=')).trim();
    List<String> fullKeys = new ArrayList<>();
    if (defaults.hasPath(EXPERIMENT_ROOT)) {
      Map<String, ConfigValue> leaves = new TreeMap<>();
      Settings.collectLeaves(defaults.getValue(EXPERIMENT_ROOT), EXPERIMENT_ROOT, leaves);
      for (String leaf : leaves.keySet()) {
        if (leaf.endsWith("." + path)) {
          fullKeys.add(leaf);
        }
      }
    }
    String hint = fullKeys.isEmpty()
        ? "keys start with " + EXPERIMENT_ROOT + ". (the experiment) or " + RUNTIME_ROOT
            + ". (the actor runtime)"
        : "did you mean " + String.join(" or ", fullKeys.subList(0, Math.min(3, fullKeys.size())))
            + "? Keys are written in full";
    throw ConfigProblem.inOverride(override, path, "\"" + path + "\" is not a key Patchstorm reads; " + hint);
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
