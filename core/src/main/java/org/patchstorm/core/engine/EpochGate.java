package org.patchstorm.core.engine;

/**
 * The horizon a partition may not run epochs at or beyond: epochs starting before it may run, the
 * others wait for the next grant. Without live control the horizon is the run's end from the
 * start; with it, the run's coordinator grants ahead as the run goes (pause is granting nothing).
 *
 * <p>An injection rides along with a grant and is due at or after the horizon granted before it,
 * so no partition has started its epoch. A partition may have announced its earliest epoch for the
 * round before the injection reached it; it takes the injected epoch into account when it picks
 * the next epoch ({@link #next}), so every partition picks the same one: those that had it
 * announced it, those that did not wait at the horizon until it arrives.
 */
public final class EpochGate {
  private final long epochMicros;
  private final long endMicros;
  private long horizonMicros;
  private long injectedEpoch = Long.MAX_VALUE;

  private EpochGate(long epochMicros, long endMicros, long horizonMicros) {
    this.epochMicros = epochMicros;
    this.endMicros = endMicros;
    this.horizonMicros = horizonMicros;
  }

  /** Granted to the end from the start: the run goes as fast as it can. */
  public static EpochGate open(long epochMicros, long endMicros) {
    return new EpochGate(epochMicros, endMicros, endMicros);
  }

  /** Nothing granted yet: the first epoch waits for {@link #grant}. */
  public static EpochGate closed(long epochMicros, long endMicros) {
    return new EpochGate(epochMicros, endMicros, 0);
  }

  /**
   * Lets epochs that start before {@code horizonMicros} run (a horizon never moves back); {@code
   * earliestInjectedMicros} is the earliest event injected with this grant, or -1.
   */
  public void grant(long horizonMicros, long earliestInjectedMicros) {
    this.horizonMicros = Math.max(this.horizonMicros, Math.min(horizonMicros, endMicros));
    if (earliestInjectedMicros >= 0) {
      injectedEpoch = Math.min(injectedEpoch, earliestInjectedMicros / epochMicros);
    }
  }

  /** The epoch to run next, given the one the partitions agreed on from their announcements. */
  public long next(long agreedEpoch) {
    return Math.min(agreedEpoch, injectedEpoch);
  }

  /** Where {@code epoch} starts; the end when there is nothing left (Long.MAX_VALUE). */
  public long startMicros(long epoch) {
    return epoch == Long.MAX_VALUE ? endMicros : Math.min(endMicros, epoch * epochMicros);
  }

  /** How far the partition's state is final when the next epoch starts at {@code startMicros}. */
  public long reachableMicros(long startMicros) {
    return Math.min(startMicros, horizonMicros);
  }

  /** True if the epoch starting at {@code startMicros} may run now. */
  public boolean mayRun(long startMicros) {
    return startMicros < horizonMicros;
  }

  /** True once everything up to the end is granted: a partition with nothing to run is done. */
  public boolean grantedToEnd() {
    return horizonMicros >= endMicros;
  }

  /** An epoch ran: injections received so far are in the calendar and announced from now on. */
  public void ran() {
    injectedEpoch = Long.MAX_VALUE;
  }
}
