package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.dist.Distribution;

class OverlayWorldTest {

  @Test
  void idLayoutPutsLoginServersBootstrapDedicatedThenPeers() {
    OverlayParams p = OverlayParams.defaults().withPeers(1000).withTimeline(Timeline.of(
        new TimelineEvent.AddSupernodes(OverlayParams.HOUR, 3, 5000, 500)));
    OverlayWorld w = new OverlayWorld(p, 1);
    assertEquals(4, w.loginServers());
    assertEquals(4, w.firstBootstrap());
    assertEquals(11, w.firstDedicated());
    assertEquals(14, w.firstPeer());
    assertEquals(1014, w.coordinator(), "the coordinator comes last, after the peers (and bots)");
    assertEquals(1015, w.entityCount());
    assertEquals(3, w.dedicatedCount());
  }

  @Test
  void aDedicatedPoolLargerThanTheTimelineKeepsTheRestDormantAndMovesNoPeer() {
    OverlayParams p = OverlayParams.defaults().withPeers(1000).withTimeline(Timeline.of(
        new TimelineEvent.AddSupernodes(OverlayParams.HOUR, 3, 5000, 500)));
    OverlayParams.Infrastructure i = p.infrastructure();
    OverlayWorld pooled = new OverlayWorld(p.withInfrastructure(new OverlayParams.Infrastructure(
        i.bootstrapSupernodes(), i.bootstrapMaxClients(), i.bootstrapMessageRate(), 10, false)), 1);
    assertEquals(10, pooled.dedicatedCount());
    assertEquals(21, pooled.firstPeer());
  }

  @Test
  void sameSeedGivesTheSameSeriesAndAnotherSeedDoesNot() {
    OverlayParams p = OverlayScenarios.skype2007Fixed(2000).withTimeline(Timeline.of(
        new TimelineEvent.RestartBurst(10 * OverlayParams.MINUTE, -1, 5 * OverlayParams.MINUTE, 0.3,
            TimelineEvent.Selector.ALL, Distribution.uniform(30, 90), true, true, -1)));
    MetricsTable a = new SequentialRunner(OverlayModel.create(p, 5), 5).run(OverlayParams.HOUR, OverlayParams.MINUTE);
    MetricsTable b = new SequentialRunner(OverlayModel.create(p, 5), 5).run(OverlayParams.HOUR, OverlayParams.MINUTE);
    MetricsTable c = new SequentialRunner(OverlayModel.create(p, 6), 6).run(OverlayParams.HOUR, OverlayParams.MINUTE);
    for (String column : a.columns()) {
      assertArrayEquals(a.column(column), b.column(column), column);
    }
    assertTrue(a.sum("restarts") > 0);
    assertTrue(!java.util.Arrays.equals(a.column("login_attempts"), c.column("login_attempts")));
  }
}
