package org.patchstorm.core.overlay.defence;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Blocks sources once they are detected, after a detection delay. Two detectors, as operators
 * have them: a rate detector (a source whose request rate, averaged over a window, exceeds a
 * threshold; legitimate clients that retry hard trip it too) and a traffic classifier that, on
 * first sight, recognises a bot with probability {@code botDetection} and wrongly flags a
 * legitimate source with probability {@code falsePositive}. The classifier's draw is made once
 * per source from the random stream handed in (the server entity's own), so it is reproducible.
 * A block lasts {@code blockFor} (0 = for the rest of the run); a suspect whose block expires is
 * flagged again and blocked again after another delay.
 */
public final class SourceBlocker {

  private static final long NOT_FLAGGED = Long.MAX_VALUE;

  private final SourceTable sources = new SourceTable();
  private double[] count = new double[64];
  private long[] lastAt = new long[64];
  private long[] flaggedAt = new long[64];
  private boolean[] suspect = new boolean[64];

  /**
   * Records a request from {@code source} and says whether to drop it. {@code bot} is the ground
   * truth, which only the classifier's detection probability uses.
   */
  public boolean drop(int source, boolean bot, long now, Defences.Blocking p, RandomGenerator random) {
    int slot = sources.find(source);
    if (slot < 0) {
      slot = sources.add(source);
      ensure(slot);
      double u = random.nextDouble();
      suspect[slot] = u < (bot ? p.botDetection() : p.falsePositive());
      flaggedAt[slot] = suspect[slot] ? now : NOT_FLAGGED;
      lastAt[slot] = now;
    }
    count[slot] = count[slot] * Math.exp(-(double) (now - lastAt[slot]) / p.window()) + 1;
    lastAt[slot] = now;
    if (flaggedAt[slot] == NOT_FLAGGED && p.detectRate() > 0 && count[slot] * 1e6 / p.window() > p.detectRate()) {
      flaggedAt[slot] = now;
    }
    if (flaggedAt[slot] == NOT_FLAGGED) {
      return false;
    }
    long blockFrom = flaggedAt[slot] + p.detectionDelay();
    if (now < blockFrom) {
      return false;
    }
    if (p.blockFor() > 0 && now >= blockFrom + p.blockFor()) {
      // Block over: a classifier suspect is flagged again at once, a rate offender when it
      // offends again.
      flaggedAt[slot] = suspect[slot] ? now : NOT_FLAGGED;
      count[slot] = 1;
      return false;
    }
    return true;
  }

  /** Sources seen so far. */
  public int sources() {
    return sources.size();
  }

  private void ensure(int slot) {
    if (slot >= count.length) {
      int n = count.length * 2;
      count = Arrays.copyOf(count, n);
      lastAt = Arrays.copyOf(lastAt, n);
      flaggedAt = Arrays.copyOf(flaggedAt, n);
      suspect = Arrays.copyOf(suspect, n);
    }
  }
}
