package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/** Starting, joining and stopping the actor system of a cluster JVM, with clear errors. */
final class ClusterSystems {
  private ClusterSystems() {}

  /** Starts the system and asks to join; a taken port or bad address is a clear problem. */
  static <T> ActorSystem<T> startAndJoin(
      Behavior<T> guardian, ClusterOptions options, String role, Config base) {
    probePort(options.bind());
    ActorSystem<T> system;
    try {
      system = ActorSystem.create(guardian, ClusterConfig.SYSTEM_NAME,
          ClusterConfig.of(options, role, base));
    } catch (RuntimeException e) {
      throw new ClusterProblem(bindFailure(options.bind(), e));
    }
    Cluster cluster = Cluster.get(system);
    Address self = cluster.selfMember().address();
    if (options.seed() == null) {
      cluster.manager().tell(Join.create(self));
    } else {
      cluster.manager().tell(new JoinSeedNodes(List.of(seedAddress(options))));
    }
    return system;
  }

  /**
   * Binds and releases the port first: Pekko reports a taken port only after logging the
   * exception's stack trace.
   */
  private static void probePort(HostPort bind) {
    if (bind.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(bind.host(), bind.port()));
    } catch (IOException e) {
      throw new ClusterProblem(bindFailure(bind, e));
    }
  }

  static Address seedAddress(ClusterOptions options) {
    String protocol = "pekko";
    return new Address(protocol, ClusterConfig.SYSTEM_NAME, options.seed().host(),
        options.seed().port());
  }

  private static String bindFailure(HostPort bind, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return "Cannot listen on " + bind + ": the port is taken (another member or program"
            + " uses it) or the address is not one of this host's. Choose another with --bind"
            + " HOST:PORT.";
      }
    }
    return "Cannot start the cluster member on " + bind + ": " + e.getMessage();
  }

  /** Waits until this JVM is an Up member; false on timeout. */
  static boolean awaitUp(ActorSystem<?> system, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Cluster cluster = Cluster.get(system);
    while (System.nanoTime() < deadline) {
      if (cluster.selfMember().status() == MemberStatus.up()) {
        return true;
      }
      if (system.whenTerminated().isCompleted()) {
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /**
   * Waits until this JVM has joined and {@code found} is completed (once {@code wanted} members
   * have registered), each within the join timeout; a clear problem otherwise.
   */
  static <T> T awaitMembers(
      ActorSystem<?> system, ClusterOptions options, CompletableFuture<T> found, int wanted) {
    Address self = Cluster.get(system).selfMember().address();
    try {
      if (!awaitUp(system, options.joinTimeout())) {
        throw new ClusterProblem(options.seed() == null
            ? "The runner could not form a cluster at " + options.bind() + " within "
                + options.joinTimeout().toSeconds() + " s."
            : joinFailure(options, options.joinTimeout()));
      }
      return found.get(options.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      int joined = 0;
      for (var member : Cluster.get(system).state().getMembers()) {
        joined++;
      }
      String seed = options.seed() != null ? options.seed().toString()
          : self.getHost().orElse("?") + ":" + self.getPort().orElse(0);
      throw new ClusterProblem("Only " + joined + " JVMs (this runner included) are in the"
          + " cluster at " + self + " after " + options.joinTimeout().toSeconds()
          + " s (--join-timeout), but the run needs " + wanted + " members. Start them with"
          + " ./run.sh member --join " + seed + " --bind HOST:PORT on each host, or lower"
          + " --members.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterProblem("interrupted while waiting for members");
    } catch (ExecutionException e) {
      throw new ClusterProblem("waiting for members failed: " + e.getCause());
    }
  }

  static String joinFailure(ClusterOptions options, Duration timeout) {
    return "Could not join the cluster through " + options.seed() + " within "
        + timeout.toSeconds() + " s: nothing there admitted this member. Check that a member"
        + " or runner listens at " + options.seed() + " (same --tls setting on both), that the"
        + " address is reachable from here, and that the seed's --bind address is the one given.";
  }

  /** Terminates and waits a bounded time: a stuck cluster leave must not keep the JVM up. */
  static void stop(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Gave up waiting: the caller exits the JVM anyway.
    }
  }
}
