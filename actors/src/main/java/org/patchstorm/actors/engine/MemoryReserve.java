package org.patchstorm.actors.engine;

/**
 * A few megabytes held from the start and let go when the heap runs out, so that reporting the
 * failure (a message, the failed manifest) still finds room to allocate.
 */
public final class MemoryReserve {
  private static final int BYTES = 8 << 20;
  private static volatile byte[] reserve = new byte[BYTES];

  private MemoryReserve() {}

  /**
   * Takes the reserve now, if not yet taken: the class loads on first use, and loading it only
   * when the heap has run out would fail for want of those same megabytes.
   */
  public static void hold() {
    // Class initialisation has allocated the reserve by the time this runs.
  }

  /** Frees the reserve (once); call first thing after catching an OutOfMemoryError. */
  public static void release() {
    reserve = null;
  }
}
