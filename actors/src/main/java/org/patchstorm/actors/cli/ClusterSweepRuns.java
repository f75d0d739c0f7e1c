package org.patchstorm.actors.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.patchstorm.actors.cluster.SweepCluster;
import org.patchstorm.actors.cluster.SweepDispatcher;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.actors.engine.RunTarget;

/**
 * A sweep's runs on cluster members, whole runs each, {@code perMember} at a time on each. The
 * members send back each run's rows; this JVM writes every results folder from them, one after
 * the other, through the same code as a run of its own.
 */
final class ClusterSweepRuns implements SweepRuns {
  private final SweepCluster cluster;
  private final int perMember;

  ClusterSweepRuns(SweepCluster cluster, int perMember) {
    this.cluster = cluster;
    this.perMember = perMember;
  }

  @Override
  public String describe() {
    return perMember + " at a time on each of " + cluster.members().size() + " members ("
        + String.join(", ", cluster.members()) + ")";
  }

  @Override
  public void carryOut(List<SweepRunner.Task> tasks, BiConsumer<SweepRunner.Task, RunTarget> write) {
    List<SweepDispatcher.RunOrder> orders = tasks.stream()
        .map(t -> new SweepDispatcher.RunOrder(
            ExperimentAsRun.experimentText(t.point().merged()), t.seed()))
        .toList();
    ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "patchstorm-sweep-writer");
      thread.setDaemon(true);
      return thread;
    });
    CompletableFuture<Void> done = new CompletableFuture<>();
    cluster.carryOut(orders, perMember, new SweepDispatcher.Results() {
      @Override
      public void result(int run, SweepDispatcher.RunResult result) {
        writer.execute(() -> write.accept(tasks.get(run), replayed(result)));
      }

      @Override
      public void finished() {
        done.complete(null);
      }

      @Override
      public void stranded(String reason) {
        done.completeExceptionally(new Stranded(reason));
      }
    });
    try {
      CompletableFuture.anyOf(done, cluster.stopped()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // stranded: said below, once the results that did arrive are written
    } finally {
      writer.shutdown();
      LocalSweepRuns.awaitQuietly(writer);
    }
    if (done.isCompletedExceptionally()) {
      throw (Stranded) done.handle((v, e) -> e).join();
    }
    if (!done.isDone()) {
      throw new Stranded("the runner was taken out of the cluster before the sweep ended (downed"
          + " by the split brain resolver after it lost its members, or shut down)");
    }
  }

  /** The run as the member carried it out, told to the results writer as a run in this JVM is. */
  static RunTarget replayed(SweepDispatcher.RunResult result) {
    return new RunTarget() {
      @Override
      public List<String> members() {
        return List.of(result.member());
      }

      @Override
      public LocalRun.Outcome run(Partition.Plan plan, RunListener listener) {
        listener.setupDone(result.entities());
        for (int r = 0; r < result.times().length; r++) {
          try {
            listener.row(result.times()[r], result.values()[r], 0);
          } catch (RuntimeException e) {
            String reason = "the row at " + result.times()[r] + " s could not be reported: "
                + e.getMessage();
            listener.failed(reason);
            return new LocalRun.Outcome(reason);
          }
        }
        if (result.failure() != null) {
          listener.failed(result.failure());
        } else {
          listener.finished();
        }
        return new LocalRun.Outcome(result.failure());
      }
    };
  }

  @Override
  public void close() {
    cluster.close();
  }
}
