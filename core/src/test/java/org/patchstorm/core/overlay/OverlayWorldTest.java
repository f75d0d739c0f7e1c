package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayMessage.Timer;
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
    assertEquals(1014, w.entityCount());
    assertEquals(OverlayParams.HOUR, w.dedicatedActivation(12));
    assertEquals(5000, w.dedicatedMaxClients(13));
  }

  @Test
  void restartAtLocalThreeOClockFollowsTheTimeZone() {
    // Every peer restarts at 03:00 local time, no spread: Europe (UTC+1) at 02:00 UTC,
    // the Americas (UTC-5) at 08:00 UTC, Asia (UTC+8) at 19:00 UTC, Oceania (UTC+10) 17:00 UTC.
    OverlayParams p = OverlayParams.defaults().withPeers(200).withTimeline(Timeline.of(
        new TimelineEvent.RestartBurst(0, 3 * OverlayParams.HOUR, 0, 1.0, TimelineEvent.Selector.ALL,
            Distribution.constant(60), false, true, -1)));
    OverlayWorld w = new OverlayWorld(p, 3);
    long[] expectedUtcHour = {8, 2, 19, 17};
    for (int id = w.firstPeer(); id < w.firstPeer() + 40; id++) {
      FakeContext ctx = new FakeContext(id, id);
      new PeerEntity(w, id).start(ctx);
      long restart = ctx.scheduled.stream()
          .filter(s -> s.message() instanceof Timer t && t.kind() == PeerTimer.RESTART.code)
          .mapToLong(FakeContext.Scheduled::delay).findFirst().orElseThrow();
      assertEquals(expectedUtcHour[w.region(id)] * OverlayParams.HOUR, restart, "peer " + id);
    }
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
