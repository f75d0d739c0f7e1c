package org.patchstorm.core.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the code that produced a result, for the manifest. */
public final class CodeVersion {

  /** System property through which the launcher passes the git commit, if it knows it. */
  public static final String GIT_COMMIT_PROPERTY = "patchstorm.git.commit";

  private static final String RESOURCE = "/patchstorm-version.properties";

  private CodeVersion() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}, or {@code 0.1.0-SNAPSHOT+1a2b3c4} when a commit is given. */
  public static String current() {
    return of(buildVersion(), System.getProperty(GIT_COMMIT_PROPERTY));
  }

  static String of(String buildVersion, String gitCommit) {
    if (gitCommit == null || gitCommit.isBlank()) {
      return buildVersion;
    }
    return buildVersion + "+" + gitCommit.trim();
  }

  /** The project version filtered into the resource at build time; "unknown" if absent. */
  static String buildVersion() {
    try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").trim();
      // An unfiltered placeholder means the build skipped resource filtering.
      return version.isEmpty() || version.contains("${") ? "unknown" : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
