package org.patchstorm.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import java.io.File;

/**
 * Makes every {@code include} of an experiment required. HOCON skips a plain {@code include
 * "x.conf"} whose file is missing, so a misspelt name would silently run without its settings.
 */
final class StrictIncluder implements ConfigIncluder, ConfigIncluderFile {

  /** An include whose target does not exist; {@link ExperimentFiles} locates and words it. */
  static final class MissingInclude extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String name;

    MissingInclude(String name, String detail) {
      super(detail, null, false, false);
      this.name = name;
    }
  }

  private final ConfigIncluder fallback;

  StrictIncluder() {
    this(null);
  }

  private StrictIncluder(ConfigIncluder fallback) {
    this.fallback = fallback;
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return new StrictIncluder(fallback);
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    try {
      return fallback.include(
          context.setParseOptions(context.parseOptions().setAllowMissing(false)), what);
    } catch (ConfigException.IO e) {
      throw new MissingInclude(what, e.getMessage());
    }
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    try {
      return ConfigFactory.parseFile(what, context.parseOptions().setAllowMissing(false)).root();
    } catch (ConfigException.IO e) {
      throw new MissingInclude(what.toString(), e.getMessage());
    }
  }
}
