package org.patchstorm.core.overlay;

import static org.patchstorm.core.overlay.OverlayParams.HOUR;
import static org.patchstorm.core.overlay.OverlayParams.MINUTE;
import static org.patchstorm.core.overlay.OverlayParams.SECOND;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;
import org.patchstorm.core.overlay.dist.Distribution;
import org.patchstorm.core.overlay.retry.ClientThrottle;
import org.patchstorm.core.overlay.retry.RetryPolicy;

/**
 * The reference scenarios in code, at any scale: capacities that the outage story depends on
 * (login throughput, bootstrap capacity) scale with the number of peers, so a 5 k-peer test
 * behaves like the 100 k-peer default. The shipped experiment files set the same values.
 */
public final class OverlayScenarios {

  private OverlayScenarios() {}

  /**
   * How long a 2007 client waits for a log-in [A]. Long enough that a queue served within it
   * (5 workers x 30 s / 1.6 s, about 94 requests a server) is far beyond what chance builds up
   * at ordinary load: the login pool tips only when the wave's log-ins exceed what it serves,
   * at any number of peers. With 10 s (31 a server) a chance queue at 75% load tipped it, and
   * the threshold depended on the seed and on how many servers the pool had.
   */
  static final long CLIENT_TIMEOUT_2007 = 30 * SECOND;

  /**
   * How 2007 users lost heart [A] (sources in config/skype-2007.conf): after two give-ups in a
   * row they stayed away for about a day (20-38 h), so the recovery after the operators' fix
   * took about two days. With four give-ups the users not yet discouraged at the fix (about
   * 40%) were back within hours.
   */
  static final OverlayParams.Discouragement DISCOURAGEMENT_2007 =
      new OverlayParams.Discouragement(2, Distribution.uniform(20 * 3600, 38 * 3600));

  /**
   * Failed log-ins before a 2007 user closes the client [A]: about 12 minutes of 30 s attempts
   * (Skype asked users to leave it running). With 2.5 minutes too few users kept trying to hold
   * the login pool tipped once most had lost heart.
   */
  static final int GIVE_UP_AFTER_2007 = 25;

  /** A normal day with the default (load-aware) healing and jittered backoff. */
  public static OverlayParams baseline(int peers) {
    return scaleCapacity(OverlayParams.defaults().withPeers(peers));
  }

  /**
   * Scales the capacities the outage story depends on, given for 100 k peers, to the population
   * of {@code p}: login servers and workers (never the service time, so that service time and
   * client time-out keep their ratio), login queues, bootstrap capacity, and the operator's
   * capacities on the timeline.
   */
  public static OverlayParams scaleCapacity(OverlayParams p) {
    double scale = p.population().peers() / 100_000.0;
    OverlayParams.Login l = p.login();
    // Fewer servers of the same size, not as many smaller ones: a pool of 4 workers is one
    // server with 4, not 4 servers with one each, whose queues swing far more at the same load
    // (at 20 k peers single-worker servers timed out log-ins on an ordinary day and, with
    // immediate retries, collapsed; 100 k peers ran fine).
    int totalWorkers = Math.max(1, (int) Math.round(l.servers() * l.workers() * scale));
    int servers = Math.max(1, Math.min(l.servers(), (int) Math.round((double) totalWorkers / l.workers())));
    int workers = (totalWorkers + servers - 1) / servers;
    int queue = Math.max(1, (int) Math.round(l.queueCapacity() * scale * l.servers() / servers));
    OverlayParams.Login login = new OverlayParams.Login(servers, workers, l.serviceTime(),
        queue, scaleRate(l.admissionRate(), scale), l.admissionBurst(), l.region(), l.clientTimeout(),
        l.retry(), l.throttle(), l.giveUpAfter(), l.giveUpPause(), l.discouragement());
    OverlayParams.Infrastructure i = p.infrastructure();
    // A scaling service rate (bootstrap-rate-scales): unscaled, the seven bootstrap nodes serve
    // five times the share of a 20 k overlay's connections that they serve at 100 k, and held a
    // 2010 crash at a quarter of normal at 20 k that fell to 4% at 100 k. (2007 was calibrated
    // with the rate as written.) Their links scale always: they carry their clients'
    // traffic (unscaled, at 1 M peers their ordinary traffic alone would fill a 100 k link).
    double bootstrapRate = i.bootstrapRateScales()
        ? Math.max(1e-3, Math.round(i.bootstrapMessageRate() * scale * 1000) / 1000.0)
        : i.bootstrapMessageRate();
    OverlayParams.Infrastructure infra = new OverlayParams.Infrastructure(i.bootstrapSupernodes(),
        Math.max(10, (int) Math.round(i.bootstrapMaxClients() * scale)), bootstrapRate,
        i.dedicatedPool() == 0 ? 0 : Math.max(1, (int) Math.round(i.dedicatedPool() * scale)),
        i.bootstrapRateScales(), Math.round(i.bootstrapLinkCapacity() * scale * 1000) / 1000.0);
    return p.withLogin(login).withInfrastructure(infra).withTimeline(scaleTimeline(p.timeline(), scale));
  }

