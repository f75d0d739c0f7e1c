package org.patchstorm.actors.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.patchstorm.actors.engine.RunCoordinator;
import org.patchstorm.actors.engine.RoundStats;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;

/**
 * The live control of one run in this JVM (local or {@code --cluster}: the coordinator lives in
 * the runner). It watches the run through {@link #listening} and steers it through the
 * coordinator; commands given before the coordinator exists wait for it, in order.
 */
public final class LiveRun implements LiveControl {
  /** Rows over which the speed is measured. */
  private static final long SPEED_WINDOW_NANOS = 5_000_000_000L;
  /** How often a waiting injection looks whether the run has ended meanwhile. */
  private static final long POLL_MILLIS = 200;

  private final List<String> columns;
  private final double endSeconds;
  private final Injections injections;
  private final Supplier<Path> resultsFolder;
  private final List<Row> rows = new ArrayList<>();
  private final List<Long> rowWallNanos = new ArrayList<>();
  private final List<Injected> injected = new ArrayList<>();
  private final List<RunCoordinator.Command> beforeStart = new ArrayList<>();
  private ActorRef<RunCoordinator.Command> coordinator;
  private State state = State.STARTING;
  private String failure;
  private double pace;
  private boolean paused;
  private boolean stopRequested;

  /**
   * {@code injections}: the model's, or null if it takes none; {@code resultsFolder}: where the
   * results are at the moment of asking.
   */
  public LiveRun(
      List<String> columns, double endSeconds, Injections injections, Supplier<Path> resultsFolder) {
    this.columns = List.copyOf(columns);
    this.endSeconds = endSeconds;
    this.injections = injections;
    this.resultsFolder = resultsFolder;
  }

  /** Passes everything on to {@code inner} and keeps what the live control shows. */
  public RunListener listening(RunListener inner) {
    return new RunListener() {
      @Override
      public void setupDone(int entities) {
        inner.setupDone(entities);
        synchronized (LiveRun.this) {
          if (state == State.STARTING) {
            state = paused ? State.PAUSED : State.RUNNING;
          }
        }
      }

      @Override
      public void row(double timeSeconds, double[] values, long eventsDeliveredSoFar) {
        inner.row(timeSeconds, values, eventsDeliveredSoFar);
        synchronized (LiveRun.this) {
          rows.add(new Row(rows.size(), timeSeconds, values.clone()));
          rowWallNanos.add(System.nanoTime());
        }
      }

      @Override
      public void roundStats(RoundStats stats) {
        inner.roundStats(stats);
      }

      @Override
      public void finished() {
        inner.finished();
        ended(State.FINISHED, null);
      }

      @Override
      public void failed(String reason) {
        inner.failed(reason);
        ended(State.FAILED, reason);
      }

      @Override
      public void steering(ActorRef<RunCoordinator.Command> ref) {
        inner.steering(ref);
        synchronized (LiveRun.this) {
          coordinator = ref;
          beforeStart.forEach(ref::tell);
          beforeStart.clear();
        }
      }

      @Override
      public void injected(long atMicros, String label, String timelineEntry) {
        inner.injected(atMicros, label, timelineEntry);
        synchronized (LiveRun.this) {
          injected.add(new Injected(atMicros / 1e6, label, timelineEntry));
        }
      }
    };
  }

  private synchronized void ended(State how, String reason) {
    if (over()) {
      return;
    }
    state = how == State.FAILED && stopRequested ? State.STOPPED : how;
    failure = reason;
  }

  private boolean over() {
    return state == State.FINISHED || state == State.FAILED || state == State.STOPPED;
  }

  private synchronized void send(RunCoordinator.Command command) {
    if (coordinator == null) {
      beforeStart.add(command);
    } else {
      coordinator.tell(command);
    }
  }

