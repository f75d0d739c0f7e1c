package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.PartitionMetrics;

/**
 * The logic of one partition, free of any actor runtime: it hosts its entities, owns their
 * calendar, cuts it into epochs, runs every busy entity through each epoch, and routes what they
 * send. The partition actor drives it; the sequential runner drives it with one partition.
 */
public final class PartitionCore {
  private final int index;
  private final Placement placement;
  private final EntitySlot[] slots;
  private final Calendar calendar;
  private final PartitionMetrics metrics;
  private final long lookahead;
  private final long endMicros;
  private final EventBuffer outbox = new EventBuffer(1024);
  private final SampledEntities sampled;
  private long eventsDelivered;

  /**
   * Epochs held in the calendar's ring; later events wait in its overflow. 65536 epochs of a
   * 10-15 ms lookahead cover 11-16 minutes, the horizon of most timers (keep-alives, retries).
   */
  static final int RING_EPOCHS = 1 << 16;

  public PartitionCore(Model model, long seed, Placement placement, int index, long endMicros) {
    this.index = index;
    this.placement = placement;
    this.lookahead = model.lookaheadMicros();
    this.endMicros = endMicros;
    this.metrics = new PartitionMetrics(model.schema());
    this.calendar = new Calendar(lookahead, RING_EPOCHS);
    int hosted = placement.hostedBy(index, model.entityCount());
    this.slots = new EntitySlot[hosted];
    for (int i = 0; i < hosted; i++) {
      slots[i] = EntitySlot.create(model.factory(), placement.entityAt(index, i), seed);
    }
    this.sampled = new SampledEntities(slots, placement);
  }

  public int index() {
    return index;
  }

  public int hostedCount() {
    return slots.length;
  }

  public long epochMicros() {
    return lookahead;
  }

  /** Starts every hosted entity at time 0 and routes what they sent. */
  public Outbound start() {
    EventBuffer none = new EventBuffer(1);
    for (EntitySlot slot : slots) {
      try {
        new EpochExecution(slot, metrics, lookahead, epochEnd(0), outbox, sampled, none, 0, 0).runStart();
      } catch (RuntimeException | Error e) {
        // Starts run in the partition itself: without the id, a failure would only name the
        // partition.
        throw new IllegalStateException("entity " + slot.id + " failed at start: " + e, e);
      }
    }
    return route();
  }

  private long epochEnd(long epoch) {
    return Math.min((epoch + 1) * lookahead, endMicros);
  }

  /**
   * Runs {@code epoch}: every entity with due events gets them in canonical order (entities in id
   * order, which cannot matter: they share nothing but messages due in later epochs). Returns what
   * they sent, routed.
   *
   * @throws EntityFailure if an entity throws; the partition cannot go on without it
   */
  public Outbound runEpoch(long epoch) {
    EventBuffer due = calendar.takeEpoch(epoch).sortedCanonically();
    eventsDelivered += due.size();
    long end = epochEnd(epoch);
    int i = 0;
    while (i < due.size()) {
      int target = due.target(i);
      int j = i + 1;
      while (j < due.size() && due.target(j) == target) {
        j++;
      }
      EntitySlot slot = slots[placement.localIndex(target)];
      try {
        new EpochExecution(slot, metrics, lookahead, end, outbox, sampled, due, i, j).run();
      } catch (RuntimeException | Error e) {
        throw new EntityFailure(target, epoch * lookahead, e);
      }
      i = j;
    }
    return route();
  }

  private Outbound route() {
    EventBuffer[] outbound = new EventBuffer[placement.partitions()];
    long earliestSent = Long.MAX_VALUE;
    for (int k = 0; k < outbox.size(); k++) {
      long at = outbox.time(k);
      if (at >= endMicros) {
        continue; // never delivered: the run ends first
      }
      int p = placement.partitionOf(outbox.target(k));
      if (p == index) {
        calendar.add(at, outbox.target(k), outbox.sender(k), outbox.seq(k), outbox.payload(k));
      } else {
        if (outbound[p] == null) {
          outbound[p] = new EventBuffer(16);
        }
        outbound[p].addFrom(outbox, k);
        earliestSent = Math.min(earliestSent, at);
      }
    }
    outbox.clear();
    long earliest = calendar.nextEpoch();
    if (earliestSent != Long.MAX_VALUE) {
      earliest = Math.min(earliest, calendar.epochOf(earliestSent));
    }
    return new Outbound(outbound, earliest);
  }

  /** Adds events another partition sent here. */
  public void accept(EventBuffer incoming) {
    for (int k = 0; k < incoming.size(); k++) {
      calendar.add(
          incoming.time(k),
          incoming.target(k),
          incoming.sender(k),
          incoming.seq(k),
          incoming.payload(k));
    }
  }

  /** Samples gauges and snapshots the metrics for {@code row}; only between epochs. */
  public IntervalSnapshot snapshot(int row) {
    sampled.sampleAll(metrics);
    return metrics.snapshot(row, eventsDelivered);
  }

  public long pendingEvents() {
    return calendar.size();
  }
}