  /**
   * The operator's capacities on the timeline, given for 100 k peers, at {@code scale}: log-in
   * throttles and admission rates, and the number of dedicated supernodes added (their
   * per-node capacity is a machine's and stays). Without this an absolute 16 log-ins/s admits
   * more than a 20 k-peer pool serves, and the fix that works at 100 k fails at 20 k.
   */
  static Timeline scaleTimeline(Timeline t, double scale) {
    List<TimelineEvent> out = new ArrayList<>();
    for (TimelineEvent e : t.events()) {
      out.add(scaleEvent(e, scale));
    }
    return new Timeline(out);
  }

  /** One timeline event's capacities at {@code scale} (see {@link #scaleTimeline}). */
  static TimelineEvent scaleEvent(TimelineEvent e, double scale) {
    if (e instanceof TimelineEvent.ThrottleLogins th) {
      return new TimelineEvent.ThrottleLogins(th.at(), scaleRate(th.perSecond(), scale));
    } else if (e instanceof TimelineEvent.AddSupernodes a) {
      return new TimelineEvent.AddSupernodes(a.at(), Math.max(1, (int) Math.round(a.count() * scale)),
          a.maxClients(), a.messageRate());
    } else if (e instanceof TimelineEvent.SetParameter sp && sp.key().equals("login.admission-rate")) {
      return new TimelineEvent.SetParameter(sp.at(), sp.key(), scaleRate(sp.value(), scale));
    }
    return e;
  }

  /**
   * Botnets written for 100 k peers at {@code peers}: the number of bots and a target count scale
   * (at least one each), a bot's rate does not (it is one machine's). Without this the 600 bots of the 2017 file
   * flooded a 20 k-peer pool with five times the load per log-in server, a different story.
   */
  public static AttackParams scaleBots(AttackParams attack, int peers) {
    double scale = peers / 100_000.0;
    List<Botnet> out = new ArrayList<>();
    for (Botnet b : attack.botnets()) {
      out.add(new Botnet(b.name(), Math.max(1, (int) Math.round(b.bots() * scale)), b.ratePerBot(), b.start(),
          b.stop(), b.ramp(), b.waveOn(), b.waveOff(), b.target(),
          b.targetCount() == 0 ? 0 : Math.max(1, (int) Math.round(b.targetCount() * scale)), b.region(), b.request(),
          b.unitsPerRequest()));
    }
    return attack.withBotnets(out);
  }

  private static double scaleRate(double perSecond, double scale) {
    return Math.round(perSecond * scale * 1000) / 1000.0;
  }

  /** Login throughput of the pool (log-ins/s) at a scale: workers over the mean service time. */
  public static double loginCapacity(OverlayParams p) {
    OverlayParams.Login l = p.login();
    return l.servers() * l.workers() / l.serviceTime().mean();
  }