  @Override
  public synchronized Status status() {
    double reached = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).timeSeconds();
    return new Status(state, reached, endSeconds, rows.size(), pace, speed(), failure);
  }

  /** Virtual seconds per wall second over the rows of the last few seconds; 0 when none moved. */
  private double speed() {
    if (state != State.RUNNING || rows.size() < 2) {
      return 0;
    }
    long now = System.nanoTime();
    int last = rows.size() - 1;
    if (now - rowWallNanos.get(last) > SPEED_WINDOW_NANOS) {
      return 0;
    }
    int first = last;
    while (first > 0 && now - rowWallNanos.get(first - 1) <= SPEED_WINDOW_NANOS) {
      first--;
    }
    if (first == last) {
      first = last - 1;
    }
    double wall = (rowWallNanos.get(last) - rowWallNanos.get(first)) / 1e9;
    return wall <= 0 ? 0 : (rows.get(last).timeSeconds() - rows.get(first).timeSeconds()) / wall;
  }

  /**
   * Virtual seconds per wall second from the first row to the last, or NaN with fewer than two
   * rows: what a paced run achieved (pauses count as time).
   */
  public synchronized double achievedPace() {
    if (rows.size() < 2) {
      return Double.NaN;
    }
    int last = rows.size() - 1;
    double wall = (rowWallNanos.get(last) - rowWallNanos.get(0)) / 1e9;
    return (rows.get(last).timeSeconds() - rows.get(0).timeSeconds()) / wall;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public synchronized List<Row> rowsSince(int index) {
    if (index >= rows.size()) {
      return List.of();
    }
    return List.copyOf(rows.subList(Math.max(0, index), rows.size()));
  }

  @Override
  public synchronized List<Injected> injected() {
    return List.copyOf(injected);
  }

  @Override
  public Injected inject(String hocon) throws InjectionRefused {
    refuseIfOver();
    if (injections == null) {
      throw new InjectionRefused("this model takes no injections");
    }
    Injections.Prepared event = injections.prepare(hocon, "the injected event");
    CompletableFuture<Long> placed = new CompletableFuture<>();
    send(new RunCoordinator.Inject(event, placed));
    long at = awaitPlaced(placed);
    return new Injected((at + event.leadMicros()) / 1e6, event.label(), event.timelineEntry(at));
  }

  private long awaitPlaced(CompletableFuture<Long> placed) throws InjectionRefused {
    while (true) {
      try {
        return placed.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof InjectionRefused refused) {
          throw refused;
        }
        throw new InjectionRefused("the event could not be injected: " + e.getCause());
      } catch (TimeoutException e) {
        refuseIfOver();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InjectionRefused("interrupted while the event was being injected");
      }
    }
  }

  private synchronized void refuseIfOver() throws InjectionRefused {
    if (over()) {
      throw new InjectionRefused("the run is over (" + state.name().toLowerCase(java.util.Locale.ROOT)
          + "); nothing can be injected any more");
    }
  }

  @Override
  public void pace(double virtualSecondsPerWallSecond) {
    if (!(virtualSecondsPerWallSecond >= 0) || Double.isInfinite(virtualSecondsPerWallSecond)) {
      throw new IllegalArgumentException("the pace is virtual seconds per wall second, a number"
          + " of 0 or more (0: as fast as possible); got " + virtualSecondsPerWallSecond);
    }
    synchronized (this) {
      pace = virtualSecondsPerWallSecond;
    }
    send(new RunCoordinator.Pace(virtualSecondsPerWallSecond));
  }

  @Override
  public void pause() {
    requestPause();
  }

  /** Marks the run paused and asks the coordinator to stop granting; null if the run is over. */
  private CompletableFuture<Long> requestPause() {
    CompletableFuture<Long> stoppedAt = new CompletableFuture<>();
    synchronized (this) {
      if (over()) {
        return null;
      }
      paused = true;
      if (state == State.RUNNING) {
        state = State.PAUSED;
      }
    }
    send(new RunCoordinator.Pause(stoppedAt));
    return stoppedAt;
  }

  /**
   * Pauses and returns the virtual time (seconds) where the run stops once the partitions have
   * used what was granted: rows up to it still arrive, none after it until {@link #resume}. Waits
   * for the coordinator; NaN if the run ended first.
   */
  public double pauseAt() {
    CompletableFuture<Long> stoppedAt = requestPause();
    while (stoppedAt != null) {
      try {
        return stoppedAt.get(POLL_MILLIS, TimeUnit.MILLISECONDS) / 1e6;
      } catch (TimeoutException e) {
        synchronized (this) {
          if (over()) {
            return Double.NaN;
          }
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  @Override
  public void resume() {
    synchronized (this) {
      paused = false;
      if (state == State.PAUSED) {
        state = State.RUNNING;
      }
    }
    send(new RunCoordinator.Resume());
  }

  @Override
  public void stop() {
    double reached;
    synchronized (this) {
      if (over()) {
        return;
      }
      stopRequested = true;
      reached = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).timeSeconds();
    }
    send(new RunCoordinator.Stop("stopped through the live control after virtual time "
        + org.patchstorm.core.engine.LiveHorizon.seconds(Math.round(reached * 1e6))));
  }

  @Override
  public Path resultsFolder() {
    return resultsFolder.get();
  }
}
