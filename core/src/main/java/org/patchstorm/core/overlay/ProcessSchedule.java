package org.patchstorm.core.overlay;

import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.OverlayMessage.Restart;

/**
 * When a peer's client process runs: session lengths, off-line gaps that keep the region on its
 * diurnal curve, and the coordinator's restarts (one that finds the process off catches it in
 * its next run, if the command says so).
 */
final class ProcessSchedule {

  private final PeerIdentity self;
  /** A restart that found the process off; it restarts later in its next run. */
  private Restart pendingRestart;
  /** The missed restart, scheduled in the current run. */
  private Restart dueRestart;
  /** A supernode that crashed comes back in that role (if the crash model says so). */
  private boolean resumeRole;
  /** When the user means to end the current session; giving up does not move it. */
  private long sessionEndsAt;
  /** The next run resumes the session the user gave up on, until sessionEndsAt. */
  private boolean resumeSession;
  /**
   * Only between a give-up and the next sign-in (null otherwise): most users never give up, and
   * every peer has a schedule.
   */
  private UserPatience patience;

  ProcessSchedule(PeerIdentity self) {
    this.self = self;
  }

  /**
   * A run of the process begins a session, or resumes the one the user gave up on: returns its
   * length (until SESSION_END).
   */
  long beginSession(EntityContext ctx, OverlayParams p) {
    long length = resumeSession
        ? Math.max(OverlayParams.SECOND, sessionEndsAt - ctx.now())
        : sessionLength(ctx, p);
    resumeSession = false;
    sessionEndsAt = ctx.now() + length;
    return length;
  }

  /**
   * The user gave up getting on line and closed the client: the delay until the next start. They
   * try again after a pause while the session they meant to have lasts, and otherwise come back
   * as anyone does after a session (a user who gave up in the evening does not return at
   * 2 a.m.). Retrying every pause for good instead made every user who ever gave up come back,
   * and the number on line overshot its diurnal level once the overlay recovered. A user who has
   * lost heart (see {@link UserPatience}) stays away longer and then comes back at an ordinary
   * start.
   */
  long afterGiveUp(EntityContext ctx, OverlayParams p) {
    if (patience == null) {
      patience = new UserPatience();
    }
    long away = patience.awayAfterGiveUp(p.login().discouragement(), ctx.random());
    if (away > 0) {
      resumeSession = false; // the session they meant to have is given up too
      return startAfter(ctx, ctx.now() + away);
    }
    long pause = Math.max(1, p.login().giveUpPause().sampleMicros(ctx.random()));
    if (ctx.now() + pause < sessionEndsAt) {
      resumeSession = true;
      return pause;
    }
    return startAfter(ctx, sessionEndsAt);
  }

  /** The user got on line: failures before no longer weigh on them. */
  void signedIn() {
    patience = null; // a fresh one at the next give-up counts from one, as a reset one would
  }

  /** A fresh draw of a session's length. */
  long sessionLength(EntityContext ctx, OverlayParams p) {
    double scale = self.eligible() ? p.population().eligibleSessionScale() : 1;
    return Math.max(OverlayParams.SECOND, (long) (p.population().session().sampleMicros(ctx.random()) * scale));
  }

  /**
   * Off-line time: until the next start of a time-varying Poisson process that keeps the
   * region's online share on its diurnal curve (see {@link OverlayWorld#nextStart}).
   */
  long offlineGap(EntityContext ctx) {
    return startAfter(ctx, ctx.now());
  }

  /** The delay from now until the diurnal start process's next start after {@code from}. */
  private long startAfter(EntityContext ctx, long from) {
    long next = self.world().nextStart(self.region(), self.eligible(), from, ctx.random().nextExponential());
    return Math.max(OverlayParams.SECOND, next - ctx.now());
  }

  /** A run of the process starts: a restart it missed while off comes a little later. */
  void onRunStart(EntityContext ctx, int sessionGen) {
    if (pendingRestart != null) {
      dueRestart = pendingRestart;
      pendingRestart = null;
      ctx.schedule(dueRestart.missedDelay(), PeerTimer.PENDING_RESTART.timer(sessionGen));
    }
  }

  /**
   * The coordinator's restart reaches the peer ({@code pending}: the catch-up of a missed one).
   * Returns the command if the process restarts now, else null (off: remembered if the command
   * says so; a supernode the burst spares).
   */
  Restart restartNow(Restart command, boolean off, boolean serving) {
    if (off) {
      if (command.missedDelay() >= 0) {
        pendingRestart = command;
      }
      return null;
    }
    return serving && !command.includeSupernodes() ? null : command;
  }

  /** The missed restart is due in this run: returns it (once), or null if there is none. */
  Restart takeDue() {
    Restart command = dueRestart;
    dueRestart = null;
    return command;
  }

  void resumeRoleOnReturn(boolean resume) {
    resumeRole = resume;
  }

  /** Whether the returning process takes its supernode role up again; asks once per return. */
  boolean takeResumeRole() {
    boolean resume = resumeRole;
    resumeRole = false;
    return resume;
  }
}
