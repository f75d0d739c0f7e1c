package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.patchstorm.actors.engine.ControlMessage;
import org.patchstorm.actors.engine.HeapWatch;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.MemoryEstimate;

/**
 * A member's share of a sweep: whole runs, each in this JVM on its own actor system, as the
 * runner's {@link SweepDispatcher} hands them out. The member writes nothing: it sends the run's
 * metric rows back, and the runner writes the run's results folder from them, so the folder is
 * the same whichever JVM ran the run.
 */
public final class RunWorker extends AbstractBehavior<RunWorker.Command> {
  public static final ServiceKey<Command> KEY =
      ServiceKey.create(Command.class, "patchstorm-run-worker");

  /** Bytes of row values per message, far below Artery's 256 KiB frame (CBOR: 9 per number). */
  private static final int ROW_BYTES_PER_MESSAGE = 64 * 1024;

  /**
   * The runs' actor systems keep their event-stream logging to themselves: a failed run says why
   * in its result, and the member's own output stays readable.
   */
  private static final Config QUIET_RUNTIME =
      ConfigFactory.parseString("pekko.loglevel = OFF\npekko.stdout-loglevel = OFF");

  public interface Command {}

  /** Carry out run {@code run} of a sweep: the resolved experiment with {@code seed}. */
  public record RunAssigned(
      int run, String experimentConfig, long seed, ActorRef<SweepDispatcher.Command> replyTo)
      implements Command, ControlMessage {}

  private final Config runtime;
  private final ExecutorService runs;
  private final AtomicInteger running = new AtomicInteger();

  /** {@code base}: the member's settings without the cluster's, for the runs' own systems. */
  public static Behavior<Command> create(Config base) {
    return Behaviors.setup(ctx -> new RunWorker(ctx, base));
  }

  private RunWorker(ActorContext<Command> context, Config base) {
    super(context);
    this.runtime = QUIET_RUNTIME.withFallback(base);
    this.runs = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "patchstorm-sweep-run");
      thread.setDaemon(true);
      return thread;
    });
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RunAssigned.class, this::onAssigned)
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, signal -> {
          runs.shutdownNow();
          return this;
        })
        .build();
  }

  private Behavior<Command> onAssigned(RunAssigned msg) {
    ActorRef<Command> self = getContext().getSelf();
    String member = Cluster.get(getContext().getSystem()).selfMember().address().toString();
    runs.execute(() -> carryOut(msg, self, member));
    return this;
  }

  /** On a thread of its own: runs to the end, then sends every row and how the run ended. */
  private void carryOut(RunAssigned msg, ActorRef<Command> self, String member) {
    running.incrementAndGet();
    Rows rows = new Rows();
    String failure;
    try {
      Experiment experiment = ResolvedExperiment.read(msg.experimentConfig(), msg.seed());
      failure = memoryRefusal(experiment, member);
      if (failure == null) {
        LocalRun.Outcome outcome = LocalRun.run(
            Partition.Plan.of(experiment, false),
            rows, runtime);
        failure = outcome.failure();
      }
    } catch (RuntimeException e) {
      failure = "member " + member + " could not carry out the run: " + e.getMessage();
    } catch (OutOfMemoryError e) {
      rows.clear();
      failure = "out of memory on member " + member + ": " + e;
    } finally {
      running.decrementAndGet();
    }
    rows.send(msg, self, failure);
  }

  /** The runs this member carries out at once share its heap: each must fit beside the others. */
  private String memoryRefusal(Experiment experiment, String member) {
    long others = running.get() - 1;
    long needed = MemoryEstimate.bytesNeeded(experiment) * (others + 1);
    if (needed <= HeapWatch.longLivedCapacity()) {
      return null;
    }
    String refusal = MemoryEstimate.refusal(experiment, HeapWatch.longLivedCapacity() / (others + 1),
        Runtime.getRuntime().maxMemory());
    return "not enough memory on member " + member + (others > 0 ? " for " + (others + 1)
        + " runs at a time" : "") + ": " + (refusal != null ? refusal : "");
  }

  /** The run's rows as they come; sent to the runner in messages of bounded size at the end. */
  private static final class Rows implements RunListener {
    private final List<Double> times = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private int entities;

    @Override
    public synchronized void setupDone(int entities) {
      this.entities = entities;
    }

    @Override
    public synchronized void row(double timeSeconds, double[] row, long eventsDeliveredSoFar) {
      times.add(timeSeconds);
      values.add(row.clone());
    }

    @Override
    public void finished() {}

    @Override
    public void failed(String reason) {}

    synchronized void clear() {
      times.clear();
      values.clear();
    }

    synchronized void send(RunAssigned msg, ActorRef<Command> self, String failure) {
      int columns = values.isEmpty() ? 1 : Math.max(1, values.get(0).length);
      int perMessage = Math.max(1, ROW_BYTES_PER_MESSAGE / (9 * (columns + 1)));
      for (int from = 0; from < times.size(); from += perMessage) {
        int to = Math.min(times.size(), from + perMessage);
        double[] t = new double[to - from];
        for (int i = from; i < to; i++) {
          t[i - from] = times.get(i);
        }
        double[][] v = values.subList(from, to).toArray(new double[0][]);
        msg.replyTo().tell(new SweepDispatcher.RunRows(msg.run(), from, t, v, self));
      }
      msg.replyTo().tell(new SweepDispatcher.RunEnded(msg.run(), times.size(), entities, failure,
          self));
    }
  }
}
