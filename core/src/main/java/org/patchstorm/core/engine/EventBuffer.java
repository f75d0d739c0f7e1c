package org.patchstorm.core.engine;

import java.util.Arrays;

/**
 * A growable list of timed events in struct-of-arrays form: compact for the millions of timers and
 * in-flight messages a large run holds, and cheap to batch across partitions and JVMs.
 */
public final class EventBuffer {
  private long[] time;
  private int[] target;
  private int[] sender;
  private long[] seq;
  private Object[] payload;
  private int size;

  public EventBuffer(int initialCapacity) {
    int capacity = Math.max(1, initialCapacity);
    time = new long[capacity];
    target = new int[capacity];
    sender = new int[capacity];
    seq = new long[capacity];
    payload = new Object[capacity];
  }

  public void add(long atMicros, int targetId, int senderId, long senderSeq, Object message) {
    if (size == time.length) {
      grow();
    }
    time[size] = atMicros;
    target[size] = targetId;
    sender[size] = senderId;
    seq[size] = senderSeq;
    payload[size] = message;
    size++;
  }

  /** Appends event {@code i} of {@code other}. */
  public void addFrom(EventBuffer other, int i) {
    add(other.time[i], other.target[i], other.sender[i], other.seq[i], other.payload[i]);
  }

  private void grow() {
    int capacity = time.length * 2;
    time = Arrays.copyOf(time, capacity);
    target = Arrays.copyOf(target, capacity);
    sender = Arrays.copyOf(sender, capacity);
    seq = Arrays.copyOf(seq, capacity);
    payload = Arrays.copyOf(payload, capacity);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public long time(int i) {
    return time[i];
  }

  public int target(int i) {
    return target[i];
  }

  public int sender(int i) {
    return sender[i];
  }

  public long seq(int i) {
    return seq[i];
  }

  public Object payload(int i) {
    return payload[i];
  }

  /** The index after the run of events that share the target of event {@code from}. */
  public int endOfTarget(int from) {
    int end = from + 1;
    while (end < size && target[end] == target[from]) {
      end++;
    }
    return end;
  }

  /** Smallest event time held, or {@link Long#MAX_VALUE} when empty. */
  public long minTime() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, time[i]);
    }
    return min;
  }

  /** How many events it holds without growing. */
  int capacity() {
    return time.length;
  }

  /** Empties the buffer, dropping references so payloads can be collected. */
  public void clear() {
    Arrays.fill(payload, 0, size, null);
    size = 0;
  }

  /**
   * Canonical delivery order: by target, then time, sender, sender sequence. (sender, seq) is
   * unique, so the order is total and independent of how the events were gathered.
   */
  static int compareCanonical(EventBuffer b, int i, int j) {
    int c = Integer.compare(b.target[i], b.target[j]);
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.time[i], b.time[j]);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(b.sender[i], b.sender[j]);
    if (c != 0) {
      return c;
    }
    return Long.compare(b.seq[i], b.seq[j]);
  }

  /**
   * Returns a new buffer with these events in canonical order. Sorting packed (target, index) keys
   * first keeps the common case (one event per target) to a primitive sort.
   */
  public EventBuffer sortedCanonically() {
    return sortedCanonically(new EventBuffer(size), new long[size]);
  }

  /**
   * As {@link #sortedCanonically()}, into {@code sorted}, which must be empty, with {@code keys}
   * (at least {@link #size()} long) as scratch: a partition sorts every epoch, and fresh arrays
   * each time were a tenth of a storm run's allocation.
   */
  EventBuffer sortedCanonically(EventBuffer sorted, long[] keys) {
    if (!sorted.isEmpty()) {
      throw new IllegalArgumentException("sorting into a buffer that holds events");
    }
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) target[i] << 32) | i;
    }
    Arrays.sort(keys, 0, size);
    // Runs that share a target are short; insertion sort them by (time, sender, seq). Within a
    // run the keys differ only in the index (the low half), which is what gets reordered.
    int runStart = 0;
    while (runStart < size) {
      int runEnd = runStart + 1;
      while (runEnd < size && (keys[runEnd] >>> 32) == (keys[runStart] >>> 32)) {
        runEnd++;
      }
      for (int i = runStart + 1; i < runEnd; i++) {
        long v = keys[i];
        int j = i - 1;
        while (j >= runStart && compareCanonical(this, (int) keys[j], (int) v) > 0) {
          keys[j + 1] = keys[j];
          j--;
        }
        keys[j + 1] = v;
      }
      runStart = runEnd;
    }
    for (int i = 0; i < size; i++) {
      sorted.addFrom(this, (int) keys[i]);
    }
    return sorted;
  }
}
