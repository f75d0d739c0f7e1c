package org.patchstorm.core.overlay.attack;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks a botnet's targets from what the attacker knows. Deterministic for a given random
 * stream; ties among the busiest are broken by id so that the order never depends on sorting
 * stability.
 */
public final class TargetSelector {

  private TargetSelector() {}

  /** The botnet's targets, ascending ids; empty when none fit (e.g. no supernode in the region). */
  public static int[] select(Botnet botnet, TargetPool pool, RandomGenerator random) {
    int[] candidates = switch (botnet.target()) {
      case LOGIN_SERVERS -> pool.loginServers();
      case BOOTSTRAP -> pool.bootstrap();
      case RANDOM_SUPERNODES -> pool.supernodes();
      case BUSIEST_SUPERNODES -> busiestFirst(pool);
      case REGION -> inRegion(pool, botnet.region());
    };
    int k = botnet.targetCount() == 0 ? candidates.length : Math.min(botnet.targetCount(), candidates.length);
    int[] chosen;
    if (botnet.target() == TargetKind.BUSIEST_SUPERNODES) {
      chosen = Arrays.copyOf(candidates, k);
    } else {
      chosen = sample(candidates, k, random);
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** Supernode ids ordered by client count, descending, then by id. */
  static int[] busiestFirst(TargetPool pool) {
    int n = pool.supernodes().length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byLoad = Integer.compare(pool.supernodeClients()[b], pool.supernodeClients()[a]);
      return byLoad != 0 ? byLoad : Integer.compare(pool.supernodes()[a], pool.supernodes()[b]);
    });
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = pool.supernodes()[order[i]];
    }
    return out;
  }

  private static int[] inRegion(TargetPool pool, int region) {
    return java.util.stream.IntStream.range(0, pool.supernodes().length)
        .filter(i -> pool.supernodeRegions()[i] == region)
        .map(i -> pool.supernodes()[i])
        .toArray();
  }

  /** k distinct candidates by a partial Fisher-Yates shuffle. */
  private static int[] sample(int[] candidates, int k, RandomGenerator random) {
    int[] copy = candidates.clone();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return Arrays.copyOf(copy, k);
  }
}
