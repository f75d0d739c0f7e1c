package org.patchstorm.core.overlay.crash;

/**
 * A restarted supernode is not useful at once (it rebuilds its caches and lists, and its
 * clients and neighbours must find it again): its service capacity grows linearly from {@code
 * floor} to full over {@code duration}.
 */
public record WarmUp(long duration, double floor) {

  public WarmUp {
    if (duration < 0) {
      throw new IllegalArgumentException("warm-up duration >= 0");
    }
    if (!(floor > 0 && floor <= 1)) {
      throw new IllegalArgumentException("warm-up floor in (0, 1]");
    }
  }

  public static WarmUp none() {
    return new WarmUp(0, 1);
  }

  /** The share of full capacity a supernode has {@code elapsed} µs after it started serving. */
  public double factor(long elapsed) {
    if (duration == 0 || elapsed >= duration) {
      return 1;
    }
    return floor + (1 - floor) * Math.max(0, elapsed) / (double) duration;
  }
}
