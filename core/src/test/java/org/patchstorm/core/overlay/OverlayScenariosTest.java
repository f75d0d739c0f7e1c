package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.RequestKind;
import org.patchstorm.core.overlay.attack.TargetKind;

class OverlayScenariosTest {

  private static final Config DEFAULTS = ConfigFactory.parseResources("reference.conf");

  private static Botnet botnet(int bots, int targetCount) {
    return new Botnet("b", bots, 10, HOUR, 2 * HOUR, 5 * MINUTE, 0, 0, TargetKind.RANDOM_SUPERNODES, targetCount,
        -1, RequestKind.RELAY, 3);
  }

  @Test
  void botsAndTheirTargetCountScaleWithThePeersButNotABotsRate() {
    AttackParams attack = AttackParams.none().withBotnets(List.of(botnet(600, 40), botnet(3, 0)));
    List<Botnet> at20k = OverlayScenarios.scaleBots(attack, 20_000).botnets();
    assertEquals(120, at20k.get(0).bots());
    assertEquals(8, at20k.get(0).targetCount());
    assertEquals(10, at20k.get(0).ratePerBot());
    assertEquals(3, at20k.get(0).unitsPerRequest());
    assertEquals(1, at20k.get(1).bots(), "at least one bot");
    assertEquals(0, at20k.get(1).targetCount(), "0 (all targets) stays all");
    assertEquals(attack, OverlayScenarios.scaleBots(attack, 100_000), "written for 100 k peers");
  }

  private static OverlayModel shipped2017(String... overrides) {
    Config config = ExperimentFiles.load(Path.of("..", "config", "ddos-2017.conf"), List.of(overrides), DEFAULTS);
    return OverlayModel.fromSettings(Settings.root(config, "patchstorm").child("overlay"), 1);
  }

  @Test
  void anExperimentsBotsFollowItsPeerCountUnlessScalingIsOff() {
    int shipped = shipped2017().world().attack().botnets().get(0).bots();
    assertEquals(shipped / 5,
        shipped2017("patchstorm.overlay.peers=20000").world().attack().botnets().get(0).bots());
    assertEquals(shipped, shipped2017("patchstorm.overlay.peers=20000",
        "patchstorm.overlay.scale-capacity-to-peers=false").world().attack().botnets().get(0).bots());
  }
}
