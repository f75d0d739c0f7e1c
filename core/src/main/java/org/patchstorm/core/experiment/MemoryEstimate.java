package org.patchstorm.core.experiment;

import java.util.Locale;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.overlay.OverlayModel;

/**
 * The heap a run needs before it starts: a fixed part for the runtime plus bytes per entity,
 * measured per model as the live heap after a full collection while every entity exists (ping:
 * 246-340 B per peer at 0.1-10 M peers, the BENCH line's bytes_per_peer; the overlay: 1,394 B per
 * peer at 1 M peers of the 2007 overlay, of which the 200-entry host cache is 816, so its size
 * counts entry by entry). Entities are long-lived, so the
 * estimate is compared with what the heap's old generation may hold before the run is stopped as
 * out of memory (the caller's {@code longLivedBytes}: 90% of it, about two thirds of the heap with
 * the parallel collector). It is close to what runs hold at their height, not a margin above it
 * (100 k storm peers hold ~164 MB live; estimated 167 MB). A run whose estimate exceeds it is
 * refused instead of thrashing and running out. An entity that is an actor of its own
 * (the actor-per-entity hosting) adds its actor: ~1.1 KB more per ping peer at 100 k peers
 * (1,491 B against 368 B per peer).
 */
public final class MemoryEstimate {
  /** Pekko, the classes and the results in memory, before any entity. */
  static final long RUNTIME_BYTES = 32L << 20;
  static final long PING_BYTES_PER_ENTITY = 350;
  /** An overlay peer without its host cache's entries (measured at 1 M peers, with margin). */
  static final long OVERLAY_BYTES_BESIDE_CACHE = 620;
  /** One host-cache entry: an int in the cache's array. */
  static final long HOST_CACHE_BYTES_PER_ENTRY = 4;
  /** The Pekko actor (cell, mailbox, path, its parent's child record) around an entity. */
  static final long ACTOR_BYTES_PER_ENTITY = 1_200;

  private MemoryEstimate() {}

  /** Bytes the run is expected to keep live at its height. */
  public static long bytesNeeded(Experiment experiment) {
    return bytesNeeded(experiment, experiment.model().entityCount());
  }

  /** Bytes a JVM hosting {@code entities} of the run's entities keeps live at its height. */
  private static long bytesNeeded(Experiment experiment, long entities) {
    long perEntity = switch (experiment.modelKind()) {
      case PING -> PING_BYTES_PER_ENTITY;
      case OVERLAY -> OVERLAY_BYTES_BESIDE_CACHE + HOST_CACHE_BYTES_PER_ENTRY
          * ((OverlayModel) experiment.model()).params().client().hostCacheSize();
    };
    if (experiment.hosting() == Hosting.ACTOR_PER_ENTITY) {
      perEntity += ACTOR_BYTES_PER_ENTITY;
    }
    return RUNTIME_BYTES + perEntity * entities;
  }

  /**
   * Why the run cannot fit in {@code longLivedBytes} (what the old generation of a heap of {@code
   * maxHeapBytes} may hold), or null when it can.
   */
  public static String refusal(Experiment experiment, long longLivedBytes, long maxHeapBytes) {
    return shareRefusal(experiment, experiment.model().entityCount(), longLivedBytes, maxHeapBytes);
  }

  /**
   * As {@link #refusal(Experiment, long, long)} for a JVM that hosts {@code entities} of the run's
   * entities: a cluster member's share.
   */
  public static String shareRefusal(
      Experiment experiment, long entities, long longLivedBytes, long maxHeapBytes) {
    long needed = bytesNeeded(experiment, entities);
    if (needed <= longLivedBytes) {
      return null;
    }
    // In doubles: at tens of millions of entities the product overflows a long.
    long heapNeeded = (long) ((double) needed * maxHeapBytes / Math.max(1, longLivedBytes));
    long gib = 1L << 30;
    return String.format(Locale.ROOT,
        "the run needs about %s of heap (%,d entities of the %s model at ~%,d bytes each, plus %s"
            + " for the runtime) but this JVM keeps at most %s of long-lived data (its heap is %s);"
            + " give it more with PATCHSTORM_HEAP=%s, or keep a smaller young generation (nearly"
            + " everything a run holds is long-lived) with PATCHSTORM_HEAP=%s JAVA_OPTS=-Xmn1g,"
            + " or run fewer entities or on several hosts (--cluster, --members).",
        human(needed), entities, experiment.modelKind().name().toLowerCase(Locale.ROOT),
        (needed - RUNTIME_BYTES) / Math.max(1, entities), human(RUNTIME_BYTES),
        human(longLivedBytes), human(maxHeapBytes),
        Math.max(1, (heapNeeded * 5 / 4 + gib - 1) / gib) + "g",
        // A fifth above the estimate: the collector stops a run whose old generation stays over
        // ~90% full (measured: 10 M storm peers hold 1,421 B each after a day).
        Math.max(2, (needed * 6 / 5 + gib - 1) / gib + 1) + "g");
  }

  /**
   * Why {@code runsAtOnce} runs of {@code experiment} side by side in one JVM (a sweep's {@code
   * --parallel}) cannot fit in {@code longLivedBytes}, or null when they can. When one run fits,
   * the refusal names the largest {@code --parallel} that does.
   */
  public static String refusal(
      Experiment experiment, int runsAtOnce, long longLivedBytes, long maxHeapBytes) {
    String oneRun = refusal(experiment, longLivedBytes, maxHeapBytes);
    long each = bytesNeeded(experiment);
    if (oneRun != null || each * runsAtOnce <= longLivedBytes) {
      return oneRun;
    }
    long fitting = longLivedBytes / each;
    return String.format(Locale.ROOT,
        "%d runs at a time need about %s of heap (%s each: %,d entities of the %s model) but"
            + " this JVM keeps at most %s of long-lived data (its heap is %s); run at most %d at"
            + " a time with --parallel %d, give it more heap with PATCHSTORM_HEAP=%s, or spread"
            + " the runs over a cluster (--cluster, --members).",
        runsAtOnce, human(each * runsAtOnce), human(each), experiment.model().entityCount(),
        experiment.modelKind().name().toLowerCase(Locale.ROOT), human(longLivedBytes),
        human(maxHeapBytes), fitting, fitting,
        Math.max(1, ((each * runsAtOnce * maxHeapBytes / Math.max(1, longLivedBytes)) * 5 / 4
            + (1L << 30) - 1) >> 30) + "g");
  }

  private static String human(long bytes) {
    return bytes >= 1L << 30
        ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MB", bytes >> 20);
  }
}
