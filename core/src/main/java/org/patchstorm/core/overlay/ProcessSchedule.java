package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.overlay.TimelineEvent.RestartBurst;

/**
 * When a peer's client process runs: session lengths, off-line gaps that keep the region on its
 * diurnal curve, and the timeline's restart bursts that hit this peer (a burst that finds the
 * process off catches it in its next run, if the burst says so).
 */
final class ProcessSchedule {

  private final PeerIdentity self;
  private final OverlayWorld world;
  /** A restart burst that found the process off; it restarts later in its next run. */
  private int pendingBurst = -1;
  /** A supernode that crashed comes back in that role (if the crash model says so). */
  private boolean resumeRole;
  /** When the user means to end the current session; giving up does not move it. */
  private long sessionEndsAt;
  /** The next run resumes the session the user gave up on, until sessionEndsAt. */
  private boolean resumeSession;

  ProcessSchedule(PeerIdentity self) {
    this.self = self;
    this.world = self.world();
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
   * and the number on line overshot its diurnal level once the overlay recovered.
   */
  long afterGiveUp(EntityContext ctx, OverlayParams p) {
    long pause = Math.max(1, p.login().giveUpPause().sampleMicros(ctx.random()));
    if (ctx.now() + pause < sessionEndsAt) {
      resumeSession = true;
      return pause;
    }
    return startAfter(ctx, sessionEndsAt);
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
    long next = world.nextStart(self.region(), self.eligible(), from, ctx.random().nextExponential());
    return Math.max(OverlayParams.SECOND, next - ctx.now());
  }

  /** At time 0: a RESTART timer for every burst that picks this peer. */
  void scheduleBursts(EntityContext ctx, OverlayParams p) {
    List<RestartBurst> bursts = p.timeline().restartBursts();
    for (int i = 0; i < bursts.size(); i++) {
      RestartBurst b = bursts.get(i);
      // Draw both numbers whatever the outcome, so one burst's settings do not shift another's.
      double pick = ctx.random().nextDouble();
      double jitter = ctx.random().nextDouble();
      boolean matches = switch (b.selector()) {
        case ALL -> true;
        case AUTO_UPDATE -> world.autoUpdate(self.id());
        case ELIGIBLE -> self.eligible();
        case AFFECTED_VERSION -> world.affectedVersion(self.id());
      };
      if (!matches || pick >= b.fraction()) {
        continue;
      }
      long time = b.at();
      if (b.localTimeOfDay() >= 0) {
        long offset = world.utcOffsetMicros(self.region());
        long local = b.at() + offset;
        long day = 24 * OverlayParams.HOUR;
        long candidate = Math.floorDiv(local, day) * day + b.localTimeOfDay() - offset;
        time = candidate < b.at() ? candidate + day : candidate;
      }
      time += (long) (jitter * b.window());
      ctx.schedule(Math.max(0, time - ctx.now()), PeerTimer.RESTART.timer(0, i));
    }
  }

  /** A run of the process starts: a burst it missed while off restarts it a little later. */
  void onRunStart(EntityContext ctx, OverlayParams p, int sessionGen) {
    if (pendingBurst >= 0) {
      RestartBurst b = p.timeline().restartBursts().get(pendingBurst);
      ctx.schedule(b.missedDelay(), PeerTimer.PENDING_RESTART.timer(sessionGen, pendingBurst));
      pendingBurst = -1;
    }
  }

  /**
   * Burst {@code index} reaches the peer ({@code pending}: the catch-up of a missed one). Returns
   * the burst if the process restarts now, else null (off: remembered if the burst says so; a
   * supernode the burst spares).
   */
  RestartBurst restartNow(OverlayParams p, int index, boolean pending, boolean off, boolean serving) {
    RestartBurst b = p.timeline().restartBursts().get(index);
    if (off) {
      if (!pending && b.missedDelay() >= 0) {
        pendingBurst = index;
      }
      return null;
    }
    return serving && !b.includeSupernodes() ? null : b;
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
