package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchstorm.core.metrics.MetricsTable;

/**
 * The shipped 2017 file at 20 k peers (its bots scale with the peers), as properties over
 * seeds: without the botnets nothing happens; with them users lose connectivity and the users
 * still on line lose messages and presence updates and wait long for contact searches, through
 * the first day; the configuration corrections of the second day (25:00 and 31:00) ease it while
 * the flood goes on. Whether the symptoms are concentrated in Europe is not measured (the
 * metrics have no per-region columns yet).
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

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void withoutTheBotnetsNothingHappens(long seed) {
    var r = ShippedExperiment.of("ddos-2017.conf", PEERS, "33h").control("1h").run(seed);
    assertEquals("NO_OUTAGE", r.verdict(), "control, seed " + seed + ": " + r.summary());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void theAttackShowsEverySymptomForADayAndTheCorrectionsEaseIt(long seed) {
    var r = ShippedExperiment.of("ddos-2017.conf", PEERS, "36h").run(seed);
    MetricsTable t = r.table();
    int start = 60;
    int lockout = 10 * 60;
    int corrections = 25 * 60;
    int eased = 34 * 60;
    int end = 36 * 60;
    String why = "seed " + seed + ": ";
    // Connectivity: when the users' log-ins rise with the morning the pool tips over and locks
    // out everyone who must log in.
    assertTrue(r.minOnline() < 0.5, why + "lowest online " + r.minOnline());
    double perMinuteBefore = sum(t, "login_successes", 0, start) / start;
    assertTrue(sum(t, "login_successes", lockout, corrections) < 0.2 * perMinuteBefore * (corrections - lockout),
        why + "log-ins fail until the corrections");
    // Messages, presence / call indicator and contact searches of the users still on line, from
    // the first hours on (Europe's supernodes are flooded).
    double imLatencyBefore = latency(t, "im_latency_ms_mean", "im_delivered", 0, start);
    double imLatencyDuring = latency(t, "im_latency_ms_mean", "im_delivered", start, lockout);
    double presenceBefore = success(t, "status_delivered", "status_failed", 0, start);
    double presenceDuring = success(t, "status_delivered", "status_failed", start, corrections);
    double searchDuring = success(t, "search_successes", "search_failures", start, lockout);
    assertTrue(presenceBefore > 0.98, why + "presence before " + presenceBefore);
    assertTrue(presenceDuring < 0.95, why + "presence during the first day " + presenceDuring);
    assertTrue(imLatencyDuring > 2 * imLatencyBefore, why + "IM latency " + imLatencyBefore + " -> " + imLatencyDuring);
    assertTrue(searchDuring < 0.98, why + "contact searches " + searchDuring);
    // Eased by the corrections while the flood goes on (it stops at 49:00).
    assertTrue(success(t, "im_delivered", "im_failed", eased, end) > 0.99, why + "IM after the corrections");
    assertTrue(success(t, "status_delivered", "status_failed", eased, end) > 0.98, why + "presence after");
    assertTrue(success(t, "search_successes", "search_failures", eased, end) > 0.98, why + "searches after");
    double attackBefore = sum(t, "attack_requests", corrections - 120, corrections);
    assertTrue(sum(t, "attack_requests", eased, end) > 0.9 * attackBefore, why + "the flood goes on");
    assertTrue(sum(t, "blocked", eased, end) > 0.2 * sum(t, "attack_requests", eased, end),
        why + "detected bots blocked");
    assertTrue(sum(t, "login_successes", eased, end) > perMinuteBefore * (end - eased), why + "log-ins succeed again");
  }
}
