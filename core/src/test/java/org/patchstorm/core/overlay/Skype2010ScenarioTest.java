package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The shipped 2010 files at 20 k peers, as properties over seeds: without the crash nothing
 * happens over the whole run (the operators' actions kept); with it the crash takes a share of the supernodes, the survivors get far more than
 * their usual traffic and quit, the number on line falls to between a twentieth and a third of
 * normal, is still below half of it an hour later (new supernodes are overrun: the overlay
 * holds what the operator's nodes hold), and then climbs back over two days, a slope and not a
 * step, to about 90% on day three; supernodes that stay up under overload hold the overlay.
 */
class Skype2010ScenarioTest {

  private static final int PEERS = 20_000;
  private static final int CRASH = 60;
  /** The crash, in hours into the run. */
  private static final double CRASH_H = 1;
  private static final Set<String> NO_OUTAGE = Set.of("NO_OUTAGE", "DEGRADED");

  static double mean(MetricsTable t, String column, int from, int to) {
    return Ddos2017ScenarioTest.sum(t, column, from, to) / (to - from);
  }

  /** The run's fraction of normal {@code hours} after the crash, from summary.json's reality points. */
  static double atHours(ShippedExperiment.Result r, double hours) {
    for (JsonNode p : r.summary().get("reality").get("points")) {
      if (p.get("hours_after_trigger").asDouble() == hours) {
        return p.get("run").asDouble();
      }
    }
    throw new AssertionError("no reality point at " + hours + " h");
  }

  /**
   * The control runs as long as the scenario: the operators' cap on log-ins (until 27 h) and
   * their mega-supernodes stay in it, and what they do to an ordinary day shows a day later,
   * when the users they turned away would come back. With a one-second token bucket the cap
   * refused ~9% of an ordinary day's log-ins at 20 k peers, ~1,500 users gave up and some lost
   * heart (seed 2 fell to 0.949 of normal at 35 h); with demotion below 50 clients half the
   * supernodes flapped and up to 1.9% of the users who wanted to be on line were not.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void withoutTheCrashNothingHappensOverTheWholeRun(long seed) {
    var r = ShippedExperiment.of("skype-2010.conf", PEERS, "50h").control("1h").run(seed);
    MetricsTable t = r.table();
    String why = "control, seed " + seed + ": ";
    assertEquals("NO_OUTAGE", r.verdict(), why + r.summary());
    assertEquals(0, t.sum("sn_shutdowns"), why + "no supernode quits on an ordinary day");
    assertTrue(t.sum("login_give_ups") < 0.01 * PEERS, why + "give-ups " + t.sum("login_give_ups"));
    for (int hour = 1; hour < 50; hour++) {
      int from = hour * 60;
      double up = Ddos2017ScenarioTest.sum(t, "peers_up", from, from + 60);
      double online = Ddos2017ScenarioTest.sum(t, "online", from, from + 60);
      assertTrue(online >= 0.995 * up, why + "hour " + hour + ": on line " + online / up + " of those up");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theCrashCascadesBelowAThirdAndTheOverlayClimbsBackOverTwoDays(long seed) {
    var r = ShippedExperiment.of("skype-2010.conf", PEERS, "50h").run(seed);
    MetricsTable t = r.table();
    String why = "seed " + seed + ": ";
    double supernodes = mean(t, "supernodes", CRASH - 20, CRASH);
    double afterCrash = 0;
    // The crash itself: supernodes down before the survivors start to quit.
    double[] sn = t.column("supernodes");
    double[] quits = t.column("sn_shutdowns");
    int row = CRASH;
    while (row < CRASH + 15 && quits[row] == 0) {
      afterCrash = sn[row];
      row++;
    }
    double lost = 1 - afterCrash / supernodes;
    // The crash group holds 28% of the supernodes; the survivors start to quit before it is over.
    assertTrue(lost > 0.1 && lost < 0.35, why + "supernodes the crash took before the first quit: " + lost);
    assertTrue(Ddos2017ScenarioTest.sum(t, "sn_shutdowns", CRASH, CRASH + 60) > 0.2 * supernodes,
        why + "overloaded supernodes quit");
    assertTrue(Ddos2017ScenarioTest.sum(t, "msgs_sent", CRASH, CRASH + 30) > 5 * mean(t, "msgs_sent", CRASH - 30, CRASH) * 30,
        why + "traffic to the supernodes far above normal");
    // The bottom: well below half, above the 4% of the model before the operators' bootstrap
    // nodes held their share (reality: a quarter).
    assertTrue(r.minOnline() > 0.05 && r.minOnline() < 0.35, why + "lowest " + r.minOnline());
    assertTrue(!NO_OUTAGE.contains(r.verdict()), why + r.verdict());
    // A metastable state: an hour after the crash, long after the crashed clients came back,
    // the overlay has not healed by itself.
    double hourAfter = mean(t, "online", CRASH + 55, CRASH + 65) / mean(t, "online", CRASH - 20, CRASH);
    assertTrue(hourAfter < 0.5, why + "an hour after: " + hourAfter);
    // It climbs back over two days, a slope and not a step (reality: half at 12 h, 80% the next
    // day, 90% on day three). The step model sat at a third until 14-20 h, was back in full
    // within three hours and flat from then on: 1.0 the next day, 0.45-0.5 gained in 3 h.
    double halfDay = r.fractionAt(CRASH_H + 12);
    double nextDay = r.fractionAt(CRASH_H + 24);
    double dayAndHalf = r.fractionAt(CRASH_H + 36);
    assertTrue(halfDay < 0.8, why + "half a day after: " + halfDay);
    assertTrue(nextDay > r.minOnline() + 0.3 && nextDay < 0.9, why + "the next day: " + nextDay);
    double dayThree = r.fractionAt(CRASH_H + 48);
    assertTrue(dayAndHalf > nextDay + 0.03 && dayAndHalf > halfDay + 0.15 && dayThree > dayAndHalf + 0.03,
        why + "still climbing: " + halfDay + " -> " + nextDay + " -> " + dayAndHalf + " -> " + dayThree);
    for (double h = CRASH_H + 1; h + 3 <= CRASH_H + 47; h++) {
      double gain = r.fractionAt(h + 3) - r.fractionAt(h);
      assertTrue(gain < 0.35, why + "a step: " + gain + " of normal gained from " + h + " h to " + (h + 3) + " h");
    }
    // Day three at 90%, not back in full: those who lost heart come back over days, some after
    // two (the 12-36 h model had everyone back by ~39 h and 0.98-1.04 at 48 h).
    assertTrue(atHours(r, 48) > 0.85 && atHours(r, 48) < 0.97, why + "day three: " + atHours(r, 48));
    double fortyTwo = r.fractionAt(CRASH_H + 42);
    assertTrue(fortyTwo < 0.95, why + "back to 95% before two days: " + fortyTwo + " at 42 h");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void supernodesThatStayUpUnderOverloadHoldTheOverlay(long seed) {
    var r = ShippedExperiment.of("skype-2010-defended.conf", PEERS, "8h").run(seed);
    assertEquals(0, r.table().sum("sn_shutdowns"), "nobody quits");
    var crashed = ShippedExperiment.of("skype-2010.conf", PEERS, "8h").run(seed);
    assertTrue(r.minOnline() > crashed.minOnline() + 0.2, "defended " + r.minOnline() + " vs " + crashed.minOnline());
  }
}
