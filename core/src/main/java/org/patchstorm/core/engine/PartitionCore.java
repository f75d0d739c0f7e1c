package org.patchstorm.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.PartitionMetrics;

/**
 * The logic of one partition, free of any actor runtime: it owns the calendar of the entities it
 * hosts, cuts it into epochs, prepares one execution per busy entity, and routes what they send.
 * The partition actor drives it; the sequential runner drives it with one partition in one thread.
 */
public final class PartitionCore {
  private final int index;
  private final Placement placement;
  private final EntitySlot[] slots;
  private final Calendar calendar;
  private final PartitionMetrics metrics;
  private final long lookahead;
  private final long endMicros;
  private final Outboxes outboxes = new Outboxes();
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
  }

  public int index() {
    return index;
  }

  public int hostedCount() {
    return slots.length;
  }

  public EntitySlot slot(int localIndex) {
    return slots[localIndex];
  }

  public int localIndexOf(EntitySlot slot) {
    return placement.localIndex(slot.id);
  }

  public long epochMicros() {
    return lookahead;
  }

  /** Starts every hosted entity at time 0 and routes what they sent. */
  public Outbound start() {
    EventBuffer none = new EventBuffer(1);
    for (EntitySlot slot : slots) {
      try {
        new EpochExecution(slot, metrics, lookahead, epochEnd(0), outboxes, none, 0, 0).runStart();
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

  /** Takes the events of {@code epoch} and prepares an execution per entity that has any. */
  public EpochWork beginEpoch(long epoch) {
    EventBuffer due = calendar.takeEpoch(epoch).sortedCanonically();
    eventsDelivered += due.size();
    List<EpochExecution> executions = new ArrayList<>(due.size());
    long end = epochEnd(epoch);
    int i = 0;
    while (i < due.size()) {
      int target = due.target(i);
      int j = i + 1;
      while (j < due.size() && due.target(j) == target) {
        j++;
      }
      EntitySlot slot = slots[placement.localIndex(target)];
      executions.add(new EpochExecution(slot, metrics, lookahead, end, outboxes, due, i, j));
      i = j;
    }
    return new EpochWork(epoch, executions);
  }

  /** Routes the outboxes of a finished epoch (call once every delivery has run). */
  public Outbound finishEpoch() {
    return route();
  }

  private Outbound route() {
    EventBuffer[] outbound = new EventBuffer[placement.partitions()];
    long earliestSent = Long.MAX_VALUE;
    for (EventBuffer out : outboxes.drain()) {
      for (int k = 0; k < out.size(); k++) {
        long at = out.time(k);
        if (at >= endMicros) {
          continue; // never delivered: the run ends first
        }
        int p = placement.partitionOf(out.target(k));
        if (p == index) {
          calendar.add(at, out.target(k), out.sender(k), out.seq(k), out.payload(k));
        } else {
          if (outbound[p] == null) {
            outbound[p] = new EventBuffer(16);
          }
          outbound[p].addFrom(out, k);
          earliestSent = Math.min(earliestSent, at);
        }
      }
      out.clear();
    }
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
    for (EntitySlot slot : slots) {
      if (slot.entity instanceof Sampled sampled) {
        sampled.sample(metrics);
      }
    }
    return metrics.snapshot(row, eventsDelivered);
  }

  public long pendingEvents() {
    return calendar.size();
  }
}
