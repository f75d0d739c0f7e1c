package org.patchstorm.actors.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * Notices a heap about to run out: the old generation still nearly full right after a
 * collection. A partition that sees it stops, which lets go of its entities, so the run can
 * still write why it ended; one that waits for the OutOfMemoryError may find it thrown in any
 * thread, Pekko's scheduler included, with nothing left to report with.
 */
public final class HeapWatch {
  /** Share of the old generation still in use after a collection at which runs stop. */
  static final double LIMIT = 0.9;

  private static final String OUT_OF_MEMORY = "out of memory";
  /** The pool long-lived data ends up in (PS Old Gen, G1 Old Gen, Tenured Gen); null if none. */
  private static final MemoryPoolMXBean OLD = oldGeneration();

  private HeapWatch() {}

  /** The reason to stop if the heap is nearly exhausted, else null; cheap enough per turn. */
  public static String exhausted() {
    if (OLD == null) {
      return null;
    }
    MemoryUsage afterGc = OLD.getCollectionUsage();
    long max = afterGc == null ? -1 : afterGc.getMax();
    if (max <= 0 || afterGc.getUsed() < LIMIT * max) {
      return null;
    }
    return OUT_OF_MEMORY + ": the heap was still " + Math.round(100.0 * afterGc.getUsed() / max)
        + "% full after a garbage collection";
  }

  /**
   * Bytes of long-lived data (where entities live: the old generation, or the whole heap if there
   * is none) a run may hold before {@link #exhausted} stops it. The memory estimate is checked
   * against this, not the whole old generation: a run estimated just below a full old generation
   * passed, then stopped within minutes (100 k storm peers in a 256 MB heap).
   */
  public static long longLivedCapacity() {
    long max = OLD == null ? -1 : OLD.getUsage().getMax();
    return (long) (LIMIT * (max > 0 ? max : Runtime.getRuntime().maxMemory()));
  }

  /** Whether a run's failure reason says the heap ran out (foreseen or caught). */
  public static boolean isOutOfMemory(String reason) {
    return reason != null
        && (reason.contains(OUT_OF_MEMORY) || reason.contains(OutOfMemoryError.class.getSimpleName()));
  }

  private static MemoryPoolMXBean oldGeneration() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      String name = pool.getName().toLowerCase(Locale.ROOT);
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
          && (name.contains("old") || name.contains("tenured"))) {
        return pool;
      }
    }
    return null;
  }
}
