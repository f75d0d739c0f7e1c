package org.patchstorm.core.overlay.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.AttackScenarios;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.OverlaySettings;
import org.patchstorm.core.overlay.TimelineEvent;
import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.defence.Scope;

class AttackSettingsTest {

  private static final Config DEFAULTS = ConfigFactory.parseResources("reference.conf");

  @TempDir Path dir;

  private static AttackScenarios.Scenario readShipped(String name) {
    Path file = Path.of("..", "config", name);
    Settings root = Settings.root(ExperimentFiles.load(file, List.of(), DEFAULTS), "patchstorm");
    Settings overlay = root.child("overlay");
    OverlayParams p = OverlaySettings.read(overlay);
    AttackParams a = AttackSettings.read(overlay, p.geography().regions().size());
    return new AttackScenarios.Scenario(p, a);
  }

  /** The shipped files and the scenarios in code describe the same runs. */
  private static void assertSameRun(AttackScenarios.Scenario expected, AttackScenarios.Scenario actual) {
    OverlayParams e = expected.overlay();
    OverlayParams o = actual.overlay();
    assertEquals(e.population(), o.population());
    assertEquals(e.client(), o.client());
    assertEquals(e.supernode(), o.supernode());
    assertEquals(e.login(), o.login());
    assertEquals(e.healing(), o.healing());
    assertEquals(e.infrastructure(), o.infrastructure());
    assertEquals(e.timeline(), o.timeline());
    assertEquals(e.geography().regions(), o.geography().regions());
    assertEquals(expected.attack(), actual.attack());
  }

  @Test
  void referenceDefaultsAreTheDefaultsInCode() {
    Settings root = Settings.root(DEFAULTS, "patchstorm");
    Settings overlay = root.child("overlay");
    assertEquals(AttackParams.none(), AttackSettings.read(overlay, 4));
  }

  @Test
  void shippedScenarioFilesMatchTheScenariosInCode() {
    assertSameRun(AttackScenarios.ddos2017(100_000), readShipped("ddos-2017.conf"));
    assertSameRun(AttackScenarios.ddos2017Defended(100_000), readShipped("ddos-2017-defended.conf"));
    assertSameRun(AttackScenarios.skype2010(100_000), readShipped("skype-2010.conf"));
    assertSameRun(AttackScenarios.skype2010Defended(100_000), readShipped("skype-2010-defended.conf"));
  }

  @Test
  void botnetsDefencesAndSetDefenceEventsAreReadWithTheirUnits() throws IOException {
    AttackScenarios.Scenario s = read(
        "patchstorm.overlay.botnets = [",
        "  { name = eu, bots = 50, rate-per-bot = 2.5, start = 1h, stop = 3h, ramp = 10m,",
        "    wave-on = 5m, wave-off = 1m, target = region, region = 1, request = search }",
        "]",
        "patchstorm.overlay.defences.blocking { enabled = true, detection-delay = 2m }",
        "patchstorm.overlay.timeline = [",
        "  { type = set-defence, at = 2h, key = blocking.block-for, value = 30m }",
        "  { type = set-defence, at = 2h, key = admission.enabled, value = true }",
        "]");
    assertEquals(List.of(new Botnet("eu", 50, 2.5, HOUR, 3 * HOUR, 10 * MINUTE, 5 * MINUTE, MINUTE,
        TargetKind.REGION, 0, 1, RequestKind.SEARCH, 1)), s.attack().botnets());
    Defences.Blocking b = s.attack().defences().blocking();
    assertTrue(b.enabled());
    assertEquals(2 * MINUTE, b.detectionDelay());
    assertEquals(Scope.ALL, b.scope());
    assertEquals(List.of(new TimelineEvent.SetDefence(2 * HOUR, "blocking.block-for", 30 * MINUTE),
        new TimelineEvent.SetDefence(2 * HOUR, "admission.enabled", 1)), s.overlay().timeline().events());
  }

  @Test
  void clientThrottlingIsSettableOnTheTimeline() throws IOException {
    AttackScenarios.Scenario s = read(
        "patchstorm.overlay.timeline = [",
        "  { type = set-parameter, at = 2h, key = login.throttle.enabled, value = false }",
        "  { type = set-parameter, at = 3h, key = login.throttle.k, value = 4 }",
        "]");
    assertEquals(List.of(new TimelineEvent.SetParameter(2 * HOUR, "login.throttle.enabled", 0),
        new TimelineEvent.SetParameter(3 * HOUR, "login.throttle.k", 4)), s.overlay().timeline().events());
    assertTrue(s.overlay().login().throttle().enabled(), "on by default");
    assertTrue(!s.overlay().with("login.throttle.enabled", 0).login().throttle().enabled(), "switched off");
    assertEquals(4.0, s.overlay().with("login.throttle.k", 4).login().throttle().k());
  }

  @Test
  void badValuesNameFileLineAndKey() throws IOException {
    ConfigProblem misfit = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.botnets = [",
        "  { name = x, bots = 5, rate-per-bot = 1, start = 0s, stop = 1h,",
        "    target = login-servers, request = search }",
        "]"));
    assertTrue(misfit.describe().contains("line 3"), misfit.describe());
    assertTrue(misfit.describe().contains("patchstorm.overlay.botnets[0].request"), misfit.describe());

    ConfigProblem unknown = assertThrows(ConfigProblem.class, () -> read(
        "patchstorm.overlay.timeline = [",
        "  { type = set-defence, at = 1h, key = blocking.colour, value = 1 }",
        "]"));
    assertTrue(unknown.describe().contains("line 2"), unknown.describe());
    assertTrue(unknown.describe().contains("blocking.colour"), unknown.describe());

    ConfigProblem range = assertThrows(ConfigProblem.class,
        () -> read("patchstorm.overlay.defences.blocking.false-positive = 1.5"));
    assertTrue(range.describe().contains("line 1"), range.describe());
    assertTrue(range.describe().contains("patchstorm.overlay.defences.blocking.false-positive"), range.describe());
  }

  private AttackScenarios.Scenario read(String... lines) throws IOException {
    Path file = dir.resolve("experiment.conf");
    Files.writeString(file, String.join("\n", lines) + "\n");
    Settings root = Settings.root(ExperimentFiles.load(file, List.of(), DEFAULTS), "patchstorm");
    Settings overlay = root.child("overlay");
    OverlayParams p = OverlaySettings.read(overlay);
    return new AttackScenarios.Scenario(p, AttackSettings.read(overlay, p.geography().regions().size()));
  }
}