  /** A 2007 connection round probes (one unit an answer) and shakes hands with its choice only. */
  static final int PROBE_COST_2007 = 1;

  /**
   * Patch Tuesday as the overlay saw it: half of the auto-updating peers (30% of all) restart
   * within 10 minutes of 03:00 UTC, 1-5 minutes down each, supernodes included; peers that were
   * off restart one minute after their next start.
   */
  public static TimelineEvent.RestartBurst patchTuesday() {
    return new TimelineEvent.RestartBurst(3 * HOUR, -1, 10 * MINUTE, 0.5,
        TimelineEvent.Selector.AUTO_UPDATE, Distribution.uniform(60, 300), false, true, MINUTE);
  }

  /**
   * The 2007 storm (config/skype-2007.conf): the overlay runs hot (0.3% supernodes) with the
   * 2007 healing, login servers at about 3x the mean log-in rate, clients wait 30 s for a log-in
   * and retry at once
   * and connection rounds at a fixed interval without throttling; the reboot wave hits. The
   * operators act at 22:00: supernodes stop quitting, and the login servers refuse at once what
   * they cannot serve within a client's time-out (admission control, configured in the file's
   * defences). Users who gave up try again after hours (login.give-up-pause), and those who
   * gave up twice in a row only after about a day (login.discouragement).
   */
  public static OverlayParams skype2007(int peers) {
    OverlayParams base = OverlayParams.defaults().withPeers(peers);
    OverlayParams.Login l = base.login();
    OverlayParams.Login login = new OverlayParams.Login(l.servers(), 5, l.serviceTime(),
        l.queueCapacity(), l.admissionRate(), l.admissionBurst(), l.region(), CLIENT_TIMEOUT_2007,
        new RetryPolicy.Immediate(), ClientThrottle.disabled(), GIVE_UP_AFTER_2007,
        Distribution.exponential(4 * 3600), DISCOURAGEMENT_2007);
    OverlayParams.Client c = base.client();
    OverlayParams.Client client = new OverlayParams.Client(c.hostCacheSize(), c.parallelConnects(),
        c.connectTimeout(), c.cacheRoundsBeforeBootstrap(), new RetryPolicy.Fixed(2 * SECOND),
        c.giveUpAfterRounds(), c.keepAliveInterval(), c.missedKeepAlives(), c.sessionResume(),
        c.imPerHour(), c.regionChoice());
    return scaleCapacity(base.withLogin(login).withClient(client).withProbeCost(PROBE_COST_2007)
        .withHealing(OverlayParams.Healing.flawed2007().withInitialShare(0.003).withDemoteAfter(2 * HOUR))
        .withTimeline(Timeline.of(
            patchTuesday(),
            new TimelineEvent.SetParameter(22 * HOUR, "healing.self-shutdown", 0),
            new TimelineEvent.SetDefence(22 * HOUR, "admission.enabled", 1))));
  }

  /**
   * The same trigger with the default (fixed) healing and jittered backoff, the same login
   * servers with queues no longer than what is served within a client's time-out, and no
   * operator fix (config/skype-2007-fixed.conf).
   */
  public static OverlayParams skype2007Fixed(int peers) {
    OverlayParams p = OverlayParams.defaults().withPeers(peers);
    OverlayParams.Login l = p.login();
    OverlayParams.Login login = new OverlayParams.Login(l.servers(), 5, l.serviceTime(),
        90, l.admissionRate(), l.admissionBurst(), l.region(), CLIENT_TIMEOUT_2007, l.retry(), l.throttle(),
        l.giveUpAfter(), l.giveUpPause(), l.discouragement());
    return scaleCapacity(p.withLogin(login).withProbeCost(PROBE_COST_2007).withHealing(p.healing().withInitialShare(0.003))
        .withTimeline(Timeline.of(patchTuesday())));
  }
}
