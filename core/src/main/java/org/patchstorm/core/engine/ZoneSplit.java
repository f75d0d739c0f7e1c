package org.patchstorm.core.engine;

/**
 * Which cluster member hosts each zone (a model's region), so that every message between
 * members crosses zones and takes at least the smallest latency between their zones: members then
 * need to meet only once per that latency, not once per epoch.
 *
 * <p>Of all splits that give every member a zone, it keeps those whose busiest member holds at
 * most {@link #BALANCE_SLACK} times the entities of the best balanced split, and picks the one
 * with the largest latency between members (then the better balanced, then the first in
 * enumeration order: a pure function of its inputs, the same on every member).
 */
public record ZoneSplit(int[] memberOfZone, long crossMemberLatencyMicros) {

  /** How much worse than the best balance a split may be to win on latency. */
  static final double BALANCE_SLACK = 1.25;

  /** Splits tried at most (members^zones); beyond it there is no split. */
  private static final long MAX_SPLITS = 1 << 20;

  /**
   * The split of {@code zoneLoad.length} zones over {@code members} members, or null if there is
   * none (fewer zones than members, or too many splits to try).
   *
   * @param zoneLoad entities per zone
   * @param latency smallest latency from zone a to zone b, in µs
   */
  public static ZoneSplit choose(long[] zoneLoad, long[][] latency, int members) {
    int zones = zoneLoad.length;
    if (members < 2 || zones < members || Math.pow(members, zones) > MAX_SPLITS) {
      return null;
    }
    long splits = (long) Math.pow(members, zones);
    long bestMax = Long.MAX_VALUE;
    for (long s = 0; s < splits; s++) {
      int[] split = decode(s, zones, members);
      if (split != null) {
        bestMax = Math.min(bestMax, busiest(split, zoneLoad, members));
      }
    }
    int[] chosen = null;
    long chosenMax = 0;
    long chosenLatency = -1;
    for (long s = 0; s < splits; s++) {
      int[] split = decode(s, zones, members);
      if (split == null) {
        continue;
      }
      long max = busiest(split, zoneLoad, members);
      if (max > BALANCE_SLACK * bestMax) {
        continue;
      }
      long cross = crossLatency(split, latency);
      if (cross > chosenLatency || (cross == chosenLatency && max < chosenMax)) {
        chosen = split;
        chosenMax = max;
        chosenLatency = cross;
      }
    }
    return chosen == null ? null : new ZoneSplit(chosen, chosenLatency);
  }

  /** Split number {@code s} as zone -> member, or null if some member gets no zone. */
  private static int[] decode(long s, int zones, int members) {
    int[] split = new int[zones];
    boolean[] used = new boolean[members];
    for (int z = 0; z < zones; z++) {
      split[z] = (int) (s % members);
      used[split[z]] = true;
      s /= members;
    }
    for (boolean u : used) {
      if (!u) {
        return null;
      }
    }
    return split;
  }

  private static long busiest(int[] split, long[] zoneLoad, int members) {
    long[] load = new long[members];
    for (int z = 0; z < split.length; z++) {
      load[split[z]] += zoneLoad[z];
    }
    long max = 0;
    for (long l : load) {
      max = Math.max(max, l);
    }
    return max;
  }

  /** The smallest latency between zones on different members, both ways. */
  private static long crossLatency(int[] split, long[][] latency) {
    long min = Long.MAX_VALUE;
    for (int a = 0; a < split.length; a++) {
      for (int b = 0; b < split.length; b++) {
        if (split[a] != split[b]) {
          min = Math.min(min, latency[a][b]);
        }
      }
    }
    return min;
  }
}
