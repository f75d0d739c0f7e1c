package org.patchstorm.core.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which worker runs which of a sweep's runs, as a plain state machine (the cluster dispatcher is
 * a thin actor around it). Runs are numbered 0..runs-1 and handed out in that order, at most
 * {@code perWorker} to a worker at a time. A worker that goes away loses only the runs it had:
 * they go back to the front of the queue for the others. The first result of a run counts; a
 * late one (from a worker taken for lost that came back, or from the run's second worker) is
 * ignored, so every run is written exactly once.
 *
 * @param <W> how a worker is identified (an actor reference in the cluster)
 */
public final class RunDispatch<W> {

  /** Run {@code run} goes to {@code worker}. */
  public record Assignment<W>(W worker, int run) {}

  private final int runs;
  private final int perWorker;
  private final Deque<Integer> queued = new ArrayDeque<>();
  /** Reachable workers and the runs each is carrying out, in the order the workers came. */
  private final Map<W, Set<Integer>> workers = new LinkedHashMap<>();
  /** Runs handed to workers no longer reachable, which may still answer. */
  private final Map<W, Set<Integer>> departed = new LinkedHashMap<>();
  private final BitSet done = new BitSet();

  /** {@code runs} to hand out, in order (e.g. the runs of a sweep not completed before). */
  public RunDispatch(int runs, int perWorker) {
    if (perWorker < 1) {
      throw new IllegalArgumentException("a worker takes at least one run at a time");
    }
    this.runs = runs;
    this.perWorker = perWorker;
    for (int r = 0; r < runs; r++) {
      queued.add(r);
    }
  }

  /**
   * The workers reachable now. Those no longer among them give their runs back to the queue
   * (returned, in run order); new ones get runs at the next {@link #assign}.
   */
  public List<Integer> workers(Collection<W> reachable) {
    List<Integer> requeued = new ArrayList<>();
    for (W gone : new ArrayList<>(workers.keySet())) {
      if (!reachable.contains(gone)) {
        Set<Integer> lost = workers.remove(gone);
        departed.computeIfAbsent(gone, w -> new LinkedHashSet<>()).addAll(lost);
        requeued.addAll(lost);
      }
    }
    requeued.sort(null);
    for (int i = requeued.size() - 1; i >= 0; i--) {
      queued.addFirst(requeued.get(i));
    }
    for (W worker : reachable) {
      if (!workers.containsKey(worker)) {
        // A worker that comes back is a fresh start: what it had went to the others.
        workers.put(worker, new LinkedHashSet<>());
      }
    }
    return requeued;
  }

  /** Hands queued runs to workers with room, one round over the workers at a time. */
  public List<Assignment<W>> assign() {
    List<Assignment<W>> assigned = new ArrayList<>();
    boolean progress = true;
    while (progress && !queued.isEmpty()) {
      progress = false;
      for (Map.Entry<W, Set<Integer>> worker : workers.entrySet()) {
        if (queued.isEmpty()) {
          break;
        }
        if (worker.getValue().size() < perWorker) {
          int run = queued.removeFirst();
          worker.getValue().add(run);
          assigned.add(new Assignment<>(worker.getKey(), run));
          progress = true;
        }
      }
    }
    return assigned;
  }

  /**
   * {@code worker} ended {@code run}. True if this is the run's first result, the one to write;
   * false for a late second one.
   */
  public boolean ended(W worker, int run) {
    Set<Integer> carrying = workers.get(worker);
    if (carrying != null) {
      carrying.remove(run);
    }
    Set<Integer> lost = departed.get(worker);
    if (lost != null) {
      lost.remove(run);
    }
    if (run < 0 || run >= runs || done.get(run)) {
      return false;
    }
    done.set(run);
    // A second worker that carries it (this one was taken for lost) keeps its place until it
    // answers: it is busy with the run all the same.
    queued.remove(run);
    return true;
  }

  /** A run whose result could not be used (it arrived damaged): it goes back to the queue. */
  public void retry(W worker, int run) {
    Set<Integer> carrying = workers.get(worker);
    if (carrying != null) {
      carrying.remove(run);
    }
    if (!done.get(run) && !queued.contains(run)) {
      queued.addFirst(run);
    }
  }

  /** Every run has its result. */
  public boolean finished() {
    return done.cardinality() == runs;
  }

  /** Runs remain but no worker is reachable to carry them out. */
  public boolean stranded() {
    return !finished() && workers.isEmpty();
  }

  public int workerCount() {
    return workers.size();
  }

  public int doneCount() {
    return done.cardinality();
  }
}
