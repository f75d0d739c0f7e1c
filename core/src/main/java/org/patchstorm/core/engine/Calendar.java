package org.patchstorm.core.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A partition's future events, bucketed by epoch (virtual time divided by the lookahead). The near
 * future lives in a ring of per-epoch buckets; later events wait in an ordered overflow of blocks
 * of half a ring each, and a whole block moves into the ring once all of its epochs fit. (One
 * overflow entry per epoch made the map's inserts a tenth of a storm run.) Finding the next busy
 * epoch skips empty stretches of time.
 */
public final class Calendar {
  private final long epochMicros;
  private final EventBuffer[] ring;
  // One bit per ring slot holding events: finding the next busy epoch skips 64 slots a step.
  private final long[] busy;
  // Overflow blocks by index (epoch / blockEpochs); ring buckets hold every epoch below limit.
  private final TreeMap<Long, EventBuffer> overflow = new TreeMap<>();
  private final int blockEpochs;
  // The overflow's blocks by index modulo the cache size, so that adds skip the map: far-future
  // adds spread over a few hundred consecutive blocks (timers of hours), and the map's lookups
  // with a boxed key were a seventh of a storm run. A slot holds the latest block seen there.
  private static final int BLOCK_CACHE = 1024;
  private final long[] cachedIndex = new long[BLOCK_CACHE];
  private final EventBuffer[] cachedBlock = new EventBuffer[BLOCK_CACHE];
  private long base;
  /**
   * The first epoch kept in the overflow: a block boundary at most one ring past the current
   * epoch, so a block is either wholly in the ring or wholly in the overflow. Moves with base.
   */
  private long limit;
  // Emptied buckets for reuse: a new bucket per busy epoch, grown by doubling, was a third of a
  // storm run's allocation. Bounded, and only buffers of modest capacity, so none pins much.
  private static final int SPARES = 64;
  private static final int SPARE_CAPACITY = 4096;
  private final EventBuffer[] spares = new EventBuffer[SPARES];
  private int spareCount;
  private long ringEvents;
  private long size;

  public Calendar(long epochMicros, int ringSize) {
    if (epochMicros <= 0 || ringSize <= 0) {
      throw new IllegalArgumentException("epoch and ring size must be positive");
    }
    this.epochMicros = epochMicros;
    this.ring = new EventBuffer[ringSize];
    this.busy = new long[(ringSize + 63) / 64];
    this.blockEpochs = Math.max(1, ringSize / 2);
    this.limit = ringSize;
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
    if (epoch < limit) {
      int slot = (int) (epoch % ring.length);
      EventBuffer bucket = ring[slot];
      if (bucket == null) {
        bucket = spare();
        ring[slot] = bucket;
      }
      busy[slot >>> 6] |= 1L << slot;
      ringEvents++;
      return bucket;
    }
    long blockIndex = epoch / blockEpochs;
    int c = (int) (blockIndex & (BLOCK_CACHE - 1));
    EventBuffer block = cachedBlock[c];
    if (block == null || cachedIndex[c] != blockIndex) {
      block = overflow.get(blockIndex);
      if (block == null) {
        block = new EventBuffer(64);
        overflow.put(blockIndex, block);
      }
      cachedBlock[c] = block;
      cachedIndex[c] = blockIndex;
    }
    return block;
  }

  /** An empty buffer: a recycled one if any. */
  EventBuffer spare() {
    return spareCount > 0 ? spares[--spareCount] : new EventBuffer(4);
  }

  /**
   * Takes back a buffer its user is done with (one {@link #takeEpoch} returned, or any other),
   * emptied, for later buckets; the caller must not use it again.
   */
  void recycle(EventBuffer done) {
    if (spareCount < SPARES && done.capacity() <= SPARE_CAPACITY) {
      done.clear();
      spares[spareCount++] = done;
    }
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
    if (overflow.isEmpty()) {
      return Long.MAX_VALUE;
    }
    // Only when nothing is due within the ring's reach: scan the first block.
    EventBuffer first = overflow.firstEntry().getValue();
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < first.size(); i++) {
      earliest = Math.min(earliest, first.time(i));
    }
    return epochOf(earliest);
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
    limit = Math.floorDiv(base, blockEpochs) * blockEpochs + ring.length;
    while (!overflow.isEmpty() && overflow.firstKey() * blockEpochs < limit) {
      Map.Entry<Long, EventBuffer> first = overflow.pollFirstEntry();
      int c = (int) (first.getKey() & (BLOCK_CACHE - 1));
      if (cachedBlock[c] != null && cachedIndex[c] == first.getKey()) {
        cachedBlock[c] = null;
      }
      EventBuffer moving = first.getValue();
      for (int i = 0; i < moving.size(); i++) {
        int slot = (int) (epochOf(moving.time(i)) % ring.length);
        if (ring[slot] == null) {
          ring[slot] = spare();
        }
        ring[slot].addFrom(moving, i);
        busy[slot >>> 6] |= 1L << slot;
      }
      ringEvents += moving.size();
    }
  }
}
