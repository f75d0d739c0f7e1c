package org.patchstorm.core.engine;

/**
 * The reporting boundaries of a run: row {@code r} (1-based) covers virtual time
 * [(r-1) * interval, r * interval), the last one ending at the end of the run.
 */
public final class ReportSchedule {
  private final long intervalMicros;
  private final long endMicros;
  private int nextRow = 1;

  public ReportSchedule(long intervalMicros, long endMicros) {
    if (intervalMicros <= 0 || endMicros <= 0) {
      throw new IllegalArgumentException("interval and end must be positive");
    }
    this.intervalMicros = intervalMicros;
    this.endMicros = endMicros;
  }

  public int rows() {
    return (int) ((endMicros + intervalMicros - 1) / intervalMicros);
  }

  public long boundaryMicros(int row) {
    return Math.min((long) row * intervalMicros, endMicros);
  }

  /**
   * Returns the next row whose boundary is at or before {@code timeMicros} and advances past it,
   * or -1 when none is due. Call repeatedly before running an epoch that starts at timeMicros.
   */
  public int takeRowDueBy(long timeMicros) {
    if (nextRow > rows() || boundaryMicros(nextRow) > timeMicros) {
      return -1;
    }
    return nextRow++;
  }

  public long endMicros() {
    return endMicros;
  }
}
