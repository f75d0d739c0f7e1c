package org.patchstorm.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.patchstorm.core.metrics.MetricsSink;

/**
 * Runs one entity through one epoch: its due events in canonical order, interleaved with the
 * timers it sets that fall due before the epoch ends. Everything it sends, and timers for later
 * epochs, go to the outbox (its partition's, or its own when it is an actor of its own), routed
 * once all entities of the epoch are done.
 */
public final class EpochExecution implements EntityContext {
  private EntitySlot slot;
  private final MetricsSink metrics;
  private final long lookahead;
  private long epochEnd;
  private EventBuffer events;
  private int from;
  private int to;
  private final EventBuffer outbox;
  private final SamplingSwitch sampled;
  private List<LocalTimer> localTimers;
  private long now;

  private record LocalTimer(long time, long seq, Object message) {}

  /** Will deliver events {@code [from, to)} of {@code events} (canonically sorted, all for slot). */
  EpochExecution(
      EntitySlot slot,
      MetricsSink metrics,
      long lookaheadMicros,
      long epochEnd,
      EventBuffer outbox,
      SamplingSwitch sampled,
      EventBuffer events,
      int from,
      int to) {
    this.slot = slot;
    this.metrics = metrics;
    this.lookahead = lookaheadMicros;
    this.epochEnd = epochEnd;
    this.outbox = outbox;
    this.sampled = sampled;
    this.events = events;
    this.from = from;
    this.to = to;
  }

  /**
   * Makes this execution deliver events {@code [from, to)} of {@code events} to {@code slot}
   * instead, with the same sinks: a partition runs every busy entity of an epoch through one
   * execution (one per entity and epoch was a fifth of a storm run's allocation). Only between
   * runs: the previous one must have returned.
   */
  void reuse(EntitySlot slot, long epochEnd, EventBuffer events, int from, int to) {
    this.slot = slot;
    this.epochEnd = epochEnd;
    this.events = events;
    this.from = from;
    this.to = to;
    this.now = 0;
    if (localTimers != null) {
      localTimers.clear(); // empty unless the previous run failed
    }
  }

  public EntitySlot slot() {
    return slot;
  }

  /** Starts the entity at virtual time 0 and runs the timers it sets for before epochEnd. */
  public void runStart() {
    now = 0;
    slot.entity.start(this);
    drainLocalTimers(Long.MAX_VALUE, 0, 0);
  }

  /** Delivers this execution's events to its entity. */
  public void run() {
    int i = from;
    while (i < to) {
      drainLocalTimers(events.time(i), events.sender(i), events.seq(i));
      now = events.time(i);
      slot.entity.receive(this, events.payload(i));
      i++;
    }
    drainLocalTimers(Long.MAX_VALUE, 0, 0);
  }

  /** Runs local timers ordered before the event (time, sender, seq). */
  private void drainLocalTimers(long time, int sender, long seq) {
    while (localTimers != null && !localTimers.isEmpty()) {
      LocalTimer first = localTimers.get(0);
      boolean before =
          first.time < time
              || (first.time == time
                  && (slot.id < sender || (slot.id == sender && first.seq < seq)));
      if (!before) {
        return;
      }
      localTimers.remove(0);
      now = first.time;
      slot.entity.receive(this, first.message);
    }
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public int self() {
    return slot.id;
  }

  @Override
  public void send(int target, Object message, long latencyMicros) {
    if (latencyMicros < lookahead) {
      throw new IllegalArgumentException(
          "latency " + latencyMicros + " us is below the lookahead " + lookahead + " us");
    }
    emit(now + latencyMicros, target, message);
  }

  @Override
  public void schedule(long delayMicros, Object message) {
    if (delayMicros < 0) {
      throw new IllegalArgumentException("negative timer delay " + delayMicros);
    }
    long at = now + delayMicros;
    if (at < epochEnd) {
      if (localTimers == null) {
        localTimers = new ArrayList<>(2);
      }
      LocalTimer timer = new LocalTimer(at, slot.nextSeq++, message);
      int pos = localTimers.size();
      while (pos > 0 && localTimers.get(pos - 1).time > at) {
        pos--;
      }
      localTimers.add(pos, timer);
    } else {
      emit(at, slot.id, message);
    }
  }

  private void emit(long at, int target, Object message) {
    outbox.add(at, target, slot.id, slot.nextSeq++, message);
  }

  @Override
  public RandomGenerator random() {
    return slot;
  }

  @Override
  public MetricsSink metrics() {
    return metrics;
  }

  @Override
  public void sampled(boolean on) {
    sampled.set(slot, on);
  }
}
