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
   * June 2017 (config/ddos-2017.conf): the claimed botnet (600 bots at 100 k peers: the claim was
   * 50 k against ~8 M users, ~0.6%; scaled with the peers) attacks from 01:00 for 48 h with
   * relayed junk of 100 work units, 0.2 per second per bot, at the supernodes of Europe;
   * clients are served by a supernode of their own region when one accepts, so Europe's users
   * lose connectivity, messages, presence and contact searches. No front at the login servers:
   * they serve every region, and the outage was mostly European. The "configuration
   * corrections" on the second day: per-source rate limits (and admission control at the login
   * servers) at 25:00, blocking of detected sources at 31:00.
   */
  public static Scenario ddos2017(int peers) {
    OverlayParams overlay = overlay2017(peers);
    List<TimelineEvent> events = new ArrayList<>(overlay.timeline().events());
    events.add(new TimelineEvent.SetDefence(25 * HOUR, "rate-limit.enabled", 1));
    events.add(new TimelineEvent.SetDefence(25 * HOUR, "admission.enabled", 1));
    events.add(new TimelineEvent.SetDefence(31 * HOUR, "blocking.enabled", 1));
    AttackParams attack = AttackParams.none().withService(probes2017()).withBotnets(claimed2017())
        .withDefences(mitigationDefences());
    return new Scenario(overlay.withTimeline(new Timeline(events)), OverlayScenarios.scaleBots(attack, peers));
  }

  /**
   * The 2017 overlay: by 2017 supernodes ran in the operator's data centres, so they shed load
   * rather than quit and clients backed off with jitter (the default, fixed healing, from a hot
   * start). The operator routes a client to its own region's supernodes, the bootstrap ones
   * included, and a flood that saturates a supernode's access link takes its clients' requests
   * and keep-alives with it ({@link #LINK_2017}, {@link #BOOTSTRAP_LINK_2017}). Like the 2010
   * bootstrap nodes', their service rate scales with the peers.
   */
  private static OverlayParams overlay2017(int peers) {
    OverlayParams written = OverlayParams.defaults();
    OverlayParams.Infrastructure i = written.infrastructure();
    written = written.withHealing(written.healing().withInitialShare(0.003))
        .withClient(written.client().withRegionChoice(RegionChoice.OWN_ONLY))
        .withSupernode(written.supernode().withLinkCapacity(LINK_2017))
        .withInfrastructure(new OverlayParams.Infrastructure(i.bootstrapSupernodes(), i.bootstrapMaxClients(),
            i.bootstrapMessageRate(), i.dedicatedPool(), true, BOOTSTRAP_LINK_2017));
    return OverlayScenarios.scaleCapacity(written.withPeers(peers));
  }

  /**
   * Work units per second a 2017 supernode's access link carries [A]: a few times its clients'
   * ordinary traffic, a thirtieth of the ~100 units/s the flood sends each target.
   */
  static final double LINK_2017 = 3;

  /**
   * A bootstrap node's link [A], in the operator's data centre: it serves ten times as fast as a
   * supernode and so draws ten times a supernode's share of the flood (~1,000 units/s at 100 k
   * peers, see {@link org.patchstorm.core.overlay.attack.FloodTargets}), and carries 150 of it.
   * Calibrated at 100 k peers: 200 gave 0.83 of the control's users on line in Europe on the
   * first morning, 300 gave 0.90 (seed 1).
   */
  static final double BOOTSTRAP_LINK_2017 = 150;

  /**
   * The 2017 probes: the attack studies' light probes, with a client that asks a directory search
   * again every 10 s for a minute before the contact add fails [A] (so that a slow directory
   * shows as the "long delays adding contacts" users reported).
   */
  static AttackParams.Service probes2017() {
    return AttackParams.lightProbes().withSearchTries(SEARCH_TRIES_2017);
  }

  static final int SEARCH_TRIES_2017 = 6;

  /** The 2017 attack at 100 k peers: Europe's supernodes flooded. */
  static List<Botnet> claimed2017() {
    return List.of(
        new Botnet("claimed-2017-europe", 600, 0.2, HOUR, 49 * HOUR, 5 * MINUTE, 0, 0,
            TargetKind.REGION, 0, EUROPE, RequestKind.RELAY, 100));
  }

  /** The same attack met by defences on from the start (config/ddos-2017-defended.conf). */
  public static Scenario ddos2017Defended(int peers) {
    OverlayParams overlay = overlay2017(peers);
    Defences d = mitigationDefences().with("rate-limit.enabled", 1).with("admission.enabled", 1)
        .with("blocking.enabled", 1).with("blocking.detection-delay", MINUTE);
    AttackParams attack = AttackParams.none().withService(probes2017()).withBotnets(claimed2017())
        .withDefences(d);
    return new Scenario(overlay, OverlayScenarios.scaleBots(attack, peers));
  }

  /**
   * The defences' settings (off until switched on): 0.1 request/s per source with bursts of 3
   * (a user logs in once a session and sends a few messages an hour), shedding past 3% of a
   * login queue (what a worker serves within a client's time-out), blocking sources above 2
   * requests/s over a minute or recognised by the traffic classifier (99% of bots, 0.1% of
   * users), ten minutes after detection.
   */
  static Defences mitigationDefences() {
    return new Defences(
        new Defences.RateLimit(false, org.patchstorm.core.overlay.defence.Scope.ALL, 0.1, 3),
        new Defences.Admission(false, org.patchstorm.core.overlay.defence.Scope.LOGIN, 0.03),
        new Defences.Blocking(false, org.patchstorm.core.overlay.defence.Scope.ALL, 10 * MINUTE, 2, MINUTE,
            0.99, 0.001, 0));
  }

  /**
   * How 2010 users lost heart [A]: after two give-ups in a row (each after 20 failed connection
   * rounds and a pause of about an hour) they stayed away at least 12 h, Pareto with shape 1
   * (half longer than a day, a quarter longer than two). Without it the users still trying all
   * get back on line within about three hours once the overlay heals, a step where reality
   * shows a slope over two days; with 12-36 h everyone was back by ~39 h, where 2010 was at 90%
   * on day three.
   */
  static final OverlayParams.Discouragement DISCOURAGEMENT_2010 =
      new OverlayParams.Discouragement(2, Distribution.pareto(1, 12 * 3600));
  /**
   * Each 2010 login server's token bucket holds a minute of its share of the operators' cap [A]:
   * with a second's worth a 20 k overlay's server held one log-in and refused ~9% of an
   * ordinary day's log-ins, whose users then lost heart.
   */
  static final long ADMISSION_BURST_2010 = MINUTE;

  /**
   * December 2010 (config/skype-2010.conf): at 01:00 the clients of the affected version (half
   * the users) crash within ten minutes with a 40% chance each (about 20% of all users), and one
   * in ten supernode-capable peers crashes with them (together 25-30% of the supernodes, as
   * reported); they are down 2-10 minutes and come back, supernodes in their role but cold
   * (their capacity grows from a tenth over six hours). What makes it a cascade is the cost of a
   * returning client: once accepted it syncs its contact list, presence and offline messages
   * through each supernode that accepts it (the reported ~100x normal supernode traffic), 100
   * units of work, 10 s of a supernode's capacity, queued up to 100 s. Overloaded supernodes shed
   * load (cheap refusals, then their clients beyond the nominal count) and quit when that does
   * not relieve them within a minute (two hours' cool-down); the operator's bootstrap nodes (1,000
   * clients, 250 units/s per 100 k peers) hold about a quarter of normal. The login pool has ten
   * times the baseline's headroom: in 2010 the log-in servers were not the bottleneck. From 03:00
   * the operators add dedicated mega-supernodes in eight batches three hours apart (5 per 100 k
   * peers each, 300 clients each) and cap log-ins at 10/s per 100 k peers (2.5x the normal rate:
   * harmless on an ordinary day with a minute's worth in each server's token bucket) until 03:00
   * the next day. A peer needs 8 hours' uptime to be promoted, so the peers that restarted in
   * the crash become supernodes together about nine hours later and the users still trying get
   * back on line. Those who gave up twice in a row lost heart and stay away at least 12 h
   * ({@link #DISCOURAGEMENT_2010}): they come back over the next two days, the slope of the
   * recovery.
   */
  public static Scenario skype2010(int peers) {
    OverlayParams base = OverlayScenarios.baseline(peers);
    double scale = peers / 100_000.0;
    OverlayParams.Login l = base.login();
    base = base.withLogin(new OverlayParams.Login(l.servers(), 10 * l.workers(), l.serviceTime(), l.queueCapacity(),
        l.admissionRate(), ADMISSION_BURST_2010, l.region(), l.clientTimeout(), l.retry(), l.throttle(),
        l.giveUpAfter(), l.giveUpPause(), DISCOURAGEMENT_2010));
    base = withSupernodeQueue(base, SUPERNODE_QUEUE);
    OverlayParams.Infrastructure i = base.infrastructure();
    base = base.withInfrastructure(new OverlayParams.Infrastructure(i.bootstrapSupernodes(),
        Math.max(10, (int) Math.round(BOOTSTRAP_CLIENTS * scale)),
        Math.max(1e-3, Math.round(BOOTSTRAP_RATE * scale * 1000) / 1000.0),
        i.dedicatedPool(), true));
    List<TimelineEvent> events = new ArrayList<>(base.timeline().events());
    events.add(new TimelineEvent.RestartBurst(HOUR, -1, 10 * MINUTE, 0.4,
        TimelineEvent.Selector.AFFECTED_VERSION, Distribution.uniform(120, 600), true, true, -1));
    events.add(new TimelineEvent.RestartBurst(HOUR, -1, 10 * MINUTE, 0.1,
        TimelineEvent.Selector.ELIGIBLE, Distribution.uniform(120, 600), true, true, -1));
    events.add(new TimelineEvent.ThrottleLogins(3 * HOUR, Math.round(10 * scale * 1000) / 1000.0));
    for (int batch = 0; batch < 8; batch++) {
      events.add(new TimelineEvent.AddSupernodes((3 + 3 * batch) * HOUR, Math.max(1, (int) Math.round(5 * scale)),
          300, 100));
    }
    events.add(new TimelineEvent.ThrottleLogins(27 * HOUR, 0));
    // The healing of the time: clients take the first supernode that answers, supernodes take
    // clients whatever their load and quit after a minute of overload (two hours' cool-down).
    // Promotion needs 8 h of uptime [A]: the crashed peers qualify together about nine hours on.
    // A supernode below a tenth of its capacity (~17 clients) for 30 min demotes [A]: at 0.3
    // half of them flapped on an ordinary day once the mega-supernodes held a third of the clients.
    OverlayParams.Healing healing = new OverlayParams.Healing(0.005, 8 * HOUR, false, 0.1, 10 * MINUTE, 0.75, 0.1,
        30 * MINUTE, true, 0.85, MINUTE, 2 * HOUR);
    OverlayParams overlay = base.withHealing(healing).withTimeline(new Timeline(events));
    AttackParams attack = AttackParams.none().withService(AttackParams.lightProbes())
        .withCrash(new AttackParams.Crash(0.5, new WarmUp(6 * HOUR, 0.1), true, SYNC_COST, SHED_LOAD));
    return new Scenario(overlay, attack);
  }

  /**
   * Work units a client's first connection after the crash costs each supernode it tries in the
   * 2010 scenarios (contacts, presence and offline messages to sync): 10 s of a supernode's
   * capacity. Ordinary connections keep the default cost, so the overlay is steady until the
   * crash.
   */
  public static final int SYNC_COST = 100;
  /** The 2010 bootstrap nodes at 100 k peers: clients each, and their service rate. */
  static final int BOOTSTRAP_CLIENTS = 1000;
  static final double BOOTSTRAP_RATE = 250;
  /** Whether overloaded supernodes shed load before they quit (crash.shed-load). */
  static final boolean SHED_LOAD = true;
  /** Supernode queue (work units) in the 2010 scenarios: 100 s at the default 10 units/s. */
  public static final int SUPERNODE_QUEUE = 1000;

  static OverlayParams withSupernodeQueue(OverlayParams p, int queueCapacity) {
    OverlayParams.Supernode n = p.supernode();
    return p.withSupernode(new OverlayParams.Supernode(n.nominalClients(), n.maxClients(), n.messageRate(),
        n.perClientLoad(), queueCapacity, n.connectCost(), n.listSample(), n.gossipFanout(), n.probeCost(),
        n.linkCapacity()));
  }

  /**
   * The crash met by a defence that would have held: overloaded supernodes drop what their queue
   * cannot hold but keep serving, instead of shutting themselves down (the 2007 operator fix,
   * kept). A quitting supernode hands all its clients to the others at once; a busy one only
   * delays some. (Admission control at the supernodes with the shedding threshold at half the
   * queue, and the 2007 fixed healing, held less well at small scale: shed clients reconnect
   * and keep the queues full.)
   */
  public static Scenario skype2010Defended(int peers) {
    Scenario s = skype2010(peers);
    List<TimelineEvent> crashOnly = new ArrayList<>();
    for (TimelineEvent e : s.overlay().timeline().events()) {
      if (e instanceof TimelineEvent.RestartBurst) {
        crashOnly.add(e);
      }
    }
    OverlayParams o = s.overlay().with("healing.self-shutdown", 0).withTimeline(new Timeline(crashOnly));
    return new Scenario(o, s.attack());
  }

}
