package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.attack.RequestKind;
import org.patchstorm.core.overlay.attack.TargetKind;
import org.patchstorm.core.overlay.crash.WarmUp;
import org.patchstorm.core.overlay.dist.Distribution;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * The attack and crash reference scenarios in code, at any scale (the shipped experiment files
 * set the same values). A scenario is the overlay parameters plus the attack parameters.
 */
public final class AttackScenarios {

  /** Europe, the region the 2017 outage hit, in the default geography. */
  public static final int EUROPE = 1;

  private AttackScenarios() {}

  public record Scenario(OverlayParams overlay, AttackParams attack) {}

  /**
   * June 2017: {@code bots} bots (the claim was 50 k against ~8 M users; 1:160 of that is a
   * peer share of ~0.6%) flood the login servers with log-in requests at {@code ratePerBot}
   * from {@code start} for {@code length}; {@code mitigation} ("configuration corrections")
   * switches on per-source rate limits and blocking of detected sources at the supernodes.
   */
  public static Scenario ddos2017(int peers, int bots, double ratePerBot, long start, long length, long mitigation) {
    // By 2017 supernodes ran in the operator's data centres: they shed load rather than quit,
    // and clients backed off with jitter: the default (fixed) healing from a hot start.
    OverlayParams base = OverlayScenarios.baseline(peers);
    OverlayParams overlay = base.withHealing(base.healing().withInitialShare(0.003));
    Botnet botnet = new Botnet("claimed-2017", bots, ratePerBot, start, start + length, 5 * MINUTE, 0, 0,
        TargetKind.LOGIN_SERVERS, 0, -1, RequestKind.LOGIN, 1);
    List<TimelineEvent> events = new ArrayList<>(overlay.timeline().events());
    if (mitigation >= 0) {
      events.add(new TimelineEvent.SetDefence(mitigation, "rate-limit.enabled", 1));
      events.add(new TimelineEvent.SetDefence(mitigation, "blocking.enabled", 1));
      events.add(new TimelineEvent.SetDefence(mitigation, "admission.enabled", 1));
    }
    AttackParams attack = AttackParams.none().withService(AttackParams.lightProbes()).withBotnets(List.of(botnet))
        .withDefences(mitigationDefences());
    return new Scenario(overlay.withTimeline(new Timeline(events)), attack);
  }

  /** The same attack met by defences on from the start: per-source limits and admission control. */
  public static Scenario ddos2017Defended(int peers, int bots, double ratePerBot, long start, long length) {
    Scenario s = ddos2017(peers, bots, ratePerBot, start, length, -1);
    Defences d = mitigationDefences().with("rate-limit.enabled", 1).with("admission.enabled", 1)
        .with("blocking.enabled", 1).with("blocking.detection-delay", MINUTE);
    return new Scenario(s.overlay(), s.attack().withDefences(d));
  }

  /**
   * The defences' settings (off until switched on): 0.1 request/s per source with bursts of 3
   * (a user logs in once a session and sends a few messages an hour), shedding past 3% of a
   * login queue (what a worker serves within a client's time-out), blocking sources above 2 requests/s over a minute or recognised by the traffic
   * classifier (99% of bots, 0.1% of users), ten minutes after detection.
   */
  static Defences mitigationDefences() {
    return new Defences(
        new Defences.RateLimit(false, org.patchstorm.core.overlay.defence.Scope.ALL, 0.1, 3),
        new Defences.Admission(false, org.patchstorm.core.overlay.defence.Scope.LOGIN, 0.03),
        new Defences.Blocking(false, org.patchstorm.core.overlay.defence.Scope.ALL, 10 * MINUTE, 2, MINUTE,
            0.99, 0.001, 0));
  }

