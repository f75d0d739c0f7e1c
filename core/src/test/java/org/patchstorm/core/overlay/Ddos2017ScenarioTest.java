package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The shipped 2017 file at 20 k peers (its bots scale with the peers), as properties over
 * seeds, each with its control: the flood of Europe's supernodes leaves Europe's users, and
 * far less the others, losing presence updates and messages and waiting for their contact adds
 * and messages through the first day, and on the first morning fewer of Europe's users on line (the
 * flood saturates their supernodes' links, and they are served in their own region only); the
 * configuration corrections of the second day (25:00 and 31:00) ease it while the flood goes
 * on. Without the botnets nothing happens and no region differs from the others, from the first
 * minutes on.
 */
class Ddos2017ScenarioTest {

  private static final int PEERS = 20_000;

  /** Share of {@code ok} in {@code ok + failed} over report rows [from, to) (row i = minute i+1). */
  static double success(MetricsTable t, String ok, String failed, int from, int to) {
    double good = sum(t, ok, from, to);
    return good / (good + sum(t, failed, from, to));
  }

  static double sum(MetricsTable t, String column, int from, int to) {
    double[] c = t.column(column);
    double total = 0;
    for (int i = from; i < to; i++) {
      total += c[i];
    }
    return total;
  }

  /** Mean of a latency column over rows [from, to), weighted by {@code count} (NaN rows have none). */
  static double latency(MetricsTable t, String column, String count, int from, int to) {
    double[] l = t.column(column);
    double[] n = t.column(count);
    double sum = 0;
    double weight = 0;
    for (int i = from; i < to; i++) {
      if (n[i] > 0) {
        sum += l[i] * n[i];
        weight += n[i];
      }
    }
    return sum / weight;
  }

  /** Europe's columns, and the other regions' added up. */
  private static final String EUROPE = "europe_";
  private static final List<String> REST = List.of("americas_", "asia_", "oceania_");

  static double success(MetricsTable t, List<String> regions, String ok, String failed, int from, int to) {
    double good = 0;
    double bad = 0;
    for (String r : regions) {
      good += sum(t, r + ok, from, to);
      bad += sum(t, r + failed, from, to);
    }
    return good / (good + bad);
  }

  static double latency(MetricsTable t, List<String> regions, String measure, String count, int from, int to) {
    double sum = 0;
    double weight = 0;
    for (String r : regions) {
      double w = sum(t, r + count, from, to);
      if (w > 0) {
        sum += latency(t, r + measure, r + count, from, to) * w;
        weight += w;
      }
    }
    return sum / weight;
  }

  /** Users on line in {@code regions}, summed over rows [from, to). */
  static double online(MetricsTable t, List<String> regions, int from, int to) {
    return regions.stream().mapToDouble(r -> sum(t, r + "online", from, to)).sum();
  }

