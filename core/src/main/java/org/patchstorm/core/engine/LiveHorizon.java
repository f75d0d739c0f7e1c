package org.patchstorm.core.engine;

import java.math.BigDecimal;

/**
 * How far the coordinator of a live run lets its partitions go ({@link EpochGate}): a few rows
 * past the last complete row, no further than the pace allows (X virtual seconds per wall
 * second), and no further at all while paused; and where an injected event may take effect. The
 * wall clock decides only when virtual time is granted, never what happens in it: results depend
 * on the virtual times of the injections alone.
 *
 * <p>Horizons are epoch boundaries (or the end), so an event at or after the horizon is in an
 * epoch no partition has started.
 */
public final class LiveHorizon {
  /** Rows granted past the last complete one: partitions go on while rows are merged. */
  public static final int WINDOW_ROWS = 2;
  /** Wall time a paced run may fall behind before the pace stops counting it (no burst later). */
  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final long epochMicros;
  private final long reportMicros;
  private final long endMicros;
  private long granted;
  private int rowsDone;
  private boolean paused;
  private double pace;
  private long anchorMicros;
  private long anchorWallNanos;

  public LiveHorizon(long epochMicros, long reportMicros, long endMicros) {
    this.epochMicros = epochMicros;
    this.reportMicros = reportMicros;
    this.endMicros = endMicros;
  }

  /** Granted so far: no partition has started an epoch at or after it. */
  public long horizonMicros() {
    return granted;
  }

  public boolean paused() {
    return paused;
  }

  /** Virtual seconds per wall second, 0 for as fast as possible. */
  public double pace() {
    return pace;
  }

  /** Row {@code row} (1-based) is complete on every partition. */
  public void rowDone(int row) {
    rowsDone = Math.max(rowsDone, row);
  }

  public void pause() {
    paused = true;
  }

  public void resume(long wallNanos) {
    paused = false;
    anchor(wallNanos);
  }

  /** Sets the pace; 0 goes as fast as possible. */
  public void pace(double virtualSecondsPerWallSecond, long wallNanos) {
    if (!(virtualSecondsPerWallSecond >= 0) || Double.isInfinite(virtualSecondsPerWallSecond)) {
      throw new IllegalArgumentException("a pace is a number of virtual seconds per wall second,"
          + " 0 or more; got " + virtualSecondsPerWallSecond);
    }
    pace = virtualSecondsPerWallSecond;
    anchor(wallNanos);
  }

  private void anchor(long wallNanos) {
    anchorMicros = granted;
    anchorWallNanos = wallNanos;
  }

  /** Moves the horizon as far as it may go at wall time {@code wallNanos}; returns it. */
  public long advance(long wallNanos) {
    if (paused) {
      return granted;
    }
    long limit = alignUp(Math.min((long) (rowsDone + WINDOW_ROWS) * reportMicros, endMicros));
    if (pace > 0) {
      long elapsedNanos = wallNanos - anchorWallNanos;
      long lagNanos = (long) ((anchorMicros - limit) * 1000 / pace) + elapsedNanos;
      if (lagNanos > MAX_LAG_NANOS) {
        // The run could not keep up: count the pace from where it is, not from where it should be.
        anchorWallNanos += lagNanos - MAX_LAG_NANOS;
        elapsedNanos = wallNanos - anchorWallNanos;
      }
      long paced = anchorMicros + (long) (pace * elapsedNanos / 1000);
      limit = Math.min(limit, alignUp(paced));
    }
    granted = Math.max(granted, limit);
    return granted;
  }

  /** The smallest epoch boundary at or after {@code micros}, or the end. */
  private long alignUp(long micros) {
    if (micros >= endMicros) {
      return endMicros;
    }
    long aligned = Math.floorDiv(micros + epochMicros - 1, epochMicros) * epochMicros;
    return Math.min(aligned, endMicros);
  }

  /**
   * When an injected event is delivered: for the time it asked for ({@code requestedMicros}, -1
   * for as soon as possible) less {@code leadMicros}, how long after its delivery it takes
   * effect; as soon as possible is the horizon, the next moment every partition can still
   * honour.
   *
   * @throws InjectionRefused if that is in the past, or it would take effect at or after the end
   */
  public long place(long requestedMicros, long leadMicros) throws InjectionRefused {
    long deliver = requestedMicros < 0 ? granted : requestedMicros - leadMicros;
    long effect = deliver + leadMicros;
    if (effect >= endMicros) {
      throw new InjectionRefused(requestedMicros < 0
          ? "the run has no virtual time left for it: it ends at " + seconds(endMicros)
              + " and the earliest an event can take effect now is " + seconds(effect)
          : "at = " + seconds(requestedMicros) + " is at or after the end of the run (at = "
              + seconds(endMicros) + "); inject before it");
    }
    if (deliver < granted) {
      throw new InjectionRefused("at = " + seconds(requestedMicros) + " is in the past: the run's"
          + " current virtual time is " + seconds(granted) + ", and the earliest an event can take"
          + " effect is at = " + seconds(granted + leadMicros) + "; inject at that time or later,"
          + " or leave out 'at' for the next possible moment");
    }
    return deliver;
  }

  /** Virtual time as a HOCON duration that reads back exactly, e.g. {@code 5400s} or {@code 1.25s}. */
  public static String seconds(long micros) {
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + "s";
  }
}
