package org.patchstorm.actors.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this JVM takes part in a cluster.
 *
 * @param seed the member to join through; null: this JVM starts the cluster
 * @param bind where this JVM listens (loopback unless told otherwise)
 * @param tlsDir folder with keystore.p12, truststore.p12 and password; null: plain TCP
 * @param joinTimeout how long to wait for joining (and, for a runner, for the members)
 */
public record ClusterOptions(HostPort seed, HostPort bind, Path tlsDir, Duration joinTimeout) {
  public static final HostPort DEFAULT_BIND = new HostPort("127.0.0.1", 2552);
  public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(25);
}
