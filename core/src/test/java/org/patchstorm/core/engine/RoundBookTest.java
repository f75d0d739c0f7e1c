package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundBookTest {

  private static EventBuffer from(int sender) {
    EventBuffer events = new EventBuffer(1);
    events.add(50_000, 0, sender, 0, null);
    return events;
  }

  @Test
  void aRoundClosesOnlyOnceThisPartitionSentAndEveryPartnerIsIn() {
    RoundBook book = new RoundBook(2, 2);
    book.received(false, 0, new RoundBook.Incoming(2, 9, null));
    assertFalse(book.roundComplete(), "own batch not sent, partner 1 missing");
    book.roundSent(7);
    assertFalse(book.roundComplete(), "partner 1 missing");
    book.received(false, 0, new RoundBook.Incoming(1, 5, null));
    assertTrue(book.roundComplete());
    assertEquals(5, book.closeRound(e -> {}), "the earliest announced");
    assertEquals(1, book.rounds());
    assertFalse(book.roundComplete(), "the next round waits for this partition's batch");
  }

  @Test
  void batchesAreHandedOverInPartitionOrderWhateverTheArrivalOrder() {
    RoundBook book = new RoundBook(3, 3);
    book.roundSent(Long.MAX_VALUE);
    book.received(false, 0, new RoundBook.Incoming(3, 4, from(3)));
    book.received(false, 0, new RoundBook.Incoming(1, 6, from(1)));
    book.received(false, 0, new RoundBook.Incoming(2, 8, from(2)));
    List<Integer> order = new ArrayList<>();
    assertEquals(4, book.closeRound(e -> order.add(e.sender(0))));
    assertEquals(List.of(1, 2, 3), order);
  }

  @Test
  void aPartnerAheadByARoundWaitsForItsRound() {
    RoundBook book = new RoundBook(1, 1);
    book.received(false, 1, new RoundBook.Incoming(1, 3, null));
    book.roundSent(10);
    assertFalse(book.roundComplete(), "round 0's batch is not in yet");
    book.received(false, 0, new RoundBook.Incoming(1, 2, null));
    assertEquals(2, book.closeRound(e -> {}));
    book.roundSent(10);
    assertEquals(3, book.closeRound(e -> {}), "the early batch closes round 1");
  }

  @Test
  void aMeetingWaitsForEveryPartnerAndKeepsItsOwnNumbers() {
    // Partner 1 is on this member (met every round), 2 and 3 on others (met at meetings only).
    RoundBook book = new RoundBook(1, 3);
    book.received(true, 0, new RoundBook.Incoming(2, 40, from(2)));
    book.received(true, 0, new RoundBook.Incoming(3, 30, null));
    book.meetingSent(50);
    assertFalse(book.meetingComplete(), "partner 1's meeting batch is missing");
    book.received(true, 0, new RoundBook.Incoming(1, 60, null));
    List<Integer> accepted = new ArrayList<>();
    assertEquals(30, book.closeMeeting(e -> accepted.add(e.sender(0))));
    assertEquals(List.of(2), accepted);
    assertEquals(1, book.meetings());
    assertEquals(0, book.rounds(), "meetings do not count as rounds");
    assertFalse(book.meetingOpen());
  }

  @Test
  void aLonePartitionNeedsNobody() {
    RoundBook book = new RoundBook(0, 0);
    book.roundSent(12);
    assertEquals(12, book.closeRound(e -> {}));
  }

  @Test
  void closingAnIncompleteRoundIsAnError() {
    RoundBook book = new RoundBook(1, 1);
    book.roundSent(1);
    assertThrows(IllegalStateException.class, () -> book.closeRound(e -> {}));
    assertThrows(IllegalStateException.class, () -> book.closeMeeting(e -> {}));
  }
}
