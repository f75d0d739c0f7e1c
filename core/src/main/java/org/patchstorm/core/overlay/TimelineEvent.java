package org.patchstorm.core.overlay;

import org.patchstorm.core.overlay.dist.Distribution;

/** One scheduled event of a scenario. Pure data: every entity holds the whole timeline. */
public sealed interface TimelineEvent {

  /** Virtual time (µs) at which the event takes effect. */
  long at();

  /** Which peers a restart burst may pick. */
  enum Selector {
    /** Any peer. */
    ALL,
    /** Peers that install updates automatically (the OS/update mix). */
    AUTO_UPDATE,
    /** Peers eligible for supernode duty. */
    ELIGIBLE
  }

  /**
   * A wave of restarts. Each selected peer (a {@code fraction} of those matching {@code
   * selector}, drawn from its own stream) restarts at {@code at} + uniform(0, window), or, when
   * {@code localTimeOfDay >= 0}, at the first time at or after {@code at} when its region's
   * clock shows that time, plus uniform(0, window). It is down for a {@code downtime} sample (s),
   * exits cleanly (tells its clients and supernode) or crashes. A peer that is off at its time
   * restarts {@code missedDelay} after its next start (XP's "install missed updates one minute
   * after boot"), unless {@code missedDelay < 0}. Supernodes take part only if {@code
   * includeSupernodes}.
   */
  record RestartBurst(
      long at,
      long localTimeOfDay,
      long window,
      double fraction,
      Selector selector,
      Distribution downtime,
      boolean crash,
      boolean includeSupernodes,
      long missedDelay) implements TimelineEvent {
    public RestartBurst {
      OverlayParams.check(at >= 0 && window >= 0, "restart-burst: at and window must be >= 0");
      OverlayParams.check(fraction >= 0 && fraction <= 1, "restart-burst: fraction in [0, 1]");
      OverlayParams.check(localTimeOfDay < 24 * OverlayParams.HOUR, "restart-burst: local-time < 24h");
    }
  }

  /** An operator fix: from {@code at} on, parameter {@code key} has {@code value}. */
  record SetParameter(long at, String key, double value) implements TimelineEvent {
    public SetParameter {
      OverlayParams.check(at >= 0, "set-parameter: at >= 0");
      OverlayParams.check(OverlayParams.SETTABLE.contains(key),
          "set-parameter: unknown key '" + key + "', settable are " + OverlayParams.SETTABLE);
    }
  }

  /** Dedicated high-capacity supernodes, dormant entities that wake at {@code at}. */
  record AddSupernodes(long at, int count, int maxClients, double messageRate) implements TimelineEvent {
    public AddSupernodes {
      OverlayParams.check(at >= 0 && count >= 1, "add-supernodes: at >= 0 and count >= 1");
      OverlayParams.check(maxClients >= 1 && messageRate > 0, "add-supernodes: capacity > 0");
    }
  }

  /** Log-in admission limit over the whole pool (log-ins/s; 0 lifts it). */
  record ThrottleLogins(long at, double perSecond) implements TimelineEvent {
    public ThrottleLogins {
      OverlayParams.check(at >= 0 && perSecond >= 0, "throttle-logins: at and per-second >= 0");
    }
  }

  /** The end of the run (the experiment's duration when it is shorter wins). */
  record EndOfRun(long at) implements TimelineEvent {}
}