  /**
   * Europe's and the rest's figures over rows [from, to): presence, searches (contact adds) and
   * IMs delivered, and the IMs' and contact adds' latency.
   */
  private record Gap(double presenceEurope, double presenceRest, double searchEurope, double searchRest,
      double imEurope, double imRest, double imLatencyEurope, double imLatencyRest, double searchLatencyEurope,
      double searchLatencyRest) {
    static Gap of(MetricsTable t, int from, int to) {
      List<String> europe = List.of(EUROPE);
      return new Gap(success(t, europe, "status_delivered", "status_failed", from, to),
          success(t, REST, "status_delivered", "status_failed", from, to),
          success(t, europe, "search_successes", "search_failures", from, to),
          success(t, REST, "search_successes", "search_failures", from, to),
          success(t, europe, "im_delivered", "im_failed", from, to),
          success(t, REST, "im_delivered", "im_failed", from, to),
          latency(t, europe, "im_latency_ms_mean", "im_delivered", from, to),
          latency(t, REST, "im_latency_ms_mean", "im_delivered", from, to),
          latency(t, europe, "search_latency_ms_mean", "search_successes", from, to),
          latency(t, REST, "search_latency_ms_mean", "search_successes", from, to));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void europeSuffersTheFirstDayTheCorrectionsEaseItAndTheControlShowsNoGap(long seed) {
    var r = ShippedExperiment.of("ddos-2017.conf", PEERS, "36h").run(seed);
    var control = ShippedExperiment.of("ddos-2017.conf", PEERS, "36h").control("1h").run(seed);
    MetricsTable t = r.table();
    MetricsTable c = control.table();
    int start = 60;
    int corrections = 25 * 60;
    int eased = 33 * 60;
    int end = 36 * 60;
    String why = "seed " + seed + ": ";
    // Without the botnets: no outage, and Europe like the rest.
    assertEquals("NO_OUTAGE", control.verdict(), why + "control: " + control.summary());
    // The run starts in its steady state: no region loses presence updates in the first half
    // hour (the Americas lost ~40% while the initial supernodes followed the population).
    for (String region : List.of("americas_", "europe_", "asia_", "oceania_")) {
      double first = success(c, List.of(region), "status_delivered", "status_failed", 0, 30);
      assertTrue(first > 0.97, why + region + "presence in the first half hour " + first);
    }
    Gap calm = Gap.of(c, start, corrections);
    assertTrue(Math.abs(calm.presenceEurope() - calm.presenceRest()) < 0.01, why + "control " + calm);
    assertTrue(Math.abs(calm.searchEurope() - calm.searchRest()) < 0.01, why + "control " + calm);
    assertTrue(calm.imLatencyEurope() < 1.3 * calm.imLatencyRest(), why + "control " + calm);
    // The first day under attack: Europe clearly worse than the rest, the rest near normal.
    Gap attacked = Gap.of(t, start, corrections);
    assertTrue(attacked.presenceEurope() < attacked.presenceRest() - 0.08, why + "presence " + attacked);
    // Contact adds: the client asks again until the directory answers, so they are slow (some
    // fail after all their tries).
    assertTrue(attacked.searchLatencyEurope() > 3 * attacked.searchLatencyRest(), why + "contact adds " + attacked);
    assertTrue(attacked.searchEurope() < attacked.searchRest(), why + "contact searches " + attacked);
    // Messages: most of Europe's are lost with the junk on the saturated links, the rest late.
    assertTrue(attacked.imEurope() < attacked.imRest() - 0.1, why + "IMs delivered " + attacked);
    assertTrue(attacked.imLatencyEurope() > 1.5 * attacked.imLatencyRest(), why + "IM latency " + attacked);
    assertTrue(attacked.presenceRest() > 0.97, why + "the rest sees little: " + attacked);
    // Connectivity: on the first morning (02-08 h) Europe's users lose their saturated
    // supernodes and cannot all get back (fewer on line than in the control), the rest as many.
    int morning = 2 * 60;
    int noon = 8 * 60;
    double europeOnline = online(t, List.of(EUROPE), morning, noon) / online(c, List.of(EUROPE), morning, noon);
    double restOnline = online(t, REST, morning, noon) / online(c, REST, morning, noon);
    assertTrue(europeOnline < 0.97, why + "Europe on line against the control " + europeOnline);
    assertTrue(restOnline > 0.98, why + "the rest on line against the control " + restOnline);
    // Eased by the corrections while the flood goes on (it stops at 49:00).
    Gap after = Gap.of(t, eased, end);
    // (Within a few percent of the rest: a few undetected bots still fill a link now and then.)
    assertTrue(after.presenceEurope() > 0.94 && after.searchEurope() > 0.97 && after.imEurope() > 0.94,
        why + "after the corrections " + after);
    assertTrue(after.presenceEurope() > attacked.presenceEurope() + 0.3, why + "eased " + after);
    assertTrue(after.imLatencyEurope() < 2 * after.imLatencyRest(), why + "IM latency after " + after);
    assertTrue(after.searchLatencyEurope() < 2 * after.searchLatencyRest(), why + "contact adds after " + after);
    assertTrue(online(t, List.of(EUROPE), eased, end) > 0.97 * online(c, List.of(EUROPE), eased, end),
        why + "Europe back on line after the corrections");
    double attackBefore = sum(t, "attack_requests", corrections - 120, corrections);
    assertTrue(sum(t, "attack_requests", eased, end) > 0.9 * attackBefore * (end - eased) / 120.0,
        why + "the flood goes on");
    // Blocking acts only once switched on (the rest of the junk goes to bots' stale targets).
    assertEquals(0.0, sum(t, "blocked", start, corrections), why + "nothing blocked before the corrections");
    assertTrue(sum(t, "blocked", eased, end) > 0.05 * sum(t, "attack_requests", eased, end),
        why + "detected bots blocked");
  }
}
