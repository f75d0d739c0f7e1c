package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;

class TriggersTest {

  @Test
  void everyTimelineEventTypeHasARole() {
    for (OverlaySettings.EventType type : OverlaySettings.EventType.values()) {
      assertNotNull(Triggers.role(type), type.name());
    }
    Set<OverlaySettings.EventType> triggers = Arrays.stream(OverlaySettings.EventType.values())
        .filter(t -> Triggers.role(t) == Triggers.Role.TRIGGER).collect(Collectors.toSet());
    assertEquals(Set.of(OverlaySettings.EventType.RESTART_BURST, OverlaySettings.EventType.START_BOTNET,
        OverlaySettings.EventType.STOP_BOTNET), triggers,
        "restart bursts (reboot waves, crash waves) set outages off, and botnet starts and stops go with"
            + " the botnets; the rest is the operators'");
    assertEquals(Triggers.Role.RUN, Triggers.role(OverlaySettings.EventType.END_OF_RUN));
  }

  /** A new kind of timeline event must come with a config type, and so with a role. */
  @Test
  void everyTimelineEventRecordHasAConfigType() {
    Set<String> configTypes = Arrays.stream(OverlaySettings.EventType.values())
        .map(Enum::name).collect(Collectors.toSet());
    for (Class<?> record : TimelineEvent.class.getPermittedSubclasses()) {
      String constant = record.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      assertTrue(configTypes.contains(constant), record.getSimpleName() + " has no config type " + constant);
    }
  }

  private static final String SCENARIO = """
      patchstorm {
        experiment { name = t, model = overlay, duration = 6h }
        overlay {
          peers = 200
          timeline = [
            { type = throttle-logins, at = 4h, per-second = 1 }
            { type = restart-burst, at = 1h, window = 10m, fraction = 0.5, selector = all,
              downtime { type = constant, value = 1m }, exit = crash, include-supernodes = true }
            { type = set-parameter, at = 4h, key = healing.self-shutdown, value = false }
            { type = add-supernodes, at = 4h, count = 1, max-clients = 10, message-rate = 10 }
            { type = set-defence, at = 4h, key = rate-limit.enabled, value = true }
            { type = restart-burst, at = 2h, window = 0s, fraction = 0.1, selector = all,
              downtime { type = constant, value = 1m }, exit = clean, include-supernodes = false }
            { type = end-of-run, at = 5h }
          ]
          botnets = [ { name = b, bots = 2, rate-per-bot = 1, start = 1h, stop = 2h,
                        target = login-servers, request = login } ]
        }
      }
      """;

  private static Config scenario() {
    return ConfigFactory.parseString(SCENARIO).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void removingTriggersTakesRestartBurstsAndBotnetsAndKeepsTheRestInOrder() {
    Triggers.Removal removal = Triggers.removeFrom(scenario());
    assertEquals(List.of(
        "patchstorm.overlay.timeline[1]: restart-burst at 1h",
        "patchstorm.overlay.timeline[5]: restart-burst at 2h",
        "patchstorm.overlay.botnets[0]: botnet b from 1h"), removal.removed());
    List<String> kept = removal.config().getConfigList(Triggers.TIMELINE).stream()
        .map(e -> e.getString("type")).toList();
    assertEquals(List.of("throttle-logins", "set-parameter", "add-supernodes", "set-defence", "end-of-run"), kept);
    assertTrue(removal.config().getList(Triggers.BOTNETS).isEmpty());
  }

  @Test
  void theControlExperimentHasNoTriggerAndTheSameEverythingElse() {
    Experiment run = Experiments.read(scenario(), OptionalLong.empty());
    Experiment control = Experiments.read(Triggers.removeFrom(scenario()).config(), OptionalLong.empty());
    OverlayModel runModel = (OverlayModel) run.model();
    OverlayModel controlModel = (OverlayModel) control.model();
    assertTrue(runModel.triggerWindowMicros().isPresent());
    assertTrue(controlModel.triggerWindowMicros().isEmpty(), "no restart burst, no botnet");
    assertTrue(controlModel.params().timeline().restartBursts().isEmpty());
    assertEquals(runModel.params().timeline().events().stream()
            .filter(e -> !(e instanceof TimelineEvent.RestartBurst)).toList(),
        controlModel.params().timeline().events());
    assertEquals(run.durationMicros(), control.durationMicros(), "the end-of-run event stays");
    assertEquals(runModel.params().population(), controlModel.params().population());
  }

  @Test
  void aScenarioWithoutTriggersIsLeftAsItWas() {
    Config plain = ConfigFactory.parseString("patchstorm.overlay.peers = 200")
        .withFallback(ConfigFactory.defaultReference()).resolve();
    Triggers.Removal removal = Triggers.removeFrom(plain);
    assertTrue(removal.removed().isEmpty());
    assertEquals(plain.getList(Triggers.TIMELINE), removal.config().getList(Triggers.TIMELINE));
    assertEquals(plain.getList(Triggers.BOTNETS), removal.config().getList(Triggers.BOTNETS));
  }
}
