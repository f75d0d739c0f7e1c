package org.patchstorm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.OverlaySettings;
import org.patchstorm.core.overlay.defence.Defences;

class SettableKeysTest {

  private static final Config REFERENCE = ConfigFactory.defaultReference().resolve();

  /** Each key, read from its place in reference.conf by its own type and range. */
  private static <T> void eachKeyReadsItsDefault(SettableKeys<T> keys, String section) {
    for (SettableKeys.Key<T> key : keys.keys()) {
      String path = section + "." + key.name();
      assertTrue(REFERENCE.hasPath(path), path + " is not in reference.conf");
      Config one = ConfigFactory.empty().withValue("value", REFERENCE.getValue(path));
      double value = key.read(Settings.root(one, ""), "value");
      assertTrue(value >= key.min() && value <= key.max(), path + " default " + value + " out of its range");
    }
  }

  @Test
  void everySettableParameterAndDefenceIsAReferenceKeyOfItsType() {
    eachKeyReadsItsDefault(OverlayParams.SETTABLE, "patchstorm.overlay");
    eachKeyReadsItsDefault(Defences.SETTABLE, "patchstorm.overlay.defences");
  }

  @Test
  void settingAKeyChangesWhatItNamesAndTheReaderAgrees() {
    // The base reader of reference.conf and the setter must land on the same field: read a
    // changed default and compare with the setter's result.
    OverlayParams base = read(REFERENCE);
    for (SettableKeys.Key<OverlayParams> key : OverlayParams.SETTABLE.keys()) {
      String path = "patchstorm.overlay." + key.name();
      Config one = ConfigFactory.empty().withValue("value", REFERENCE.getValue(path));
      double old = key.read(Settings.root(one, ""), "value");
      double v = switch (key.type()) {
        case BOOLEAN -> 1 - old;
        case DURATION -> old + 60_000_000L;
        case FRACTION -> old <= 0.99 ? old + 0.01 : old - 0.01;
        case INTEGER, NUMBER -> Math.min(key.max(), old * 2 + 17);
      };
      Object written = switch (key.type()) {
        case BOOLEAN -> v != 0;
        case DURATION -> key.render(v);
        default -> v;
      };
      OverlayParams fromFile = read(REFERENCE.withValue(path, ConfigValueFactory.fromAnyRef(written)));
      OverlayParams set = base.with(key.name(), v);
      assertEquals(List.of(fromFile.healing(), fromFile.login(), fromFile.supernode()),
          List.of(set.healing(), set.login(), set.supernode()), key.name());
      assertNotEquals(List.of(base.healing(), base.login(), base.supernode()),
          List.of(set.healing(), set.login(), set.supernode()), key.name() + " changed nothing");
    }
  }

  private static OverlayParams read(Config c) {
    return OverlaySettings.read(Settings.root(c.withValue("patchstorm.overlay.scale-capacity-to-peers",
        ConfigValueFactory.fromAnyRef(false)), "patchstorm.overlay"));
  }

  @Test
  void referenceConfDocumentsEverySettableKey() throws java.io.IOException {
    String reference;
    try (var in = SettableKeysTest.class.getResourceAsStream("/reference.conf")) {
      reference = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String timelineDoc = reference.substring(reference.indexOf("set-parameter {"), reference.indexOf("throttle-logins {"));
    for (String name : OverlayParams.SETTABLE.names()) {
      assertTrue(timelineDoc.contains(name), "set-parameter key " + name + " is not documented");
    }
    for (String name : Defences.SETTABLE.names()) {
      assertTrue(timelineDoc.contains(name), "set-defence key " + name + " is not documented");
    }
  }

  @Test
  void anUnknownKeyIsRefusedWithEveryKeyListed() {
    Config event = ConfigFactory.parseString("key = healing.colour, value = 1");
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> OverlayParams.SETTABLE.read(Settings.root(event, "")));
    assertEquals("key", p.key());
    for (String name : OverlayParams.SETTABLE.names()) {
      assertTrue(p.problem().contains(name), p.problem());
    }
  }

  @Test
  void valuesAreReadByTheKeysTypeAndRenderedBackAsWritten() {
    SettableKeys.Key<OverlayParams> minUptime = OverlayParams.SETTABLE.find("healing.min-uptime");
    ConfigProblem bare = assertThrows(ConfigProblem.class,
        () -> minUptime.read(Settings.root(ConfigFactory.parseString("value = 10"), ""), "value"));
    assertTrue(bare.problem().contains("add a unit"), bare.problem());
    assertEquals("10m", minUptime.render(600_000_000L));
    assertEquals("true", OverlayParams.SETTABLE.find("healing.self-shutdown").render(1));
    assertEquals(List.of(0, 1, 2), OverlayParams.SETTABLE.keys().subList(0, 3).stream().map(SettableKeys.Key::code).toList());
  }
}
