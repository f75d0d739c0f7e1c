package org.patchstorm.core.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A partition's future events, bucketed by epoch (virtual time divided by the lookahead). The next
 * {@code ringSize} epochs live in a ring of buckets; later ones wait in an ordered overflow map and
 * move into the ring as time advances. Finding the next busy epoch skips empty stretches of time.
 */
public final class Calendar {
  private final long epochMicros;
  private final EventBuffer[] ring;
  // One bit per ring slot holding events: finding the next busy epoch skips 64 slots a step.
  private final long[] busy;
  private final TreeMap<Long, EventBuffer> overflow = new TreeMap<>();
  private long base;
  private long ringEvents;
  private long size;

  public Calendar(long epochMicros, int ringSize) {
    if (epochMicros <= 0 || ringSize <= 0) {
      throw new IllegalArgumentException("epoch and ring size must be positive");
    }
    this.epochMicros = epochMicros;
    this.ring = new EventBuffer[ringSize];
    this.busy = new long[(ringSize + 63) / 64];
  }

  public long epochOf(long timeMicros) {
    return timeMicros / epochMicros;
  }

  public long epochMicros() {
    return epochMicros;
  }

  public long size() {
    return size;
  }

  public void add(long atMicros, int target, int sender, long seq, Object payload) {
    long epoch = epochOf(atMicros);
    if (epoch < base) {
      throw new IllegalStateException(
          "event at " + atMicros + " us is in epoch " + epoch + ", already past (now " + base + ")");
    }
    bucketFor(epoch).add(atMicros, target, sender, seq, payload);
    size++;
  }

  private EventBuffer bucketFor(long epoch) {
    if (epoch < base + ring.length) {
      int slot = (int) (epoch % ring.length);
      EventBuffer bucket = ring[slot];
      if (bucket == null) {
        bucket = new EventBuffer(4);
        ring[slot] = bucket;
      }
      busy[slot >>> 6] |= 1L << slot;
      ringEvents++;
      return bucket;
    }
    EventBuffer far = overflow.get(epoch);
    if (far == null) {
      far = new EventBuffer(4);
      overflow.put(epoch, far);
    }
    return far;
  }

  /** The earliest epoch holding an event, or {@link Long#MAX_VALUE} if none. */
  public long nextEpoch() {
    if (ringEvents > 0) {
      int start = (int) (base % ring.length);
      int slot = nextBusySlot(start, ring.length);
      if (slot < 0) {
        slot = nextBusySlot(0, start);
      }
      if (slot >= 0) {
        return base + Math.floorMod(slot - start, ring.length);
      }
    }
    return overflow.isEmpty() ? Long.MAX_VALUE : overflow.firstKey();
  }

  /** First busy slot in [from, to), or -1. */
  private int nextBusySlot(int from, int to) {
    int word = from >>> 6;
    long bits = word < busy.length ? busy[word] & (-1L << from) : 0;
    while (true) {
      if (bits != 0) {
        int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
        return slot < to ? slot : -1;
      }
      word++;
      if ((word << 6) >= to || word >= busy.length) {
        return -1;
      }
      bits = busy[word];
    }
  }

  /**
   * Removes and returns the events of {@code epoch} (which must not precede earlier removals) and
   * makes it the current epoch. The returned buffer is the caller's.
   */
  public EventBuffer takeEpoch(long epoch) {
    advanceTo(epoch);
    int slot = (int) (epoch % ring.length);
    EventBuffer bucket = ring[slot];
    if (bucket == null || bucket.isEmpty()) {
      return new EventBuffer(1);
    }
    ring[slot] = null;
    busy[slot >>> 6] &= ~(1L << slot);
    ringEvents -= bucket.size();
    size -= bucket.size();
    return bucket;
  }

  private void advanceTo(long epoch) {
    if (epoch < base) {
      throw new IllegalStateException("epoch " + epoch + " is before " + base);
    }
    if (epoch == base) {
      return;
    }
    // Buckets between base and epoch are empty by construction (epoch is the earliest busy one).
    base = epoch;
    while (!overflow.isEmpty() && overflow.firstKey() < base + ring.length) {
      Map.Entry<Long, EventBuffer> first = overflow.pollFirstEntry();
      EventBuffer moving = first.getValue();
      int slot = (int) (first.getKey() % ring.length);
      if (ring[slot] == null || ring[slot].isEmpty()) {
        ring[slot] = moving;
      } else {
        for (int i = 0; i < moving.size(); i++) {
          ring[slot].addFrom(moving, i);
        }
      }
      busy[slot >>> 6] |= 1L << slot;
      ringEvents += moving.size();
    }
  }
}
