package org.patchstorm.core.overlay;

/**
 * A supernode's message queue as a number: units of work that drain at the service rate. No
 * events: the backlog is brought up to date whenever it is read or added to.
 */
final class WorkQueue {

  private double backlog;
  private long backlogAt;

  WorkQueue(long now) {
    this.backlogAt = now;
  }

  /** Units still waiting at {@code now}, draining at {@code rate} units per second. */
  double queuedUnits(long now, double rate) {
    double drained = (now - backlogAt) * rate / OverlayParams.SECOND;
    return Math.max(0, backlog - drained);
  }

  /**
   * Puts {@code cost} units in the queue. Returns the wait until they are done (µs), or -1 when
   * they do not fit in {@code capacity} and are dropped.
   */
  long admit(long now, int cost, double rate, int capacity) {
    backlog = queuedUnits(now, rate);
    backlogAt = now;
    if (backlog + cost > capacity) {
      return -1;
    }
    backlog += cost;
    return (long) (backlog * OverlayParams.SECOND / rate);
  }

  /** The share of {@code capacity} in use at {@code now}. */
  double fill(long now, double rate, int capacity) {
    return queuedUnits(now, rate) / capacity;
  }
}
