package org.patchstorm.actors.engine;

/**
 * What the rounds of a run cost, for the BENCH line (wall-clock figures: they never shape
 * results). {@code rounds}: rounds a partition ran with the partitions of its member (every
 * partition of a member runs the same number); {@code meetings}: exchanges with other members'
 * partitions (every round unless members meet once per window);
 * {@code waitNanos}: time partitions spent waiting for their partners' batches, summed over
 * partitions; {@code crossMemberEvents}: events sent to partitions on other members.
 */
public record RoundStats(
    int partitions, long rounds, long meetings, long waitNanos, long crossMemberEvents) {

  public static final RoundStats NONE = new RoundStats(0, 0, 0, 0, 0);

  public RoundStats plus(RoundStats other) {
    return new RoundStats(partitions + other.partitions, Math.max(rounds, other.rounds),
        Math.max(meetings, other.meetings), waitNanos + other.waitNanos,
        crossMemberEvents + other.crossMemberEvents);
  }

  /** The mean share of {@code wallNanos} a partition spent waiting for its partners. */
  public double waitShare(double wallNanos) {
    return partitions == 0 || wallNanos <= 0 ? 0 : waitNanos / (double) partitions / wallNanos;
  }
}
