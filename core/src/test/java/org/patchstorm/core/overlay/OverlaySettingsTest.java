package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.dist.Distribution;

class OverlaySettingsTest {

  private static final Config DEFAULTS = ConfigFactory.parseResources("reference.conf");

  @TempDir Path dir;

  private static OverlayParams readShipped(String name, String... overrides) {
    Path file = Path.of("..", "config", name);
    Settings root = Settings.root(ExperimentFiles.load(file, List.of(overrides), DEFAULTS), "patchstorm");
    OverlayParams p = OverlaySettings.read(root.child("overlay"));
    root.child("experiment").keys(); // the experiment section is someone else's to read
    return p;
  }

  /** The shipped files and the scenarios in code must describe the same runs. */
  private static void assertSameRun(OverlayParams expected, OverlayParams actual) {
    assertEquals(expected.population(), actual.population());
    assertEquals(expected.client(), actual.client());
    assertEquals(expected.supernode(), actual.supernode());
    assertEquals(expected.login(), actual.login());
    assertEquals(expected.healing(), actual.healing());
    assertEquals(expected.infrastructure(), actual.infrastructure());
    assertEquals(expected.timeline(), actual.timeline());
    assertEquals(expected.geography().regions(), actual.geography().regions());
    assertEquals(expected.geography().jitterMs(), actual.geography().jitterMs());
    for (int i = 0; i < expected.geography().regions().size(); i++) {
      assertEquals(List.of(box(expected.geography().latencyMs()[i])), List.of(box(actual.geography().latencyMs()[i])));
    }
    assertEquals(List.of(box(expected.geography().diurnal())), List.of(box(actual.geography().diurnal())));
  }

  private static Double[] box(double[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
  }

  @Test
  void referenceDefaultsAreTheDefaultsInCode() {
    Settings root = Settings.root(DEFAULTS, "patchstorm");
    assertSameRun(OverlayParams.defaults(), OverlaySettings.read(root.child("overlay")));
  }

  @Test
  void shippedScenarioFilesMatchTheScenariosInCode() {
    assertSameRun(OverlayScenarios.baseline(100_000), readShipped("baseline.conf"));
    assertSameRun(OverlayScenarios.skype2007(100_000), readShipped("skype-2007.conf"));
    assertSameRun(OverlayScenarios.skype2007Fixed(100_000), readShipped("skype-2007-fixed.conf"));
  }

  /** The full-scale file is the default experiment at 25 M peers, host caches and all. */
  @Test
  void theFullScaleFileIsTheDefaultWithMorePeers() {
    OverlayParams full = readShipped("skype-2007-full.conf");
    assertEquals(25_000_000, full.population().peers());
    assertEquals(200, full.client().hostCacheSize());
    assertSameRun(readShipped("skype-2007.conf", "patchstorm.overlay.peers=25000000"), full);
  }

  @Test
  void distributionsAndTimelineEventsAreReadWithTheirUnits() throws IOException {
    OverlayParams p = read(
        "patchstorm.overlay.population.session { type = weibull, shape = 0.5, scale = 2h }",
        "patchstorm.overlay.timeline = [",
        "  { type = restart-burst, at = 1d, local-time = 3h, window = 5m, fraction = 0.3,",
        "    selector = all, downtime { type = pareto, shape = 2, scale = 30s }, exit = crash,",
        "    include-supernodes = false }",
        "  { type = add-supernodes, at = 2h, count = 10, max-clients = 5000, message-rate = 500 }",
        "  { type = set-parameter, at = 3h, key = healing.min-uptime, value = 10m }",
        "]");
    assertEquals(Distribution.weibull(0.5, 7200), p.population().session());
    TimelineEvent.RestartBurst burst = p.timeline().restartBursts().get(0);
    assertEquals(new TimelineEvent.RestartBurst(86_400_000_000L, 3 * OverlayParams.HOUR,
        5 * OverlayParams.MINUTE, 0.3, TimelineEvent.Selector.ALL, Distribution.pareto(2, 30), true,
        false, -1), burst);
    assertEquals(new TimelineEvent.AddSupernodes(2 * OverlayParams.HOUR, 10, 5000, 500),
        p.timeline().addSupernodes().get(0));
    assertEquals(new TimelineEvent.SetParameter(3 * OverlayParams.HOUR, "healing.min-uptime", 10 * OverlayParams.MINUTE),
        p.timeline().events().get(1));
    assertEquals(10 * OverlayParams.MINUTE, p.with("healing.min-uptime", 10 * OverlayParams.MINUTE).healing().minUptime());
  }

  @Test
  void badValuesNameFileLineAndKey() throws IOException {
    ConfigProblem bare = assertThrows(ConfigProblem.class,
        () -> read("patchstorm.overlay.login.client-timeout = 10"));
    assertTrue(bare.describe().contains("line 1"), bare.describe());
    assertTrue(bare.describe().contains("patchstorm.overlay.login.client-timeout"), bare.describe());

    ConfigProblem unknownKey = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.timeline = [",
        "  { type = set-parameter, at = 1h, key = healing.colour, value = 1 }",
        "]"));
    assertTrue(unknownKey.describe().contains("line 2"), unknownKey.describe());
    assertTrue(unknownKey.describe().contains("healing.colour"), unknownKey.describe());

    ConfigProblem band = assertThrows(ConfigProblem.class,
        () -> read("patchstorm.overlay.healing.demote-below-load = 0.9"));
    assertTrue(band.describe().contains("demote-below-load < promote-above-load"), band.describe());
  }

  @Test
  void clientsServedOnlyInTheirRegionNeedABootstrapSupernodeInEach() throws IOException {
    ConfigProblem few = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.client.region-choice = own-only",
        "patchstorm.overlay.infrastructure.bootstrap-supernodes = 3"));
    assertTrue(few.describe().contains("at least one bootstrap supernode per region"), few.describe());
    ConfigProblem spelling = assertThrows(ConfigProblem.class,
        () -> read("patchstorm.overlay.client.region-choice = nearest"));
    assertTrue(spelling.describe().contains("line 1") && spelling.describe().contains("any, own-first, own-only"),
        spelling.describe());
    assertTrue(read("patchstorm.overlay.client.region-choice = own-only").client().ownRegionOnly());
  }

  @Test
  void regionNamesMustBeDistinctColumnWords() {
    String[] regions = {"{ name = americas, utc-offset = -5, weight = 0.5, latency-ms = [20, 45] }",
        "{ name = \"new york\", utc-offset = 1, weight = 0.5, latency-ms = [45, 15] }"};
    ConfigProblem spaced = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.geography.regions = [", regions[0], regions[1], "]"));
    assertTrue(spaced.describe().contains("line 3") && spaced.describe().contains("not a region name"),
        spaced.describe());
    ConfigProblem twice = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.geography.regions = [", regions[0], regions[0], "]"));
    assertTrue(twice.describe().contains("listed twice"), twice.describe());
  }

  private OverlayParams read(String... lines) throws IOException {
    Path file = dir.resolve("experiment.conf");
    Files.writeString(file, String.join("\n", lines) + "\n");
    Settings root = Settings.root(ExperimentFiles.load(file, List.of(), DEFAULTS), "patchstorm");
    return OverlaySettings.read(root.child("overlay"));
  }
}
