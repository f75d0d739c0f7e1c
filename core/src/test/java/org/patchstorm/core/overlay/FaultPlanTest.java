package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.Restart;
import org.patchstorm.core.overlay.TimelineEvent.RestartBurst;
import org.patchstorm.core.overlay.TimelineEvent.Selector;
import org.patchstorm.core.overlay.dist.Distribution;

class FaultPlanTest {

  private static final int PEERS = 4000;
  private static final long[] SEEDS = {1, 2, 3, 17, 99};

  record Order(int target, Object command, long at) {}

  private static OverlayWorld world(long seed) {
    OverlayParams p = OverlayParams.defaults().withPeers(PEERS).withTimeline(Timeline.of(
        new TimelineEvent.AddSupernodes(HOUR, 3, 5000, 500)));
    return new OverlayWorld(p, seed);
  }

  private static RestartBurst burst(double fraction, Selector selector, long localTime, boolean supernodes) {
    return new RestartBurst(3 * HOUR, localTime, 20 * MINUTE, fraction, selector,
        Distribution.uniform(60, 300), false, supernodes, MINUTE);
  }

  private static List<Order> plan(OverlayWorld w, TimelineEvent e, long seed, int position) {
    List<Order> out = new ArrayList<>();
    new FaultPlan(w).plan(e, FaultPlan.stream(seed, e.at(), position), w.firstDedicated(),
        (target, command, at) -> out.add(new Order(target, command, at)));
    return out;
  }

  @Test
  void aBurstPicksItsFractionOfTheMatchingPeersAndNoOneElse() {
    for (long seed : SEEDS) {
      OverlayWorld w = world(seed);
      for (double fraction : new double[] {0.1, 0.5, 1.0}) {
        List<Order> orders = plan(w, burst(fraction, Selector.AUTO_UPDATE, -1, true), seed, 0);
        long matching = 0;
        for (int id = w.firstPeer(); id < w.firstAttacker(); id++) {
          matching += w.autoUpdate(id) ? 1 : 0;
        }
        for (Order o : orders) {
          assertTrue(w.isPeer(o.target()), "only ordinary peers: " + o.target());
          assertTrue(w.autoUpdate(o.target()), "only auto-updating peers");
        }
        assertEquals(orders.size(), orders.stream().mapToInt(Order::target).distinct().count(), "each once");
        double share = orders.size() / (double) matching;
        // Binomial: 4 standard deviations of the share at these sizes.
        double sd = Math.sqrt(fraction * (1 - fraction) / matching);
        assertEquals(fraction, share, 4 * sd + 1e-9, "seed " + seed + ", fraction " + fraction);
      }
    }
  }

  @Test
  void selectorsKeepToTheirPeers() {
    for (long seed : SEEDS) {
      OverlayWorld w = world(seed);
      for (Order o : plan(w, burst(1.0, Selector.ELIGIBLE, -1, true), seed, 0)) {
        assertTrue(w.eligible(o.target()));
      }
      for (Order o : plan(w, burst(1.0, Selector.AFFECTED_VERSION, -1, true), seed, 0)) {
        assertTrue(w.affectedVersion(o.target()));
      }
      assertEquals(PEERS, plan(w, burst(1.0, Selector.ALL, -1, true), seed, 0).size());
    }
  }

  @Test
  void restartsFallInTheWindowOrAtTheRegionsLocalTime() {
    // 03:00 local: Europe (UTC+1) at 02:00 UTC, the Americas (UTC-5) at 08:00, Asia (UTC+8) at
    // 19:00, Oceania (UTC+10) at 17:00; the burst is written for 00:00 so each is the first.
    long[] utcHour = {8, 2, 19, 17};
    for (long seed : SEEDS) {
      OverlayWorld w = world(seed);
      TimelineEvent.RestartBurst local = new RestartBurst(0, 3 * HOUR, 20 * MINUTE, 0.5, Selector.ALL,
          Distribution.constant(60), false, true, -1);
      for (Order o : plan(w, local, seed, 0)) {
        long opens = utcHour[w.region(o.target())] * HOUR;
        assertTrue(o.at() >= opens && o.at() < opens + 20 * MINUTE, "peer " + o.target() + " at " + o.at());
      }
      for (Order o : plan(w, burst(0.5, Selector.ALL, -1, true), seed, 0)) {
        assertTrue(o.at() >= 3 * HOUR && o.at() < 3 * HOUR + 20 * MINUTE);
        Restart r = (Restart) o.command();
        assertTrue(r.downtime() >= 60_000_000L && r.downtime() <= 300_000_000L, "downtime " + r.downtime());
        assertEquals(MINUTE, r.missedDelay());
      }
    }
  }

