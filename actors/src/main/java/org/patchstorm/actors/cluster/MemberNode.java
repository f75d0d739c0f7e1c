package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@code ./run.sh member ...}: joins a cluster and serves its runner until told to stop: it hosts
 * partitions of runs spread over the members, and carries out whole runs of sweeps.
 */
public final class MemberNode {
  private MemberNode() {}

  /** Runs the member and returns the exit code: 0 ended cleanly, 1 a run failed, 2 no cluster. */
  public static int run(ClusterOptions options, boolean once, Config base, PrintStream out,
      PrintStream err) {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    ActorSystem<Void> system;
    try {
      system = ClusterSystems.startAndJoin(
          guardian(exitCode, err, once, base), options, ClusterConfig.ROLE_MEMBER, base);
    } catch (ClusterProblem problem) {
      err.println("Error: " + problem.getMessage());
      return 2;
    }
    try {
      if (!ClusterSystems.awaitUp(system, options.joinTimeout())) {
        err.println("Error: " + ClusterSystems.joinFailure(options, options.joinTimeout()));
        ClusterSystems.stop(system);
        return 2;
      }
      out.println("Member " + Cluster.get(system).selfMember().address()
          + " joined; it serves runs and sweeps (stop it with Ctrl-C).");
      CompletableFuture.anyOf(exitCode, system.getWhenTerminated().toCompletableFuture()).get();
      ClusterSystems.stop(system);
      return exitCode.getNow(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ClusterSystems.stop(system);
      return 1;
    } catch (java.util.concurrent.ExecutionException e) {
      return 1;
    }
  }

  /** Partitions of runs spread over the cluster, and whole runs of sweeps. */
  private static Behavior<Void> guardian(
      CompletableFuture<Integer> exitCode, PrintStream err, boolean once, Config base) {
    return Behaviors.setup(ctx -> {
      ctx.spawn(PartitionHost.create(exitCode, err, once), "partition-host");
      ctx.spawn(RunWorker.create(base), "run-worker");
      return Behaviors.empty();
    });
  }
}
