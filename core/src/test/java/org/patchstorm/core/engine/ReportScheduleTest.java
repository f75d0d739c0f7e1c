package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReportScheduleTest {

  @Test
  void rowsCoverTheRunAndTheLastOneEndsAtTheEnd() {
    ReportSchedule s = new ReportSchedule(1000, 3500); // rows end at 1000, 2000, 3000, 3500
    assertEquals(4, s.rows());
    assertEquals(1000, s.boundaryMicros(1));
    assertEquals(3000, s.boundaryMicros(3));
    assertEquals(3500, s.boundaryMicros(4));
    assertEquals(3, new ReportSchedule(1000, 3000).rows());
    assertEquals(1, new ReportSchedule(5000, 3000).rows());
  }

  @Test
  void rowsAreTakenOnceEachInOrderWhenTheirBoundaryIsReached() {
    ReportSchedule s = new ReportSchedule(1000, 3500);
    assertEquals(-1, s.takeRowDueBy(999));
    assertEquals(1, s.takeRowDueBy(1000));
    assertEquals(-1, s.takeRowDueBy(1000), "a row is taken only once");
    // Skipping a quiet stretch makes several rows due at once.
    assertEquals(2, s.takeRowDueBy(3400));
    assertEquals(3, s.takeRowDueBy(3400));
    assertEquals(-1, s.takeRowDueBy(3400));
    assertEquals(4, s.takeRowDueBy(3500));
    assertEquals(-1, s.takeRowDueBy(Long.MAX_VALUE), "no rows beyond the end");
  }

  @Test
  void rejectsNonPositiveIntervalOrEnd() {
    assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(0, 1000));
    assertThrows(IllegalArgumentException.class, () -> new ReportSchedule(1000, 0));
  }
}
