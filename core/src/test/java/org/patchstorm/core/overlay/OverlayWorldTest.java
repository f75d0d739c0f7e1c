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

  /**
   * Served in their own region, the users on line at time 0 find as many supernodes per head in
   * every region: the run starts in the steady state. (Drawn by population, the evening
   * Americas had ~1.6 times the clients per supernode of the mean and lost presence updates
   * until promotions caught up.)
   */
  @Test
  void clientsServedInTheirRegionStartWithTheSameLoadInEveryRegion() {
    OverlayParams base = OverlayParams.defaults().withPeers(100_000);
    OverlayParams p = base.withClient(base.client().withRegionChoice(RegionChoice.OWN_FIRST));
    for (long seed = 1; seed <= 3; seed++) {
      OverlayWorld w = new OverlayWorld(p, seed);
      int regions = p.geography().regions().size();
      double[] supernodes = new double[regions];
      double[] clients = new double[regions];
      for (int sn : w.initialSupernodes()) {
        supernodes[w.region(sn)]++;
        clients[w.region(sn)] += w.initialClientsOf(sn).length;
      }
      double mean = java.util.Arrays.stream(clients).sum() / java.util.Arrays.stream(supernodes).sum();
      for (int r = 0; r < regions; r++) {
        double perSupernode = clients[r] / supernodes[r];
        assertTrue(Math.abs(perSupernode - mean) < 0.1 * mean,
            "seed " + seed + ", region " + r + ": " + perSupernode + " clients per supernode against " + mean);
      }
    }
  }
}
