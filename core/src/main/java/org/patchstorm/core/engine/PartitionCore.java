package org.patchstorm.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.patchstorm.core.metrics.IntervalSnapshot;
import org.patchstorm.core.metrics.MetricsLog;
import org.patchstorm.core.metrics.PartitionMetrics;

/**
 * The logic of one partition, free of any actor runtime: it hosts its entities, owns their
 * calendar, cuts it into epochs, runs every busy entity through each epoch, and routes what they
 * send. The partition actor drives it; the sequential runner drives it with one partition.
 *
 * <p>With the actor-per-entity hosting the partition hands its entities over ({@link
 * #handOverEntities}) and keeps the calendar, the routing and the metrics: each epoch it takes the
 * due events ({@link #takeEpoch}), has every busy entity run its share elsewhere, merges their
 * turns in entity-id order ({@link #merge}) and routes them ({@link #route}). Snapshots replay
 * the gauges that the sampled entities reported with their last turns.
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
  private boolean handedOver;
  private MetricsLog[] gauges;  // by local index, once the entities are handed over
  // Runs every busy entity of every epoch, one after the other (see EpochExecution#reuse).
  private EpochExecution execution;
  private long[] sortKeys = new long[64];  // scratch for sorting each epoch's events

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
    requireEntities();
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

  /** When {@code epoch} ends: a lookahead after it starts, or the end of the run. */
  public long epochEnd(long epoch) {
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
    requireEntities();
    EventBuffer due = takeEpoch(epoch);
    long end = epochEnd(epoch);
    int i = 0;
    while (i < due.size()) {
      int target = due.target(i);
      int j = due.endOfTarget(i);
      EntitySlot slot = slots[placement.localIndex(target)];
      try {
        if (execution == null) {
          execution = new EpochExecution(slot, metrics, lookahead, end, outbox, sampled, due, i, j);
        } else {
          execution.reuse(slot, end, due, i, j);
        }
        execution.run();
      } catch (RuntimeException | Error e) {
        throw new EntityFailure(target, epoch * lookahead, e);
      }
      i = j;
    }
    calendar.recycle(due);
    return route();
  }

  /**
   * Removes the events due in {@code epoch}, in canonical order (by target, so each entity's
   * share is one run), and counts them as delivered.
   */
  public EventBuffer takeEpoch(long epoch) {
    EventBuffer taken = calendar.takeEpoch(epoch);
    if (sortKeys.length < taken.size()) {
      sortKeys = new long[Math.max(taken.size(), 2 * sortKeys.length)];
    }
    EventBuffer due = taken.sortedCanonically(calendar.spare(), sortKeys);
    calendar.recycle(taken);
    eventsDelivered += due.size();
    return due;
  }

  /**
   * Gives up the entities, in local index order, to be run elsewhere; from now on the partition
   * only merges their turns. Drops its own references: the state is theirs.
   */
  public List<HostedEntity> handOverEntities() {
    requireEntities();
    List<HostedEntity> entities = new ArrayList<>(slots.length);
    for (EntitySlot slot : slots) {
      entities.add(new HostedEntity(slot, lookahead));
    }
    Arrays.fill(slots, null);
    handedOver = true;
    gauges = new MetricsLog[slots.length];
    return entities;
  }

  private void requireEntities() {
    if (handedOver) {
      throw new IllegalStateException("partition " + index + " has handed its entities over");
    }
  }

  /**
   * Takes in a turn of the entity at {@code localIndex} as if it had run here: its sends join the
   * outbox, its metrics are replayed, its sampling wish is noted. Call in entity-id order.
   */
  public void merge(int localIndex, HostedEntity.Turn turn) {
    EventBuffer sent = turn.sent();
    for (int k = 0; k < sent.size(); k++) {
      outbox.addFrom(sent, k);
    }
    turn.metrics().replayInto(metrics);
    if (turn.sampling() != null) {
      sampled.set(localIndex, turn.sampling());
    }
    gauges[localIndex] = turn.gauges();
  }

  /** Routes what the epoch's entities sent: here into the calendar, or out to other partitions. */
  public Outbound route() {
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
    if (handedOver) {
      for (int local : sampled.wanted()) {
        gauges[local].replayInto(metrics);
      }
    } else {
      sampled.sampleAll(metrics);
    }
    return metrics.snapshot(row, eventsDelivered);
  }

  /** The earliest epoch the calendar holds an event for (Long.MAX_VALUE if none). */
  public long nextEpoch() {
    return calendar.nextEpoch();
  }

  public long pendingEvents() {
    return calendar.size();
  }
}
