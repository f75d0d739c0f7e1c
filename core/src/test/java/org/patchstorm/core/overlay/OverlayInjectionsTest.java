package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.overlay.OverlayMessage.Injected;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.RequestKind;
import org.patchstorm.core.overlay.attack.TargetKind;

class OverlayInjectionsTest {

  private static OverlayModel model(int dedicatedPool) {
    OverlayParams p = OverlayScenarios.skype2007(1000);
    OverlayParams.Infrastructure i = p.infrastructure();
    p = p.withInfrastructure(new OverlayParams.Infrastructure(i.bootstrapSupernodes(), i.bootstrapMaxClients(),
        i.bootstrapMessageRate(), dedicatedPool, i.bootstrapRateScales()));
    AttackParams attack = AttackParams.none().withBotnets(List.of(new Botnet("claimed", 5, 1, HOUR, 2 * HOUR, 0, 0,
        0, TargetKind.LOGIN_SERVERS, 0, -1, RequestKind.LOGIN, 1)));
    return OverlayModel.create(p, attack, 1);
  }

  private static String refusal(OverlayModel m, String text) {
    return assertThrows(InjectionRefused.class, () -> m.injections().prepare(text, "the dashboard")).getMessage();
  }

  @Test
  void anEntryIsReadByTheExperimentsRulesAndRefusedNamingTheKey() {
    OverlayModel m = model(0);
    String fraction = refusal(m, "{ type = restart-burst, window = 1m, fraction = 2, selector = all,"
        + " downtime { type = constant, value = 1m }, exit = crash, include-supernodes = true }");
    assertEquals("Refused the dashboard, key fraction: expected a fraction between 0 and 1, got 2.", fraction);
    String unknown = refusal(m, "{ type = set-parameter, key = healing.colour, value = 1 }");
    assertTrue(unknown.startsWith("Refused the dashboard, key key: unknown settable parameter \"healing.colour\""), unknown);
    String misspelt = refusal(m, "{ type = throttle-logins, per-second = 5, per-secnd = 6 }");
    assertTrue(misspelt.contains("per-secnd") && misspelt.contains("unknown key"), misspelt);
    String bareNumber = refusal(m, "{ type = set-parameter, at = 10, key = healing.min-uptime, value = 1m }");
    assertTrue(bareNumber.contains("key at") && bareNumber.contains("add a unit"), bareNumber);
    String botnet = refusal(m, "{ type = start-botnet, botnet = mirai }");
    assertTrue(botnet.contains("key botnet") && botnet.contains("claimed"), botnet);
    String end = refusal(m, "{ type = end-of-run }");
    assertTrue(end.contains("end-of-run"), end);
    String pool = refusal(m, "{ type = add-supernodes, count = 10, max-clients = 4000, message-rate = 400 }");
    assertTrue(pool.contains("dedicated-pool"), pool);
  }

  @Test
  void anEntryWithoutATimeAsksForTheNextMomentAndIsRecordedWithItsTime() throws InjectionRefused {
    OverlayModel m = model(0);
    Injections.Prepared p = m.injections().prepare(
        "{ type = set-defence, key = admission.enabled, value = true }", "stdin");
    assertEquals(-1, p.requestedAtMicros());
    assertEquals("admission.enabled = 1", p.label());
    long lead = m.world().commandLeadMicros();
    assertEquals(lead, p.leadMicros());
    TimelineEvent recorded = TimelineEntry.read(p.timelineEntry(2 * HOUR), "recorded", m.world()).event();
    assertEquals(new TimelineEvent.SetDefence(2 * HOUR + lead, "admission.enabled", 1), recorded);
    List<Injections.Delivery> d = p.deliveries(2 * HOUR);
    assertEquals(List.of(new Injections.Delivery(m.world().coordinator(), new Injected(p.timelineEntry(2 * HOUR)))), d);

    Injections.Prepared at = m.injections().prepare(
        "{ type = stop-botnet, at = 90m, botnet = claimed }", "stdin");
    assertEquals(90 * MINUTE, at.requestedAtMicros());
  }

  @Test
  void addedSupernodesComeFromTheDeclaredPoolUntilItIsUsedUp() throws InjectionRefused {
    OverlayModel m = model(3); // made in code: the pool as given, counts as written
    assertEquals(3, m.world().dedicatedCount());
    String add = "{ type = add-supernodes, count = 2, max-clients = 4000, message-rate = 400 }";
    Injections.Prepared first = m.injections().prepare(add, "stdin");
    first.deliveries(HOUR);
    assertTrue(refusal(m, add).contains("1 are left"));
  }
}
