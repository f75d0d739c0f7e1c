package org.patchstorm.actors.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this JVM takes part in a cluster.
 *
 * @param seed the member to join through (--join); null: this JVM starts the cluster
 * @param bind where this JVM listens (loopback unless told otherwise)
 * @param tlsDir folder with keystore.p12, truststore.p12 and password; null: plain TCP
 * @param joinTimeout how long to wait for joining (and, for a runner, for the members)
 */
public record ClusterOptions(HostPort seed, HostPort bind, Path tlsDir, Duration joinTimeout) {
  public static final HostPort DEFAULT_BIND = new HostPort("127.0.0.1", 2552);
  /**
   * Seconds, as the command line's default: long enough for member JVMs to start on a busy host,
   * which also bounds how long a wrong --join address keeps the user waiting.
   */
  public static final String DEFAULT_JOIN_TIMEOUT_SECONDS = "60";

  private static final int MAX_JOIN_TIMEOUT_SECONDS = 3600;

  /** {@code --join-timeout SECONDS}, checked: a timeout of zero or less could never be met. */
  public static Duration joinTimeout(int seconds) {
    if (seconds < 1 || seconds > MAX_JOIN_TIMEOUT_SECONDS) {
      throw new ClusterProblem("--join-timeout takes a number of seconds from 1 to "
          + MAX_JOIN_TIMEOUT_SECONDS + ", got " + seconds + ".");
    }
    return Duration.ofSeconds(seconds);
  }
}
