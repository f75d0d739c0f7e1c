package org.patchstorm.actors.engine;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.patchstorm.core.engine.BatchCodec;
import org.patchstorm.core.engine.EventBuffer;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.engine.LiveHorizon;
import org.patchstorm.core.engine.Placement;

/**
 * The coordinator's part in a live run: grants the partitions virtual time ({@link LiveHorizon})
 * and hands them injected events with the next grant. Lives inside the coordinator actor and is
 * called only from it.
 *
 * <p>An injected event's deliveries reach their targets at its time {@code T} like any event of
 * the calendar, each as if the target had set itself a timer for it at the start: sender = the
 * target, sequence = {@code Long.MIN_VALUE + (n << 32) + i} for the run's n-th injection and its
 * i-th delivery, so they come before the target's own events at {@code T}, in a fixed order.
 */
final class LiveGrants {
  private final Partition.Plan plan;
  private final Placement placement;
  private final LiveHorizon horizon;
  private List<ActorRef<Partition.Command>> partitions;
  private EventBuffer[] pending;
  private long earliestPending = -1;
  private long sentHorizon = -1;
  private int injections;

  LiveGrants(Partition.Plan plan) {
    this.plan = plan;
    this.placement = plan.placement();
    this.horizon =
        new LiveHorizon(plan.model().lookaheadMicros(), plan.reportMicros(), plan.endMicros());
    this.pending = new EventBuffer[plan.partitions()];
  }

  LiveHorizon horizon() {
    return horizon;
  }

  /** Every partition exists: grant the first stretch of time. */
  void begin(List<ActorRef<Partition.Command>> all) {
    partitions = List.copyOf(all);
    grant();
  }

  void rowDone(int row) {
    horizon.rowDone(row);
    grant();
  }

  /**
   * Places an event, has {@code record} keep it (a refusal there refuses the event), and queues
   * its deliveries for the next grant, which goes out at once. Returns when they are delivered;
   * the event takes effect, and is recorded, its lead ({@link Injections.Prepared#leadMicros})
   * later.
   */
  long inject(Injections.Prepared event, Recorder record) throws InjectionRefused {
    long at = horizon.place(event.requestedAtMicros(), event.leadMicros());
    List<Injections.Delivery> deliveries = event.deliveries(at);
    for (Injections.Delivery d : deliveries) {
      if (d.target() < 0 || d.target() >= plan.model().entityCount()) {
        throw new InjectionRefused("the model addressed the event to entity " + d.target()
            + ", which does not exist (a bug in the model)");
      }
    }
    record.keep(at);
    long ordinal = injections++;
    for (int i = 0; i < deliveries.size(); i++) {
      Injections.Delivery d = deliveries.get(i);
      int p = placement.partitionOf(d.target());
      if (pending[p] == null) {
        pending[p] = new EventBuffer(16);
      }
      pending[p].add(at, d.target(), d.target(), Long.MIN_VALUE + (ordinal << 32) + i,
          d.payload());
    }
    earliestPending = earliestPending < 0 ? at : Math.min(earliestPending, at);
    grant();
    return at;
  }

  /** Keeps an accepted injection in the run's record before it takes effect. */
  interface Recorder {
    void keep(long atMicros) throws InjectionRefused;
  }

  /** Returns the horizon where virtual time stops. */
  long pause() {
    horizon.pause();
    return horizon.horizonMicros();
  }

  void resume() {
    horizon.resume(System.nanoTime());
    grant();
  }

  void pace(double virtualSecondsPerWallSecond) {
    horizon.pace(virtualSecondsPerWallSecond, System.nanoTime());
    grant();
  }

  /** True while the pace, not the rows, holds the run back: the wall clock must tick. */
  boolean needsTicks() {
    return horizon.pace() > 0 && !horizon.paused() && horizon.horizonMicros() < plan.endMicros();
  }

  /** Sends the horizon and the pending injections, when there is anything new to send. */
  void grant() {
    if (partitions == null) {
      return; // not begun: the first grant carries all
    }
    long at = horizon.advance(System.nanoTime());
    if (at == sentHorizon && earliestPending < 0) {
      return;
    }
    for (int p = 0; p < partitions.size(); p++) {
      byte[] events =
          pending[p] == null ? null : BatchCodec.encode(pending[p], plan.model().codec());
      partitions.get(p).tell(new Partition.Grant(at, earliestPending, events));
    }
    pending = new EventBuffer[partitions.size()];
    earliestPending = -1;
    sentHorizon = at;
  }
}
