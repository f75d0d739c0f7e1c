package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/** {@code ./run.sh member ...}: joins a cluster and hosts partitions for runs until told to stop. */
public final class MemberNode {
  private MemberNode() {}

  /** Runs the member and returns the exit code: 0 ended cleanly, 1 a run failed, 2 no cluster. */
  public static int run(ClusterOptions options, boolean once, Config base, PrintStream out,
      PrintStream err) {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    ActorSystem<PartitionHost.Command> system;
    try {
      system = ClusterSystems.startAndJoin(
          PartitionHost.create(exitCode, err, once), options, ClusterConfig.ROLE_MEMBER, base);
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
          + " joined; it hosts partitions for runs (stop it with Ctrl-C).");
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
}
