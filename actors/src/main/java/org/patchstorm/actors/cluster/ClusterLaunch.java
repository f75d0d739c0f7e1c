package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import org.patchstorm.actors.engine.RunTarget;

/** Picks where a run, or a sweep's runs, execute from the command line's cluster options. */
public final class ClusterLaunch {
  private ClusterLaunch() {}

  /**
   * @param localMembers {@code --cluster N}, or null
   * @param seed {@code --join HOST:PORT}, or null
   * @param members {@code --members N}, or null
   * @param bind {@code --bind HOST:PORT}, or null for the default
   */
  public static RunTarget target(
      Integer localMembers,
      HostPort seed,
      Integer members,
      HostPort bind,
      Path tlsDir,
      Duration joinTimeout,
      Config merged,
      String experimentConfig) {
    ClusterOptions options = options(localMembers, seed, members, bind, tlsDir, joinTimeout);
    if (localMembers != null) {
      return LocalCluster.start(localMembers, tlsDir, joinTimeout, merged, experimentConfig);
    }
    if (options == null) {
      return RunTarget.local(merged);
    }
    ClusterSession session = ClusterSession.start(options, members, merged, experimentConfig);
    try {
      session.awaitMembers();
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * The cluster a sweep hands its runs to, with the same options as {@link #target}; null when
   * the options name none (the sweep runs in this JVM).
   */
  public static SweepCluster sweepCluster(
      Integer localMembers,
      HostPort seed,
      Integer members,
      HostPort bind,
      Path tlsDir,
      Duration joinTimeout,
      Config base) {
    ClusterOptions options = options(localMembers, seed, members, bind, tlsDir, joinTimeout);
    if (localMembers != null) {
      return SweepCluster.local(localMembers, tlsDir, joinTimeout, base);
    }
    return options == null ? null : SweepCluster.join(options, members, base);
  }

  /** Checks the options; null when they name no cluster to join (in this JVM, or --cluster N). */
  private static ClusterOptions options(
      Integer localMembers, HostPort seed, Integer members, HostPort bind, Path tlsDir,
      Duration joinTimeout) {
    if (localMembers != null) {
      if (seed != null || members != null || bind != null) {
        throw new ClusterProblem("--cluster N starts its own members on this host; it cannot be"
            + " combined with --join, --members or --bind.");
      }
      requirePositive(localMembers, "--cluster");
      return null;
    }
    if (members == null) {
      if (seed != null || bind != null || tlsDir != null) {
        throw new ClusterProblem("--join, --bind and --tls join a cluster: say how many"
            + " members to run on with --members N (or use --cluster N on one host).");
      }
      return null;
    }
    requirePositive(members, "--members");
    return new ClusterOptions(
        seed,
        bind != null ? bind : seed == null ? ClusterOptions.DEFAULT_BIND : new HostPort("127.0.0.1", 0),
        tlsDir,
        joinTimeout);
  }

  private static void requirePositive(int n, String option) {
    if (n < 1 || n > 1000) {
      throw new ClusterProblem(option + " takes a number of members from 1 to 1000, got " + n + ".");
    }
  }
}
