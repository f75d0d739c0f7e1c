package org.patchstorm.core.overlay.defence;

import java.util.Arrays;

/**
 * Per-source token buckets: each source may send {@code perSecond} requests/s on average and
 * {@code burst} at once; a source seen for the first time starts with a full bucket. Rate and
 * burst are passed on each call, so a timeline change takes effect at once.
 */
public final class SourceRateLimiter {

  private final SourceTable sources = new SourceTable();
  private double[] tokens = new double[64];
  private long[] updatedAt = new long[64];

  /** Takes a token for {@code source} at {@code now}; false means the request is over the limit. */
  public boolean tryAcquire(int source, long now, double perSecond, double burst) {
    int slot = sources.find(source);
    double available;
    if (slot < 0) {
      slot = sources.add(source);
      ensure(slot);
      available = burst;
    } else {
      available = Math.min(burst, tokens[slot] + (now - updatedAt[slot]) * perSecond / 1e6);
    }
    updatedAt[slot] = now;
    if (available >= 1) {
      tokens[slot] = available - 1;
      return true;
    }
    tokens[slot] = available;
    return false;
  }

  /** Sources seen so far. */
  public int sources() {
    return sources.size();
  }

  private void ensure(int slot) {
    if (slot >= tokens.length) {
      tokens = Arrays.copyOf(tokens, tokens.length * 2);
      updatedAt = Arrays.copyOf(updatedAt, updatedAt.length * 2);
    }
  }
}
