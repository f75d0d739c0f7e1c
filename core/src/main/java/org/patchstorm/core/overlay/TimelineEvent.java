package org.patchstorm.core.overlay;

import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.dist.Distribution;

/**
 * One scheduled event of a scenario. Pure data, carried out by the coordinator ({@link
 * CoordinatorEntity}): at the event's time it selects the targets and sends them commands.
 */
public sealed interface TimelineEvent {

  /** Virtual time (µs) at which the event takes effect. */
  long at();

  /** A short label for charts and logs, e.g. "restart burst (30%)". */
  static String describe(TimelineEvent e) {
    if (e instanceof RestartBurst b) {
      return String.format(java.util.Locale.ROOT, "restart burst (%.0f%%)", b.fraction() * 100);
    }
    if (e instanceof SetParameter p) {
      return p.key() + " = " + number(p.value());
    }
    if (e instanceof AddSupernodes a) {
      return "+" + a.count() + " supernodes";
    }
    if (e instanceof ThrottleLogins t) {
      return "log-ins throttled to " + number(t.perSecond()) + "/s";
    }
    if (e instanceof SetDefence d) {
      return d.key() + " = " + number(d.value());
    }
    if (e instanceof StartBotnet s) {
      return "botnet " + s.botnet() + " starts";
    }
    if (e instanceof StopBotnet s) {
      return "botnet " + s.botnet() + " stops";
    }
    return "end of run";
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Which peers a restart burst may pick. */
  enum Selector {
    /** Any peer. */
    ALL,
    /** Peers that install updates automatically (the OS/update mix). */
    AUTO_UPDATE,
    /** Peers eligible for supernode duty. */
    ELIGIBLE,
    /** Peers running the affected client version (the 2010 crash: Windows 5.0.0152). */
    AFFECTED_VERSION
  }

  /**
   * A wave of restarts. Each selected peer (a {@code fraction} of those matching {@code
   * selector}, drawn by the coordinator from the event's own stream) restarts at {@code at} + uniform(0, window), or, when
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
      OverlayParams.check(OverlayParams.SETTABLE.contains(key), OverlayParams.SETTABLE.unknown(key));
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

  /**
   * A defence switched or tuned from {@code at} on: {@code key} is one of {@link
   * org.patchstorm.core.overlay.defence.Defences#SETTABLE} (booleans 1/0, durations µs).
   */
  record SetDefence(long at, String key, double value) implements TimelineEvent {
    public SetDefence {
      OverlayParams.check(at >= 0, "set-defence: at >= 0");
      OverlayParams.check(Defences.SETTABLE.contains(key), Defences.SETTABLE.unknown(key));
    }
  }

  /**
   * A botnet declared in {@code patchstorm.overlay.botnets} starts (again) at {@code at}: its
   * bots join over its ramp, its waves count from {@code at}. Bots exist from the start of a run,
   * so only declared botnets can be started.
   */
  record StartBotnet(long at, String botnet) implements TimelineEvent {
    public StartBotnet {
      OverlayParams.check(at >= 0, "start-botnet: at >= 0");
    }
  }

  /** A declared botnet stops at {@code at} (until a later start-botnet). */
  record StopBotnet(long at, String botnet) implements TimelineEvent {
    public StopBotnet {
      OverlayParams.check(at >= 0, "stop-botnet: at >= 0");
    }
  }

  /** The end of the run (the experiment's duration when it is shorter wins). */
  record EndOfRun(long at) implements TimelineEvent {}
}
