package org.patchstorm.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The outgoing events of one partition during one epoch, one buffer per worker thread so that
 * concurrently running entities append without contention or per-send allocation. The order in
 * which buffers are read back does not matter: events are sorted canonically before delivery.
 */
public final class Outboxes {
  private final ThreadLocal<EventBuffer> current;
  private final List<EventBuffer> all = new ArrayList<>();

  public Outboxes() {
    current =
        ThreadLocal.withInitial(
            () -> {
              EventBuffer buffer = new EventBuffer(1024);
              synchronized (all) {
                all.add(buffer);
              }
              return buffer;
            });
  }

  /** The calling thread's buffer. */
  EventBuffer forCurrentThread() {
    return current.get();
  }

  /**
   * Every buffer written so far. Only call while no entity of this partition runs; the epoch
   * countdown makes their writes visible.
   */
  List<EventBuffer> drain() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }
}
