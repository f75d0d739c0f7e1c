package org.patchstorm.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeVersionTest {

  @Test
  void appendsGitCommitWhenGiven() {
    assertEquals("0.1.0-SNAPSHOT+1a2b3c4", CodeVersion.of("0.1.0-SNAPSHOT", "1a2b3c4"));
    assertEquals("0.1.0-SNAPSHOT", CodeVersion.of("0.1.0-SNAPSHOT", null));
    assertEquals("0.1.0-SNAPSHOT", CodeVersion.of("0.1.0-SNAPSHOT", "  "));
  }

  @Test
  void buildVersionIsTheFilteredProjectVersion() {
    String version = CodeVersion.buildVersion();
    // A Maven version such as 0.1.0-SNAPSHOT; an unfiltered "${project.version}" would fail here.
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), version);
  }

  @Test
  void currentReadsTheCommitProperty() {
    String saved = System.getProperty(CodeVersion.GIT_COMMIT_PROPERTY);
    try {
      System.setProperty(CodeVersion.GIT_COMMIT_PROPERTY, "deadbeef");
      assertEquals(CodeVersion.buildVersion() + "+deadbeef", CodeVersion.current());
    } finally {
      if (saved == null) {
        System.clearProperty(CodeVersion.GIT_COMMIT_PROPERTY);
      } else {
        System.setProperty(CodeVersion.GIT_COMMIT_PROPERTY, saved);
      }
    }
  }
}
