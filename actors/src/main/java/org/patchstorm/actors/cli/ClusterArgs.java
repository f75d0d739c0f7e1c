package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;
import org.patchstorm.actors.cluster.ClusterLaunch;
import org.patchstorm.actors.cluster.ClusterOptions;
import org.patchstorm.actors.cluster.HostPort;
import org.patchstorm.actors.cluster.SweepCluster;
import org.patchstorm.actors.cluster.TlsMaterial;
import org.patchstorm.actors.engine.RunTarget;
import picocli.CommandLine.Option;

/** The cluster options of a run and of a sweep; ClusterLaunch checks how they combine. */
final class ClusterArgs {
  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description = "A cluster member to join through, with --members.")
  private String join;

  @Option(
      names = "--cluster",
      paramLabel = "N",
      description = "Run across N member JVMs started on this host (loopback), then stop them.")
  private Integer cluster;

  @Option(
      names = "--members",
      paramLabel = "N",
      description = "Run on a cluster (joined through --join HOST:PORT) once N members are in it.")
  private Integer members;

  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      description = "Where this runner listens in a cluster (default 127.0.0.1, any free port).")
  private String bind;

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description = "Encrypt and mutually authenticate cluster traffic with the keys in DIR"
          + " (keystore.p12, truststore.p12, password); see README.")
  private Path tls;

  @Option(
      names = "--join-timeout",
      paramLabel = "SECONDS",
      description = "Seconds to wait for joining the cluster and for its members, 1-3600"
          + " (default: ${DEFAULT-VALUE}).",
      defaultValue = ClusterOptions.DEFAULT_JOIN_TIMEOUT_SECONDS)
  private int joinTimeoutSeconds;

  /** {@code --bind} as given, or null. */
  String bind() {
    return bind;
  }

  /** True when this runner joins a cluster (--members, --join): --bind is its cluster address. */
  boolean joins() {
    return members != null || join != null;
  }

  /** With --live and no cluster to join, --bind is the dashboard's address (HOST, no port). */
  void leaveBindToDashboard() {
    bind = null;
  }

  /** True when the options name a cluster: the runs' entities live in the members' heaps. */
  boolean onCluster() {
    return cluster != null || members != null;
  }

  /**
   * The cores each member may use, counted from this host's {@code cores}: with --cluster N the
   * members share this host, so each gets its share (at least one); joined members are taken to
   * have as many as this host.
   */
  int coresPerMember(int cores) {
    return cluster != null ? Math.max(1, cores / cluster) : cores;
  }

  /** Where a single run goes: this JVM, or a cluster as the options say. */
  RunTarget target(Config merged, String experimentConfig, PrintStream stderr) {
    checkTls(stderr);
    return ClusterLaunch.target(cluster, joinAddress(), members, bindAddress(), tls,
        ClusterOptions.joinTimeout(joinTimeoutSeconds), merged, experimentConfig);
  }

  /** The cluster a sweep's runs go to, or null: they run in this JVM. */
  SweepCluster sweepCluster(Config base, PrintStream stderr) {
    checkTls(stderr);
    return ClusterLaunch.sweepCluster(cluster, joinAddress(), members, bindAddress(), tls,
        ClusterOptions.joinTimeout(joinTimeoutSeconds), base);
  }

  private void checkTls(PrintStream stderr) {
    ClusterOptions.joinTimeout(joinTimeoutSeconds);
    if (tls != null) {
      TlsMaterial.check(tls, stderr::println);
    }
  }

  private HostPort joinAddress() {
    return join == null ? null : HostPort.parse(join, "--join");
  }

  private HostPort bindAddress() {
    return bind == null ? null : HostPort.parse(bind, "--bind");
  }
}
