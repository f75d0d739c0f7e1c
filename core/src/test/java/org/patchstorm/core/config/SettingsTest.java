package org.patchstorm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  enum RetryPolicy {
    IMMEDIATE, FIXED, EXPONENTIAL, EXPONENTIAL_JITTER
  }

  private static final Config DEFAULTS =
      ConfigFactory.parseResources("settings-test-defaults.conf");

  @TempDir Path dir;
  private Path file;

  /** The experiment file, one line per element, so line numbers are easy to count. */
  private Settings settings(List<String> overrides, String... lines) throws IOException {
    file = dir.resolve("experiment.conf");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return Settings.root(ExperimentFiles.load(file, overrides, DEFAULTS), "patchstorm");
  }

  private Settings settings(String... lines) throws IOException {
    return settings(List.of(), lines);
  }

  @Test
  void readsValuesFromFileAndDefaults() throws IOException {
    Settings s = settings("patchstorm.overlay.peers = 5000", "patchstorm.login.timeout = 250ms");
    assertEquals(5000, s.intIn("overlay.peers", 10, 100_000_000));
    assertEquals(0.05, s.child("overlay").fraction("supernode-fraction"));
    assertEquals(250_000L, s.child("login").durationMicros("timeout", 1, Long.MAX_VALUE));
    assertEquals(1L, s.longIn("seed", 0, Long.MAX_VALUE));
    assertEquals("patchstorm.overlay", s.child("overlay").path());
  }

  @Test
  void defaultsNotReadAreWholeSectionsOrLeavesButNeverWhatTheUserSetOrWasRead() throws IOException {
    Settings s = settings("patchstorm.overlay.peers = 5000", "patchstorm.seed = 3");
    s.intIn("overlay.peers", 10, 100_000_000);
    s.child("login").durationMicros("timeout", 1, Long.MAX_VALUE);
    // overlay.supernode-fraction: a default nobody read, beside a user's key; login.retry-policy
    // beside a read default; unused-default alone. The user's unread seed is not a default.
    assertEquals(java.util.Set.of("patchstorm.overlay.supernode-fraction", "patchstorm.login.retry-policy",
        "patchstorm.unused-default"), s.defaultsNotRead());
    Settings untouched = settings("patchstorm.seed = 3");
    untouched.longIn("seed", 0, Long.MAX_VALUE);
    assertEquals(java.util.Set.of("patchstorm.overlay", "patchstorm.login", "patchstorm.unused-default"),
        untouched.defaultsNotRead(), "sections of defaults only go as a whole");
  }

  @Test
  void wrongTypeNamesExpectedTypeValueFileAndLine() throws IOException {
    Settings s = settings("patchstorm {", "  overlay {", "    peers = abc", "  }", "}");
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> s.intIn("overlay.peers", 10, 100_000_000));
    assertEquals(
        "Error in experiment file " + file + ", line 3, key patchstorm.overlay.peers: "
            + "expected an integer between 10 and 100000000, got \"abc\".",
        problem.describe());
  }

  @Test
  void objectWhereStringExpectedIsNamed() throws IOException {
    Settings s = settings("patchstorm.name { x = 1 }");
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> s.string("name"));
    assertEquals("expected a string, got an object { ... }", problem.problem());
    assertEquals(1, problem.line());
  }

  @Test
  void outOfRangeIsRejected() throws IOException {
    Settings s = settings("", "patchstorm.overlay.peers = 5", "patchstorm.x = 1.5", "patchstorm.y = 2.5");
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> s.intIn("overlay.peers", 10, 100_000_000));
    assertEquals(2, problem.line());
    assertEquals("patchstorm.overlay.peers", problem.key());
    assertEquals("expected an integer between 10 and 100000000, got 5", problem.problem());
    assertEquals(
        "expected a fraction between 0 and 1, got 1.5",
        assertThrows(ConfigProblem.class, () -> s.fraction("x")).problem());
    assertEquals(
        "expected a number between 0.5 and 2, got 2.5",
        assertThrows(ConfigProblem.class, () -> s.doubleIn("y", 0.5, 2.0)).problem());
    assertEquals(
        "expected an integer between 0 and 10, got 1.5",
        assertThrows(ConfigProblem.class, () -> s.intIn("x", 0, 10)).problem(),
        "a fractional value is not an integer");
  }

  @Test
  void durationsNeedAUnit() throws IOException {
    Settings s = settings("patchstorm.login.timeout = 10");
    ConfigProblem problem =
        assertThrows(
            ConfigProblem.class, () -> s.durationMicros("login.timeout", 1000, 3_600_000_000L));
    assertEquals(1, problem.line());
    assertTrue(problem.problem().contains("add a unit"), problem.problem());
    assertTrue(problem.problem().contains("between 1ms and 1h"), problem.problem());
  }

  @Test
  void durationsInVariousUnits() throws IOException {
    Settings s =
        settings(
            "patchstorm { a = 10ms, b = 2h, c = 1.5s, d = 3 minutes, e = 7us, f = soon, g = 2d }");
    long max = Long.MAX_VALUE;
    assertEquals(10_000L, s.durationMicros("a", 0, max));
    assertEquals(2L * 3600 * 1_000_000, s.durationMicros("b", 0, max));
    assertEquals(1_500_000L, s.durationMicros("c", 0, max));
    assertEquals(180_000_000L, s.durationMicros("d", 0, max));
    assertEquals(7L, s.durationMicros("e", 0, max));
    assertTrue(
        assertThrows(ConfigProblem.class, () -> s.durationMicros("f", 0, max))
            .problem()
            .endsWith("got \"soon\""));
    assertEquals(
        "expected a duration between 1s and 1d, got \"2d\"",
        assertThrows(ConfigProblem.class, () -> s.durationMicros("g", 1_000_000, 86_400_000_000L))
            .problem());
  }

  @Test
  void enumsUseKebabCase() throws IOException {
    Settings s = settings("patchstorm.login.retry-policy = exponential-jitter", "patchstorm.p = EXPONENTIAL_JITTER");
    assertEquals(RetryPolicy.EXPONENTIAL_JITTER, s.oneOf("login.retry-policy", RetryPolicy.class));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> s.oneOf("p", RetryPolicy.class));
    assertEquals(
        "expected one of immediate, fixed, exponential, exponential-jitter, "
            + "got \"EXPONENTIAL_JITTER\"",
        problem.problem());
    assertEquals(2, problem.line());
  }

  @Test
  void booleansAndLists() throws IOException {
    Settings s =
        settings(
            "patchstorm { on = true, off = no, bad = maybe,",
            "  shares = [0.5, 0.25, 2], names = [a, b] }");
    assertTrue(s.bool("on"));
    assertFalse(s.bool("off"));
    assertEquals(
        "expected true or false, got \"maybe\"",
        assertThrows(ConfigProblem.class, () -> s.bool("bad")).problem());
    assertEquals(List.of("a", "b"), s.stringList("names"));
    assertEquals(List.of(0.5, 0.25, 2.0), s.doubleList("shares", 0, 10));
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> s.doubleList("shares", 0, 1));
    assertEquals("patchstorm.shares[2]", problem.key());
    assertEquals(2, problem.line());
  }

  @Test
  void missingKeyIsAProblemNotADefault() throws IOException {
    Settings s = settings("patchstorm.a = 1");
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> s.intIn("nothing", 0, 1));
    assertEquals("patchstorm.nothing", problem.key());
    assertTrue(problem.problem().startsWith("missing"), problem.problem());
    assertFalse(s.has("nothing"));
    assertTrue(s.has("a"));
  }

  @Test
  void overrideErrorsNameTheOverride() throws IOException {
    Settings s = settings(List.of("patchstorm.overlay.peers=abc"), "patchstorm.overlay.peers = 50");
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> s.intIn("overlay.peers", 10, 100_000_000));
    assertEquals(
        "Error in --set patchstorm.overlay.peers=abc: "
            + "expected an integer between 10 and 100000000, got \"abc\".",
        problem.describe());
  }

  @Test
  void errorsInIncludedFilesNameThatFile() throws IOException {
    Path base = dir.resolve("base.conf");
    Files.writeString(base, "# shared\npatchstorm.seed = -3\n");
    Settings s = settings("include \"base.conf\"", "patchstorm.overlay.peers = 50");
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> s.longIn("seed", 0, 10));
    assertEquals(base.toString(), problem.file());
    assertEquals(2, problem.line());
  }

  @Test
  void crossFieldProblemPointsAtTheKey() throws IOException {
    Settings s = settings("patchstorm {", "  min = 5", "  max = 3", "}");
    ConfigProblem problem = s.problem("max", "must be at least min (5)");
    assertEquals(
        "Error in experiment file " + file + ", line 3, key patchstorm.max: must be at least min (5).",
        problem.describe());
  }

  @Test
  void unknownKeyIsRejectedWithSuggestion() throws IOException {
    Settings s = settings("patchstorm.overlay.peers = 50", "patchstorm.overlay.pears = 60");
    s.intIn("overlay.peers", 10, 1000);
    ConfigProblem problem = assertThrows(ConfigProblem.class, s::rejectUnknownKeys);
    assertEquals(
        "Error in experiment file " + file + ", line 2, key patchstorm.overlay.pears: "
            + "unknown key (did you mean patchstorm.overlay.peers?).",
        problem.describe());
  }

  @Test
  void unknownKeyFarFromAnyKnownKeyGetsNoSuggestion() throws IOException {
    Settings s = settings("patchstorm.completely-different = 1");
    ConfigProblem problem = assertThrows(ConfigProblem.class, s::rejectUnknownKeys);
    assertEquals("patchstorm.completely-different", problem.key());
    assertEquals("unknown key", problem.problem());
  }

  @Test
  void unreadDefaultsAndKeysOutsideTheRootAreFine() throws IOException {
    Settings s = settings("pekko.loglevel = DEBUG", "patchstorm.overlay.peers = 50");
    s.intIn("overlay.peers", 10, 1000);
    s.rejectUnknownKeys(); // unused-default, seed etc. come from defaults; pekko is not ours
  }

  @Test
  void unknownOverrideKeyIsRejected() throws IOException {
    Settings s = settings(List.of("patchstorm.sed=4"), "patchstorm.overlay.peers = 50");
    s.intIn("overlay.peers", 10, 1000);
    ConfigProblem problem = assertThrows(ConfigProblem.class, s::rejectUnknownKeys);
    assertEquals(
        "Error in --set patchstorm.sed=4: unknown key (did you mean patchstorm.seed?).",
        problem.describe());
  }

  @Test
  void userNamedMapsCountOnlyTheLeavesRead() throws IOException {
    Settings s =
        settings(
            "patchstorm.regions {",
            "  europe { share = 0.4, utc-offset = 1 }",
            "  asia { share = 0.6, utc-ofset = 8 }",
            "}");
    Settings regions = s.child("regions");
    assertEquals(Set.of("asia", "europe"), regions.keys());
    assertEquals(List.of("asia", "europe"), List.copyOf(regions.keys()), "sorted");
    for (String name : regions.keys()) {
      Settings region = regions.child(name);
      region.fraction("share");
      if (region.has("utc-offset")) {
        region.intIn("utc-offset", -12, 14);
      }
    }
    ConfigProblem problem = assertThrows(ConfigProblem.class, s::rejectUnknownKeys);
    assertEquals("patchstorm.regions.asia.utc-ofset", problem.key());
    assertEquals(3, problem.line());
    assertEquals("unknown key (did you mean patchstorm.regions.asia.utc-offset?)", problem.problem());
  }

  @Test
  void objectListElementsAreTrackedByIndex() throws IOException {
    Settings s =
        settings(
            "patchstorm.timeline = [",
            "  { at = 10s, action = restart }",
            "  { at = 20s, acton = attack }",
            "]");
    List<Settings> events = s.objectList("timeline");
    assertEquals(2, events.size());
    assertEquals("patchstorm.timeline[1]", events.get(1).path());
    assertEquals(10_000_000L, events.get(0).durationMicros("at", 0, Long.MAX_VALUE));
    assertEquals("restart", events.get(0).string("action"));
    events.get(1).durationMicros("at", 0, Long.MAX_VALUE);
    ConfigProblem missing = assertThrows(ConfigProblem.class, () -> events.get(1).string("action"));
    assertEquals("patchstorm.timeline[1].action", missing.key());
    ConfigProblem unknown = assertThrows(ConfigProblem.class, s::rejectUnknownKeys);
    assertEquals("patchstorm.timeline[1].acton", unknown.key());
    assertEquals(3, unknown.line());
  }

  @Test
  void editDistanceByHand() {
    assertEquals(0, Settings.editDistance("peers", "peers"));
    assertEquals(1, Settings.editDistance("pears", "peers"));
    assertEquals(3, Settings.editDistance("kitten", "sitting"));
  }
}
