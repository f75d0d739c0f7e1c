package org.patchstorm.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a partition waits for from its partners: each round, a batch from every partner it meets
 * every epoch; with member windows, each meeting, a batch from every partner. Batches may come
 * early (a partner can be a round ahead) and in any order. A round or meeting closes only once
 * this partition sent its own and every partner's is in; closing hands their events over in
 * partition order, so the calendar sees the same sequence whatever the arrival order, and gives
 * the earliest epoch anyone announced, which every partition thereby agrees on. Plain state,
 * driven by the partition actor.
 */
public final class RoundBook {

  /** One partner's batch: the earliest epoch it holds or sent, and its events for us (or null). */
  public record Incoming(int from, long earliestEpoch, EventBuffer events) {}

  private final int roundPartners;
  private final int meetingPartners;
  private final TreeMap<Long, List<Incoming>> rounds = new TreeMap<>();
  private final TreeMap<Long, List<Incoming>> meetings = new TreeMap<>();
  private long round;
  private long meeting;
  private boolean roundSent;
  private boolean meetingOpen;
  private long ownRoundEarliest;
  private long ownMeetingEarliest;

  /**
   * @param roundPartners partners met every round (those on the same member, or all of them)
   * @param meetingPartners partners met at each meeting (all of them)
   */
  public RoundBook(int roundPartners, int meetingPartners) {
    this.roundPartners = roundPartners;
    this.meetingPartners = meetingPartners;
  }

  /** A partner's batch for round (or meeting) {@code number}. */
  public void received(boolean forMeeting, long number, Incoming batch) {
    (forMeeting ? meetings : rounds).computeIfAbsent(number, n -> new ArrayList<>()).add(batch);
  }

  /** This partition sent its batches of the current round, announcing {@code ownEarliest}. */
  public void roundSent(long ownEarliest) {
    roundSent = true;
    ownRoundEarliest = ownEarliest;
  }

  /** This partition opened the current meeting, announcing {@code ownEarliest}. */
  public void meetingSent(long ownEarliest) {
    meetingOpen = true;
    ownMeetingEarliest = ownEarliest;
  }

  /** Rounds closed so far (also the number of the current one). */
  public long rounds() {
    return round;
  }

  /** Meetings closed so far (also the number of the current one). */
  public long meetings() {
    return meeting;
  }

  public boolean meetingOpen() {
    return meetingOpen;
  }

  public boolean roundComplete() {
    return roundSent && complete(rounds.get(round), roundPartners);
  }

  public boolean meetingComplete() {
    return meetingOpen && complete(meetings.get(meeting), meetingPartners);
  }

  /**
   * Closes the complete current round: {@code accept} takes its partners' events in partition
   * order. Returns the earliest epoch announced in it, this partition's included.
   */
  public long closeRound(Consumer<EventBuffer> accept) {
    if (!roundComplete()) {
      throw new IllegalStateException("round " + round + " is not complete");
    }
    long agreed = close(rounds.remove(round), ownRoundEarliest, accept);
    round++;
    roundSent = false;
    return agreed;
  }

  /** As {@link #closeRound}, for the open meeting. */
  public long closeMeeting(Consumer<EventBuffer> accept) {
    if (!meetingComplete()) {
      throw new IllegalStateException("meeting " + meeting + " is not complete");
    }
    long agreed = close(meetings.remove(meeting), ownMeetingEarliest, accept);
    meeting++;
    meetingOpen = false;
    return agreed;
  }

  private static boolean complete(List<Incoming> in, int partners) {
    return partners == 0 || (in != null && in.size() >= partners);
  }

  private static long close(List<Incoming> in, long own, Consumer<EventBuffer> accept) {
    long earliest = own;
    if (in != null) {
      in.sort(Comparator.comparingInt(Incoming::from));
      for (Incoming b : in) {
        if (b.events() != null) {
          accept.accept(b.events());
        }
        earliest = Math.min(earliest, b.earliestEpoch());
      }
    }
    return earliest;
  }
}
