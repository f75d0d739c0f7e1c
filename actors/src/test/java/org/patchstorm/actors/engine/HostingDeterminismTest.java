package org.patchstorm.actors.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.OrderProbeModel;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.OverlayParams;
import org.patchstorm.core.overlay.OverlayScenarios;
import org.patchstorm.core.overlay.AttackScenarios;

/**
 * Both hostings (entities inside their partition, and every entity an actor of its own) give the
 * sequential reference's metrics exactly, on 1 and 3 partitions, for the three outages at small
 * scale: the 2007 reboot storm, the 2010 supernode crash and the 2017 flood of Europe's
 * supernodes (whose bots are entities too). The order probe turns any difference in delivery order into different numbers.
 */
@Timeout(300)
class HostingDeterminismTest {
  private static final long SEED = 5;
  private static final long HOUR = OverlayParams.HOUR;
  private static final long MINUTE = OverlayParams.MINUTE;

  /** A model, how long to run it, and the sequential reference's table. */
  record Scenario(String name, Model model, long endMicros, long reportMicros, MetricsTable reference) {
    static Scenario of(String name, Model model, long endMicros, long reportMicros) {
      return new Scenario(name, model, endMicros, reportMicros,
          new SequentialRunner(model, SEED).run(endMicros, reportMicros));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // 1,500-2,000 peers, the shipped scenarios' first hours (2010 and 2017 start at 01:00).
  private static final Scenario STORM_2007 = Scenario.of("2007 storm",
      OverlayModel.create(OverlayScenarios.skype2007(2000), SEED), 4 * HOUR, MINUTE);
  private static final Scenario CRASH_2010 = Scenario.of("2010 crash",
      crash2010(), 2 * HOUR, MINUTE);
  private static final Scenario FLOOD_2017 = Scenario.of("2017 flood",
      flood2017(), 2 * HOUR, MINUTE);
  private static final Scenario PROBE = Scenario.of("order probe",
      new OrderProbeModel(601), 60_000, 10_000);

  private static Model crash2010() {
    AttackScenarios.Scenario s = AttackScenarios.skype2010(1500);
    return OverlayModel.create(s.overlay(), s.attack(), SEED);
  }

  private static Model flood2017() {
    AttackScenarios.Scenario s = AttackScenarios.ddos2017(1500);
    return OverlayModel.create(s.overlay(), s.attack(), SEED);
  }

  static Stream<Arguments> runs() {
    return Stream.of(PROBE, STORM_2007, CRASH_2010, FLOOD_2017)
        .flatMap(s -> Stream.of(Hosting.values())
            .flatMap(h -> Stream.of(1, 3).map(p -> Arguments.of(s, h, p))));
  }

  @ParameterizedTest(name = "{0}, {1}, {2} partitions")
  @MethodSource("runs")
  void everyHostingEqualsTheSequentialReference(Scenario scenario, Hosting hosting, int partitions) {
    Runs.Result run = Runs.onActors(scenario.model(), SEED, partitions, scenario.endMicros(),
        scenario.reportMicros(), 2, hosting);
    assertTrue(run.outcome().completed(), run.outcome().failure());
    Runs.assertSameTable(scenario.reference(), run.table(),
        scenario + ", " + hosting + ", " + partitions + " partitions");
  }

  @Test
  void theReferencesAreNotTrivial() {
    // Guards the comparisons against passing on quiet tables: every outage moves its peers (the
    // 2017 flood its supernodes' queues: Europe's users stay on line and lose messages).
    for (Scenario s : new Scenario[] {STORM_2007, CRASH_2010, FLOOD_2017}) {
      double[] online = s.reference().column("online");
      double max = Arrays.stream(online).max().orElse(0);
      double min = Arrays.stream(online, online.length / 2, online.length).min().orElse(0);
      assertTrue(max > 200, s + ": online peaks at " + max);
      if (s == FLOOD_2017) {
        double dropped = s.reference().sum("msgs_dropped");
        assertTrue(dropped > 1000, s + ": messages dropped " + dropped + ", junk sent "
            + s.reference().sum("attack_requests") + ", presence lost " + s.reference().sum("status_failed"));
      } else {
        assertTrue(min < 0.9 * max, s + ": online dips only to " + min + " of " + max);
      }
      assertTrue(s.reference().sum("login_attempts") > 100,
          s + ": log-ins " + s.reference().sum("login_attempts"));
    }
  }
}
