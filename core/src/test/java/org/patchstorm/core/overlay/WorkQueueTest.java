package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patchstorm.core.overlay.OverlayParams.SECOND;

import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void drainsAtTheServiceRate() {
    WorkQueue queue = new WorkQueue(0);
    queue.admit(0, 10, 5.0, 100);
    assertEquals(10.0, queue.queuedUnits(0, 5.0), 1e-9);
    assertEquals(5.0, queue.queuedUnits(SECOND, 5.0), 1e-9);
    assertEquals(0.0, queue.queuedUnits(3 * SECOND, 5.0), 1e-9, "never below empty");
  }

  @Test
  void workWaitsBehindTheBacklog() {
    WorkQueue queue = new WorkQueue(0);
    assertEquals(2 * SECOND, queue.admit(0, 10, 5.0, 100), "10 units at 5/s");
    assertEquals(4 * SECOND, queue.admit(0, 10, 5.0, 100), "behind the first 10");
    assertEquals(3 * SECOND, queue.admit(SECOND, 0, 5.0, 100), "5 drained in the second that passed");
  }

  @Test
  void dropsWorkThatDoesNotFitAndKeepsTheRest() {
    WorkQueue queue = new WorkQueue(0);
    queue.admit(0, 15, 5.0, 20);
    assertEquals(-1, queue.admit(0, 10, 5.0, 20));
    assertEquals(15.0, queue.queuedUnits(0, 5.0), 1e-9, "the dropped work is not queued");
    assertEquals(4 * SECOND, queue.admit(0, 5, 5.0, 20), "what fits exactly is taken");
    assertEquals(-1, queue.admit(0, 1, 5.0, 20));
    assertEquals(2 * SECOND, queue.admit(2 * SECOND, 0, 5.0, 20), "room again once it drained");
  }

  @Test
  void fillIsTheShareOfTheCapacityInUse() {
    WorkQueue queue = new WorkQueue(0);
    queue.admit(0, 25, 10.0, 100);
    assertEquals(0.25, queue.fill(0, 10.0, 100), 1e-9);
    assertEquals(0.15, queue.fill(SECOND, 10.0, 100), 1e-9);
  }
}
