package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemberWindowTest {
  private static final long EPOCH = 10_000;

  /** Four partitions on two members (0 and 2 on one, 1 and 3 on the other), windows of 3 epochs. */
  private static final Placement PLACEMENT = Placement.of(new TwoZoneModel(40, 30_000), 4, 2);

  @Test
  void partitionsOfTheOtherMemberAreRemote() {
    MemberWindow window = new MemberWindow(PLACEMENT, 0, EPOCH);
    assertEquals(3, PLACEMENT.windowEpochs());
    assertFalse(window.remote(2));
    assertTrue(window.remote(1));
    assertTrue(window.remote(3));
  }

  @Test
  void membersMeetBeforeTheFirstEpochAndAtEveryWindowEnd() {
    MemberWindow window = new MemberWindow(PLACEMENT, 0, EPOCH);
    assertTrue(window.mustMeetBefore(0), "the first meeting comes before anything runs");
    window.entered(4);  // window [3, 6)
    assertFalse(window.mustMeetBefore(5));
    assertTrue(window.mustMeetBefore(6));
    assertTrue(window.mustMeetBefore(Long.MAX_VALUE), "nothing left here: meet");
  }

  @Test
  void heldEventsAreHandedOverOnceWithTheirEarliestEpoch() {
    MemberWindow window = new MemberWindow(PLACEMENT, 0, EPOCH);
    window.entered(3);  // window [3, 6)
    EventBuffer sent = new EventBuffer(4);
    sent.add(75_000, 1, 0, 0, null);  // epoch 7
    sent.add(62_000, 3, 0, 1, null);  // epoch 6
    window.hold(1, sent);
    assertEquals(6, window.takeEarliest());
    assertEquals(Long.MAX_VALUE, window.takeEarliest(), "taken: afresh");
    assertEquals(2, window.take(1).size());
    assertNull(window.take(1));
  }

  @Test
  void anEventDueWithinTheWindowIsAModelErrorNamingItsEntities() {
    MemberWindow window = new MemberWindow(PLACEMENT, 0, EPOCH);
    window.entered(3);  // window [3, 6)
    EventBuffer sent = new EventBuffer(1);
    sent.add(59_999, 5, 4, 0, null);  // epoch 5: before the window ends
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> window.hold(1, sent));
    assertTrue(e.getMessage().contains("entity 4 sent entity 5"), e.getMessage());
  }
}
