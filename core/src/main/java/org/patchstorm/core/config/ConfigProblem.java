package org.patchstorm.core.config;

import com.typesafe.config.ConfigOrigin;

/**
 * A mistake in the user's experiment (file or {@code --set} override), located as precisely as the
 * configuration library allows. {@link #describe()} is the one paragraph shown to the user instead
 * of a stack trace.
 */
public final class ConfigProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The {@link #file()} of a problem in a {@code --set} override. */
  public static final String COMMAND_LINE = "command line";

  /** Where the faulty text came from; decides how {@link #describe()} introduces the location. */
  public enum Source {
    EXPERIMENT_FILE, DEFAULTS, COMMAND_LINE, UNKNOWN
  }

  private static final String OVERRIDE_PREFIX = "--set ";

  private final Source source;
  private final String file;
  private final int line;
  private final String key;
  private final String override;
  private final String problem;

  private ConfigProblem(
      Source source, String file, int line, String key, String override, String problem) {
    super(problem);
    this.source = source;
    this.file = file;
    this.line = line;
    this.key = key;
    this.override = override;
    this.problem = problem;
    // The rendered paragraph is the useful message; a stack trace never helps the user.
  }

  /** A problem in an experiment (or included) file. */
  public static ConfigProblem inFile(String file, int line, String key, String message) {
    return new ConfigProblem(Source.EXPERIMENT_FILE, file, line, key, null, message);
  }

  /** A problem in one {@code --set path=value} override, given as its {@code path=value} text. */
  public static ConfigProblem inOverride(String overrideText, String key, String message) {
    return new ConfigProblem(Source.COMMAND_LINE, COMMAND_LINE, -1, key, overrideText, message);
  }

  /** A problem without a known location, e.g. a required key that nobody set. */
  public static ConfigProblem unlocated(String key, String message) {
    return new ConfigProblem(Source.UNKNOWN, null, -1, key, null, message);
  }

  /** A problem located by the origin the configuration library recorded for a value. */
  public static ConfigProblem at(ConfigOrigin origin, String key, String message) {
    if (origin == null) {
      return unlocated(key, message);
    }
    String overrideText = overrideText(origin);
    if (overrideText != null) {
      return inOverride(overrideText, key, message);
    }
    if (origin.resource() != null) {
      return new ConfigProblem(
          Source.DEFAULTS, origin.resource(), origin.lineNumber(), key, null, message);
    }
    if (origin.filename() != null) {
      return inFile(origin.filename(), origin.lineNumber(), key, message);
    }
    return unlocated(key, message);
  }

  /** The origin description given to a parsed override, recognised again by {@link #at}. */
  static String overrideOriginDescription(String overrideText) {
    return OVERRIDE_PREFIX + overrideText;
  }

  /** The {@code path=value} text if the origin is a {@code --set} override, else null. */
  static String overrideText(ConfigOrigin origin) {
    String description = origin.description();
    if (description == null || !description.startsWith(OVERRIDE_PREFIX)) {
      return null;
    }
    String text = description.substring(OVERRIDE_PREFIX.length());
    // The library appends ": <line>" to descriptions of values with a line number.
    String lineSuffix = ": " + origin.lineNumber();
    if (origin.lineNumber() >= 0 && text.endsWith(lineSuffix)) {
      text = text.substring(0, text.length() - lineSuffix.length());
    }
    return text;
  }

  public Source source() {
    return source;
  }

  /** The file as the user named it, {@value #COMMAND_LINE} for overrides, null if unknown. */
  public String file() {
    return file;
  }

  /** 1-based line, or -1 if unknown. */
  public int line() {
    return line;
  }

  /** Full path of the key, or null when the problem is not about one key (e.g. syntax). */
  public String key() {
    return key;
  }

  /** What is wrong, without location. */
  public String problem() {
    return problem;
  }

  @Override
  public String getMessage() {
    return describe();
  }

  /**
   * One paragraph for the user, e.g. {@code Error in experiment file config/x.conf, line 12, key
   * patchstorm.overlay.peers: expected an integer between 10 and 100000000, got "abc".}
   */
  public String describe() {
    StringBuilder text = new StringBuilder("Error ");
    switch (source) {
      case COMMAND_LINE -> text.append("in --set ").append(override);
      case EXPERIMENT_FILE -> text.append("in experiment file ").append(file);
      case DEFAULTS -> text.append("in built-in defaults ").append(file);
      case UNKNOWN -> text.append("in the experiment");
    }
    if (line >= 0 && source != Source.COMMAND_LINE) {
      text.append(", line ").append(line);
    }
    if (key != null && source != Source.COMMAND_LINE) {
      text.append(", key ").append(key);
    } else if (key != null && override != null && !override.startsWith(key + "=")) {
      text.append(" (key ").append(key).append(')');
    }
    text.append(": ").append(problem);
    if (!problem.endsWith(".")) {
      text.append('.');
    }
    return text.toString();
  }
}
