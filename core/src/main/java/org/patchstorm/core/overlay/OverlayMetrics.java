package org.patchstorm.core.overlay;

import static org.patchstorm.core.metrics.MetricsSchema.CounterKind.LEVEL;
import static org.patchstorm.core.metrics.MetricsSchema.CounterKind.PER_INTERVAL;

import java.util.List;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.Counter;
import org.patchstorm.core.metrics.MetricsSchema.Histogram;
import org.patchstorm.core.metrics.MetricsSchema.Stat;

/** The overlay's metric columns and their indexes (fixed order = the schema's order). */
public final class OverlayMetrics {

  // Levels (running totals via +1/-1).
  /** Peers whose client is running (they want to be online). */
  public static final int PEERS_UP = 0;
  /** Peers logged in and reachable through a supernode (or serving as one). */
  public static final int ONLINE = 1;
  /** Peers attached to a supernode or serving as one, logged in or not. */
  public static final int CONNECTED = 2;
  /** Serving supernodes, bootstrap and dedicated ones included. */
  public static final int SUPERNODES = 3;
  // Per interval.
  public static final int LOGIN_ATTEMPTS = 4;
  public static final int LOGIN_SUCCESSES = 5;
  /** Rejections by a login server (full queue or admission limit). */
  public static final int LOGIN_FAILURES = 6;
  public static final int LOGIN_TIMEOUTS = 7;
  /** Attempts a client rejected itself (client-side throttling). */
  public static final int LOGIN_THROTTLED = 8;
  /** Users who gave up logging in (or connecting) and closed the client for a while. */
  public static final int LOGIN_GIVE_UPS = 9;
  /** Log-in attempts after the first of a log-in. */
  public static final int RETRIES = 10;
  public static final int CONNECT_ATTEMPTS = 11;
  public static final int PROMOTIONS = 12;
  public static final int DEMOTIONS = 13;
  public static final int SHUTDOWNS = 14;
  public static final int RESTARTS = 15;
  /** Messages offered to supernode queues. */
  public static final int MSGS_SENT = 16;
  public static final int MSGS_DELIVERED = 17;
  public static final int MSGS_DROPPED = 18;
  public static final int IM_SENT = 19;
  public static final int IM_DELIVERED = 20;
  /** IMs dropped on the way or addressed to a contact that is trying but unable to be online. */
  public static final int IM_FAILED = 21;
  /** Requests sent by bots. */
  public static final int ATTACK_REQUESTS = 22;
  /** Requests dropped because their source was blocked (bots and false positives). */
  public static final int BLOCKED = 23;
  /** Requests from legitimate sources dropped as blocked: the false positives' cost. */
  public static final int LEGIT_BLOCKED = 24;
  /** Requests refused by a per-source rate limit. */
  public static final int RATE_LIMITED = 25;
  /** Requests shed by admission control. */
  public static final int SHED = 26;
  /** Presence / call-indicator updates sent to a contact. */
  public static final int STATUS_SENT = 27;
  /** Updates that reached an online contact within the deadline. */
  public static final int STATUS_DELIVERED = 28;
  /** Updates lost, late, or addressed to a contact trying but unable to be online. */
  public static final int STATUS_FAILED = 29;
  /** Directory searches (contact adds) started by users. */
  public static final int SEARCH_ATTEMPTS = 30;
  public static final int SEARCH_SUCCESSES = 31;
  /** Searches that got no answer within the time-out. */
  public static final int SEARCH_FAILURES = 32;

  // Histograms.
  public static final int LOGIN_LATENCY = 0;
  public static final int LOGIN_QUEUE_WAIT = 1;
  public static final int LOGIN_QUEUE = 2;
  public static final int SN_CLIENTS = 3;
  public static final int SN_QUEUE = 4;
  public static final int IM_LATENCY = 5;
  public static final int STATUS_LATENCY = 6;
  public static final int SEARCH_LATENCY = 7;

  public static final MetricsSchema SCHEMA = new MetricsSchema(
      List.of(
          new Counter("peers_up", LEVEL),
          new Counter("online", LEVEL),
          new Counter("connected", LEVEL),
          new Counter("supernodes", LEVEL),
          new Counter("login_attempts", PER_INTERVAL),
          new Counter("login_successes", PER_INTERVAL),
          new Counter("login_failures", PER_INTERVAL),
          new Counter("login_timeouts", PER_INTERVAL),
          new Counter("login_throttled", PER_INTERVAL),
          new Counter("login_give_ups", PER_INTERVAL),
          new Counter("retries", PER_INTERVAL),
          new Counter("connect_attempts", PER_INTERVAL),
          new Counter("promotions", PER_INTERVAL),
          new Counter("demotions", PER_INTERVAL),
          new Counter("sn_shutdowns", PER_INTERVAL),
          new Counter("restarts", PER_INTERVAL),
          new Counter("msgs_sent", PER_INTERVAL),
          new Counter("msgs_delivered", PER_INTERVAL),
          new Counter("msgs_dropped", PER_INTERVAL),
          new Counter("im_sent", PER_INTERVAL),
          new Counter("im_delivered", PER_INTERVAL),
          new Counter("im_failed", PER_INTERVAL),
          new Counter("attack_requests", PER_INTERVAL),
          new Counter("blocked", PER_INTERVAL),
          new Counter("legit_blocked", PER_INTERVAL),
          new Counter("rate_limited", PER_INTERVAL),
          new Counter("shed", PER_INTERVAL),
          new Counter("status_sent", PER_INTERVAL),
          new Counter("status_delivered", PER_INTERVAL),
          new Counter("status_failed", PER_INTERVAL),
          new Counter("search_attempts", PER_INTERVAL),
          new Counter("search_successes", PER_INTERVAL),
          new Counter("search_failures", PER_INTERVAL)),
      List.of(
          new Histogram("login_latency_ms", 600_000_000L, 1000, List.of(Stat.MEAN, Stat.P50, Stat.P99)),
          new Histogram("login_queue_wait_ms", 600_000_000L, 1000, List.of(Stat.MEAN)),
          new Histogram("login_queue", 1_000_000L, 1, List.of(Stat.MEAN, Stat.MAX)),
          new Histogram("sn_clients", 1_000_000L, 1, List.of(Stat.MEAN, Stat.MAX)),
          new Histogram("sn_queue", 1_000_000L, 1, List.of(Stat.MEAN, Stat.MAX)),
          new Histogram("im_latency_ms", 600_000_000L, 1000, List.of(Stat.MEAN, Stat.P99)),
          new Histogram("status_latency_ms", 600_000_000L, 1000, List.of(Stat.MEAN, Stat.P99)),
          new Histogram("search_latency_ms", 600_000_000L, 1000, List.of(Stat.MEAN, Stat.P99))));

  private OverlayMetrics() {}
}
