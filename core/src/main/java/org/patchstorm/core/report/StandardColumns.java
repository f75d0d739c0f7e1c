package org.patchstorm.core.report;

/**
 * The {@code metrics.csv} column names the report looks for by default (the analysis and
 * {@link Charts#defaultSpecs}). Models that use these names get the standard charts and verdict
 * without configuration; histogram columns follow {@code <histogram>_<stat>}.
 */
public final class StandardColumns {

  public static final String ONLINE_PEERS = "online";
  public static final String CONNECTED_PEERS = "connected";
  public static final String LOGIN_ATTEMPTS = "login_attempts";
  public static final String LOGIN_SUCCESSES = "login_successes";
  public static final String LOGIN_TIMEOUTS = "login_timeouts";
  public static final String LOGIN_LATENCY_P50 = "login_latency_ms_p50";
  public static final String LOGIN_LATENCY_P99 = "login_latency_ms_p99";
  public static final String SUPERNODES = "supernodes";
  public static final String SUPERNODE_CLIENTS_MEAN = "sn_clients_mean";
  public static final String SUPERNODE_CLIENTS_MAX = "sn_clients_max";
  public static final String LOGIN_QUEUE_DEPTH = "login_queue_mean";
  public static final String MESSAGES_DELIVERED = "msgs_delivered";
  public static final String MESSAGES_DROPPED = "msgs_dropped";
  public static final String RETRIES = "retries";

  // A region's columns are "<region>" + these endings (see the overlay's RegionMetrics); the
  // charts by region draw every column that ends so, other than the overall one.
  public static final String REGION_ONLINE = "_" + ONLINE_PEERS;
  public static final String REGION_STATUS_FAILED = "_status_failed";
  public static final String REGION_IM_LATENCY = "_im_latency_ms_mean";
  public static final String REGION_SEARCH_LATENCY = "_search_latency_ms_mean";

  /** Every name above, for checking that a model's schema uses them. */
  public static final java.util.List<String> ALL =
      java.util.List.of(
          ONLINE_PEERS, CONNECTED_PEERS, LOGIN_ATTEMPTS, LOGIN_SUCCESSES, LOGIN_TIMEOUTS,
          LOGIN_LATENCY_P50, LOGIN_LATENCY_P99, SUPERNODES, SUPERNODE_CLIENTS_MEAN,
          SUPERNODE_CLIENTS_MAX, LOGIN_QUEUE_DEPTH, MESSAGES_DELIVERED, MESSAGES_DROPPED, RETRIES);

  private StandardColumns() {}
}
