package org.patchstorm.core.engine;

/**
 * A partition's side of meeting the other cluster members once per window of epochs (zoned
 * {@link Placement}) instead of every epoch. Within a window a partition runs rounds with the
 * partitions of its own member only; what it sends to partitions on other members is held here
 * and handed over when the members next meet, before anyone runs the next window. That is safe
 * because such a message takes at least a window to arrive: it is due in a later window, which
 * {@link #hold} checks for every event.
 */
public final class MemberWindow {
  private final Placement placement;
  private final int self;
  private final long epochMicros;
  private final EventBuffer[] held;
  private long heldEarliest = Long.MAX_VALUE;
  /** The first epoch after the window being run; 0 before the first meeting. */
  private long windowEnd;

  public MemberWindow(Placement placement, int self, long epochMicros) {
    this.placement = placement;
    this.self = self;
    this.epochMicros = epochMicros;
    this.held = new EventBuffer[placement.partitions()];
  }

  /** Whether {@code partition} runs on another member (met once per window). */
  public boolean remote(int partition) {
    return !placement.sameMember(self, partition);
  }

  /** Whether the members must meet before {@code nextEpoch} runs: it lies past the window. */
  public boolean mustMeetBefore(long nextEpoch) {
    return nextEpoch >= windowEnd;
  }

  /** {@code epoch} is about to run: the window it falls in is the one being run. */
  public void entered(long epoch) {
    windowEnd = (epoch / placement.windowEpochs() + 1) * placement.windowEpochs();
  }

  /**
   * Holds {@code events} for {@code partition} on another member until the next meeting.
   *
   * @throws IllegalStateException if one is due before the next window: the model sent it faster
   *     than its zones' latency allows (a model error; results would be wrong)
   */
  public void hold(int partition, EventBuffer events) {
    for (int k = 0; k < events.size(); k++) {
      long epoch = events.time(k) / epochMicros;
      if (epoch < windowEnd) {
        throw new IllegalStateException("entity " + events.sender(k) + " sent entity "
            + events.target(k) + " (on another cluster member) a message due at "
            + events.time(k) + " us, within the current window of " + placement.windowEpochs()
            + " epochs: faster than the smallest latency between their zones");
      }
      heldEarliest = Math.min(heldEarliest, epoch);
      if (held[partition] == null) {
        held[partition] = new EventBuffer(16);
      }
      held[partition].addFrom(events, k);
    }
  }

  /** What is held for {@code partition}, handed over now (null if nothing). */
  public EventBuffer take(int partition) {
    EventBuffer events = held[partition];
    held[partition] = null;
    return events;
  }

  /** The earliest epoch of anything held since the last meeting, and start afresh. */
  public long takeEarliest() {
    long earliest = heldEarliest;
    heldEarliest = Long.MAX_VALUE;
    return earliest;
  }
}
