package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.ClientSession.State;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.RegionMetrics.Count;
import org.patchstorm.core.overlay.RegionMetrics.Latency;
import org.patchstorm.core.overlay.ServiceProbes.Relayed;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.defence.ServerGuard;

class RegionMetricsTest {

  @Test
  void eachRegionGetsABlockInTheConfigurationsOrderAndEveryIndexNamesItsColumn() {
    List<OverlayParams.Region> regions = List.of(new OverlayParams.Region("zulu", 0, 1),
        new OverlayParams.Region("alpha", 3, 2), new OverlayParams.Region("mid", -3, 1));
    MetricsSchema schema = RegionMetrics.schema(regions);
    int fixed = OverlayMetrics.SCHEMA.counters().size();
    assertEquals(fixed + 3 * Count.values().length, schema.counters().size());
    assertEquals("zulu_peers_up", schema.counters().get(fixed).column(), "listed order, not sorted");
    assertEquals("alpha_peers_up", schema.counters().get(fixed + Count.values().length).column());
    for (int r = 0; r < regions.size(); r++) {
      String name = regions.get(r).name();
      for (Count c : Count.values()) {
        assertEquals(name + "_" + c.measure, schema.counters().get(RegionMetrics.counter(r, c)).column());
      }
      for (Latency l : Latency.values()) {
        assertEquals(name + "_" + l.measure, schema.histograms().get(RegionMetrics.histogram(r, l)).column());
      }
    }
    assertTrue(schema.columns().contains("mid_im_latency_ms_mean"), schema.columns().toString());
    assertEquals(schema.columns().size(), new java.util.HashSet<>(schema.columns()).size(), "unique names");
  }

  /** A relayed message counts against the region where it went wrong; a search, the searcher's. */
  @Test
  void outcomesCountInTheRegionOfTheUserConcerned() {
    OverlayParams params = OverlayScenarios.skype2007(2000).withTimeline(Timeline.empty());
    AttackParams attack = AttackParams.none().withService(AttackParams.lightProbes());
    OverlayWorld world = new OverlayWorld(params, attack, 7);
    int receiver = world.firstPeer();
    int sender = receiver + 1;
    while (world.region(sender) == world.region(receiver)) {
      sender++;
    }
    int to = world.region(receiver);
    int from = world.region(sender);
    PeerIdentity self = PeerIdentity.of(world, receiver);
    ServiceProbes probes = new ServiceProbes(self);
    FakeContext ctx = new FakeContext(receiver, 1);
    ctx.now = 2_000_000;
    // Delivered: the sender's region, with its latency.
    probes.onRelayable(ctx, Relayed.IM, sender, receiver, 1_500_000, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(RegionMetrics.counter(from, Count.IM_DELIVERED)));
    assertEquals(0, ctx.counter(RegionMetrics.counter(to, Count.IM_DELIVERED)));
    assertEquals(List.of(500_000L), ctx.histograms.get(RegionMetrics.histogram(from, Latency.IM)));
    // The addressee cannot be reached: it cannot receive, its region's failure.
    probes.onRelayable(ctx, Relayed.STATUS, sender, receiver, 1_900_000, true, null, State.CONNECTING);
    assertEquals(1, ctx.counter(RegionMetrics.counter(to, Count.STATUS_FAILED)));
    assertEquals(0, ctx.counter(RegionMetrics.counter(from, Count.STATUS_FAILED)));
    // Too late (past the 5 s deadline): held on the sender's side.
    ctx.now = 20_000_000;
    probes.onRelayable(ctx, Relayed.STATUS, sender, receiver, 0, true, null, State.ONLINE);
    assertEquals(1, ctx.counter(RegionMetrics.counter(from, Count.STATUS_FAILED)));
    // Dropped by the sender's full supernode queue (here the receiver serves): the sender's.
    SupernodeRole role = new SupernodeRole(self, 1, ServerGuard.forSupernode(), 0);
    role.admit(ctx, params.supernode().queueCapacity());
    probes.onRelayable(ctx, Relayed.IM, sender, world.firstPeer() + 50, ctx.now, false, role, State.ONLINE);
    assertEquals(1, ctx.counter(RegionMetrics.counter(from, Count.IM_FAILED)));
    assertEquals(ctx.counter(OverlayMetrics.IM_FAILED), ctx.counter(RegionMetrics.counter(from, Count.IM_FAILED)));
    // A search answered: the searcher's region.
    probes.onTimer(ctx, params, PeerTimer.SEARCH_SEND, role, receiver, 0);
    long sentAt = ctx.now;
    ctx.now += 300_000;
    probes.onSearchReply(ctx, new SearchReply(receiver, sentAt), State.ONLINE);
    assertEquals(1, ctx.counter(RegionMetrics.counter(to, Count.SEARCH_SUCCESSES)));
    assertEquals(List.of(300_000L), ctx.histograms.get(RegionMetrics.histogram(to, Latency.SEARCH)));
  }

  /**
   * In a run with an attack on one region, every row's regional columns add up to the overall
   * column: no user's figure is lost or counted twice on any path.
   */
  @Test
  void theRegionsAddUpToTheWholeInEveryRowOfARun() {
    MetricsTable t = ShippedExperiment.of("ddos-2017.conf", 2000, "4h").run(3).table();
    List<String> regions = List.of("americas", "europe", "asia", "oceania");
    String[] measures = {"peers_up", "online", "im_delivered", "im_failed", "status_delivered", "status_failed",
        "search_successes", "search_failures"};
    for (String measure : measures) {
      double[] whole = t.column(measure);
      double total = 0;
      for (int row = 0; row < t.rowCount(); row++) {
        double sum = 0;
        for (String region : regions) {
          sum += t.column(region + "_" + measure)[row];
        }
        assertEquals(whole[row], sum, 1e-9, measure + " at row " + row);
        total += whole[row];
      }
      assertTrue(total > 0, measure + " never counted: nothing to compare");
    }
  }
}