  /**
   * December 2010: at {@code crashAt} the clients of the affected version (half the users)
   * crash within ten minutes with a 40% chance each (about 20% of all users), supernodes
   * included; they are down 2-10 minutes and come back, supernodes in their role but cold for
   * 30 minutes; supernodes shut themselves down under overload. What makes it a cascade is the
   * cost of a (re)connection: a client that comes back syncs its contact list, presence and
   * offline messages through its supernode (the reported ~100x normal supernode traffic), 40
   * units of work, 4 s of a supernode's capacity, queued up to 100 s. The login pool has ten
   * times the baseline's headroom: in 2010 the log-in servers were not the bottleneck, and
   * this keeps the story on the supernodes. {@code recovery} deploys dedicated
   * mega-supernodes (one per 1,000 peers, at least two, 4,000 clients each) and throttles
   * log-ins to 2x the normal rate for two hours (controlled re-admission); -1 leaves it out.
   */
  public static Scenario skype2010(int peers, long crashAt, long recovery) {
    OverlayParams base = OverlayScenarios.baseline(peers);
    double normalLogins = normalLoginRate(base);
    OverlayParams.Login l = base.login();
    base = base.withLogin(new OverlayParams.Login(l.servers(), 10 * l.workers(), l.serviceTime(), l.queueCapacity(),
        l.admissionRate(), l.region(), l.clientTimeout(), l.retry(), l.throttle(), l.giveUpAfter(), l.giveUpPause()));
    base = withSupernodeQueue(base, SUPERNODE_QUEUE);
    List<TimelineEvent> events = new ArrayList<>(base.timeline().events());
    events.add(new TimelineEvent.RestartBurst(crashAt, -1, 10 * MINUTE, 0.4,
        TimelineEvent.Selector.AFFECTED_VERSION, Distribution.uniform(120, 600), true, true, -1));
    if (recovery >= 0) {
      events.add(new TimelineEvent.AddSupernodes(recovery, megaSupernodes(peers), 4000, 400));
      events.add(new TimelineEvent.ThrottleLogins(recovery, 2 * normalLogins));
      events.add(new TimelineEvent.ThrottleLogins(recovery + 2 * HOUR, 0));
    }
    // The healing of the time: clients take the first supernode that answers, supernodes take
    // clients whatever their load and quit under sustained overload (two hours' cool-down).
    OverlayParams overlay = base.withHealing(OverlayParams.Healing.flawed2007()).withTimeline(new Timeline(events));
    AttackParams attack = AttackParams.none().withService(AttackParams.lightProbes())
        .withCrash(new AttackParams.Crash(0.5, new WarmUp(30 * MINUTE, 0.1), true, SYNC_COST));
    return new Scenario(overlay, attack);
  }

  /**
   * Work units a client's first connection after the crash costs each supernode it tries in the
   * 2010 scenarios (contacts, presence and offline messages to sync): 10 s of a supernode's
   * capacity. Ordinary connections keep the default cost, so the overlay is steady until the
   * crash.
   */
  public static final int SYNC_COST = 100;
  /** Supernode queue (work units) in the 2010 scenarios: 100 s at the default 10 units/s. */
  public static final int SUPERNODE_QUEUE = 1000;

  /** Dedicated mega-supernodes of the 2010 recovery: one per 1,000 peers, at least two. */
  public static int megaSupernodes(int peers) {
    return Math.max(2, peers / 1000);
  }

  /** The steady log-in rate the baseline is dimensioned for: a fifth of the pool's throughput. */
  public static double normalLoginRate(OverlayParams p) {
    return OverlayScenarios.loginCapacity(p) / 5;
  }

  static OverlayParams withSupernodeQueue(OverlayParams p, int queueCapacity) {
    OverlayParams.Supernode n = p.supernode();
    return p.withSupernode(new OverlayParams.Supernode(n.nominalClients(), n.maxClients(), n.messageRate(),
        n.perClientLoad(), queueCapacity, n.connectCost(), n.listSample(), n.gossipFanout()));
  }

  /**
   * The crash met by a defence that would have held: overloaded supernodes drop what their queue
   * cannot hold but keep serving, instead of shutting themselves down (the 2007 operator fix,
   * kept). A quitting supernode hands all its clients to the others at once; a busy one only
   * delays some. (Admission control at the supernodes with the shedding threshold at half the
   * queue, and the 2007 fixed healing, held less well at small scale: shed clients reconnect
   * and keep the queues full.)
   */
  public static Scenario skype2010Defended(int peers, long crashAt) {
    Scenario s = skype2010(peers, crashAt, -1);
    OverlayParams o = s.overlay();
    return new Scenario(o.with("healing.self-shutdown", 0), s.attack());
  }
}