  @Test
  void whetherSupernodesTakePartTravelsWithTheCommandAndNeverChangesTheSelection() {
    for (long seed : SEEDS) {
      OverlayWorld w = world(seed);
      List<Order> with = plan(w, burst(0.3, Selector.ALL, -1, true), seed, 0);
      List<Order> without = plan(w, burst(0.3, Selector.ALL, -1, false), seed, 0);
      assertEquals(with.stream().map(Order::target).toList(), without.stream().map(Order::target).toList());
      assertTrue(with.stream().allMatch(o -> ((Restart) o.command()).includeSupernodes()));
      assertTrue(without.stream().noneMatch(o -> ((Restart) o.command()).includeSupernodes()));
    }
  }

  @Test
  void anEventsDrawsDependOnlyOnTheSeedItsTimeAndItsPlace() {
    OverlayWorld w = world(5);
    RestartBurst b = burst(0.3, Selector.ALL, -1, true);
    assertEquals(plan(w, b, 5, 0), plan(w, b, 5, 0), "the same event draws the same");
    assertNotEquals(plan(w, b, 5, 0), plan(w, b, 5, 1), "the second event of that time draws afresh");
    assertNotEquals(plan(w, b, 5, 0), plan(w, b, 6, 0), "another seed draws afresh");
  }

  @Test
  void operatorActionsReachWhoeverReadsTheirSetting() {
    OverlayWorld w = world(1);
    List<Order> admission = plan(w, new TimelineEvent.SetParameter(HOUR, "login.admission-rate", 5), 1, 0);
    assertEquals(w.loginServers(), admission.size(), "the login servers' own setting");
    assertTrue(admission.stream().allMatch(o -> w.isLoginServer(o.target()) && o.at() == HOUR));
    List<Order> healing = plan(w, new TimelineEvent.SetParameter(HOUR, "healing.self-shutdown", 0), 1, 0);
    assertEquals(w.firstAttacker() - w.firstBootstrap(), healing.size(), "every peer and operator supernode");
    List<Order> defence = plan(w, new TimelineEvent.SetDefence(HOUR, "admission.enabled", 1), 1, 0);
    assertEquals(w.firstAttacker(), defence.size(), "login servers and every peer");
    List<Order> wake = plan(w, new TimelineEvent.AddSupernodes(HOUR, 3, 4000, 400), 1, 0);
    assertEquals(List.of(w.firstDedicated(), w.firstDedicated() + 1, w.firstDedicated() + 2),
        wake.stream().map(Order::target).toList());
    assertFalse(wake.stream().anyMatch(o -> w.isPeer(o.target())));
  }

  @Test
  void aBotnetsBotsJoinOverItsRampAndAllStopAtOnce() {
    org.patchstorm.core.overlay.attack.Botnet b = new org.patchstorm.core.overlay.attack.Botnet("b", 4, 1, HOUR,
        2 * HOUR, 4 * MINUTE, 0, 0, org.patchstorm.core.overlay.attack.TargetKind.LOGIN_SERVERS, 0, -1,
        org.patchstorm.core.overlay.attack.RequestKind.LOGIN, 1);
    OverlayWorld w = new OverlayWorld(OverlayParams.defaults().withPeers(200),
        org.patchstorm.core.overlay.attack.AttackParams.none().withBotnets(List.of(b)), 1);
    List<Order> start = plan(w, new TimelineEvent.StartBotnet(3 * HOUR, "b"), 1, 0);
    assertEquals(List.of(w.firstAttacker(), w.firstAttacker() + 1, w.firstAttacker() + 2, w.firstAttacker() + 3),
        start.stream().map(Order::target).toList());
    assertEquals(List.of(3 * HOUR, 3 * HOUR + MINUTE, 3 * HOUR + 2 * MINUTE, 3 * HOUR + 3 * MINUTE),
        start.stream().map(Order::at).toList(), "one bot a minute over the 4-minute ramp");
    assertTrue(start.stream().allMatch(o -> o.command().equals(new OverlayMessage.BotStart(3 * HOUR))));
    List<Order> stop = plan(w, new TimelineEvent.StopBotnet(4 * HOUR, "b"), 1, 0);
    assertEquals(4, stop.size());
    assertTrue(stop.stream().allMatch(o -> o.at() == 4 * HOUR && o.command() instanceof OverlayMessage.BotStop));
  }
}
