package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.config.SettableKeys;
import org.patchstorm.core.overlay.dist.Distribution;
import org.patchstorm.core.overlay.retry.ClientThrottle;
import org.patchstorm.core.overlay.retry.RetryPolicy;

/**
 * Every parameter of the overlay model, as immutable records. Durations are microseconds;
 * distributions of durations sample seconds. {@link #defaults()} is the suggested default scale
 * on a normal day (see the outage reference): 100 k peers, 0.5% supernodes, 7 bootstrap
 * supernodes, log-in capacity about 5x the steady log-in rate, load-aware healing and jittered
 * exponential backoff (the 2007 flaws are what the skype-2007 scenario sets).
 */
public record OverlayParams(
    Geography geography,
    Population population,
    Client client,
    Supernode supernode,
    Login login,
    Healing healing,
    Infrastructure infrastructure,
    Timeline timeline) {

  public static final long SECOND = 1_000_000L;
  public static final long MINUTE = 60 * SECOND;
  public static final long HOUR = 60 * MINUTE;

  /** A region: a time zone with its share of the peers. */
  public record Region(String name, double utcOffsetHours, double weight) {
    public Region {
      check(weight > 0, "region " + name + ": weight must be > 0");
      check(utcOffsetHours >= -12 && utcOffsetHours <= 14, "region " + name + ": utc offset");
    }
  }

  /**
   * Regions, one-way latency between them in ms (matrix indexed [from][to]) plus uniform jitter,
   * and the diurnal curve: the share of peers that want to be online at each local hour 0..23
   * (linearly interpolated). Virtual time 0 is 00:00 UTC.
   */
  public record Geography(
      List<Region> regions, double[][] latencyMs, double jitterMs, double[] diurnal) {
    public Geography {
      regions = List.copyOf(regions);
      check(!regions.isEmpty(), "geography: at least one region");
      check(latencyMs.length == regions.size(), "geography: latency matrix must be regions x regions");
      for (double[] row : latencyMs) {
        check(row.length == regions.size(), "geography: latency matrix must be regions x regions");
        for (double v : row) {
          check(v >= 1, "geography: latencies must be >= 1 ms");
        }
      }
      check(jitterMs >= 0, "geography: jitter must be >= 0");
      check(diurnal.length == 24, "geography: diurnal curve needs 24 hourly values");
      for (double v : diurnal) {
        check(v > 0 && v < 1, "geography: diurnal values must be in (0, 1)");
      }
      latencyMs = deepCopy(latencyMs);
      diurnal = diurnal.clone();
    }

    public double minLatencyMs() {
      double min = Double.MAX_VALUE;
      for (double[] row : latencyMs) {
        for (double v : row) {
          min = Math.min(min, v);
        }
      }
      return min;
    }
  }

  /**
   * Peers, their session durations (off-line times follow from the diurnal curve, see {@link
   * OverlayWorld#nextStart}; with exponential sessions the online share tracks the curve
   * exactly, with others approximately), the share eligible for
   * supernode duty (public address, bandwidth, CPU), how much longer those stay on, the share
   * that installs updates automatically (reboots on Patch Tuesday), and contacts per peer.
   */
  public record Population(
      int peers,
      Distribution session,
      double eligibleShare,
      double eligibleSessionScale,
      double autoUpdateShare,
      int contacts) {
    public Population {
      check(peers >= 10, "population: peers must be >= 10");
      check(eligibleShare > 0 && eligibleShare <= 1, "population: eligible-share in (0, 1]");
      check(eligibleSessionScale >= 1, "population: eligible-session-scale >= 1");
      check(autoUpdateShare >= 0 && autoUpdateShare <= 1, "population: auto-update-share in [0, 1]");
      check(contacts >= 1, "population: contacts >= 1");
      check(Double.isFinite(session.mean()), "population: the session distribution needs a finite mean");
    }
  }

  /**
   * The ordinary peer's protocol. After {@code giveUpAfterRounds} failed connection rounds the
   * user closes the client for a while (login.give-up-pause). A logged-in client that loses its supernode resumes its
   * session on another one without the login server if it reconnects within {@code
   * sessionResume}; after that it must log in again (0: always).
   */
  public record Client(
      int hostCacheSize,
      int parallelConnects,
      long connectTimeout,
      int cacheRoundsBeforeBootstrap,
      RetryPolicy connectRetry,
      int giveUpAfterRounds,
      long keepAliveInterval,
      int missedKeepAlives,
      long sessionResume,
      double imPerHour,
      RegionChoice regionChoice) {
    public Client {
      check(hostCacheSize >= 1 && hostCacheSize <= 10_000, "client: host-cache-size in [1, 10000]");
      check(parallelConnects >= 1 && parallelConnects <= 50, "client: parallel-connects in [1, 50]");
      check(connectTimeout > 0, "client: connect-timeout > 0");
      check(cacheRoundsBeforeBootstrap >= 0, "client: cache-rounds-before-bootstrap >= 0");
      check(giveUpAfterRounds >= 1, "client: give-up-after-rounds >= 1");
      check(keepAliveInterval >= SECOND, "client: keep-alive-interval >= 1s");
      check(missedKeepAlives >= 1, "client: missed-keep-alives >= 1");
      check(sessionResume >= 0, "client: session-resume >= 0");
      check(imPerHour >= 0, "client: im-per-hour >= 0");
      check(regionChoice != null, "client: region-choice is required");
    }

    /** These clients choosing their supernodes' region by {@code choice}. */
    public Client withRegionChoice(RegionChoice choice) {
      return new Client(hostCacheSize, parallelConnects, connectTimeout, cacheRoundsBeforeBootstrap, connectRetry,
          giveUpAfterRounds, keepAliveInterval, missedKeepAlives, sessionResume, imPerHour, choice);
    }

    /** Whether a client keeps a supernode of its own region when one accepts. */
    public boolean preferOwnRegion() {
      return regionChoice != RegionChoice.ANY;
    }

    /** Whether a client asks and takes only supernodes of its own region. */
    public boolean ownRegionOnly() {
      return regionChoice == RegionChoice.OWN_ONLY;
    }
  }

  /**
   * Supernode capacity. Work is counted in message units; a supernode serves {@code messageRate}
   * units/s minus {@code perClientLoad} of its capacity per client (background signalling of
   * the clients it holds, which we do not emulate message by message; at least 5% remains);
   * {@code queueCapacity} units wait at most, the rest are dropped. A supernode counts as
   * overloaded when its queue or its clients' load fill {@code healing.overload-threshold}.
   * With {@code probeCost} > 0 a connection round only probes its targets (an answer costs that
   * much) and the client does the handshake ({@code connectCost}) with the one it chooses; 0:
   * every request of a round is a full handshake.
   */
  public record Supernode(
      int nominalClients,
      int maxClients,
      double messageRate,
      double perClientLoad,
      int queueCapacity,
      int connectCost,
      int listSample,
      int gossipFanout,
      int probeCost,
      double linkCapacity) {
    public Supernode {
      check(nominalClients >= 1 && maxClients >= nominalClients, "supernode: 1 <= nominal-clients <= max-clients");
      check(messageRate > 0, "supernode: message-rate > 0");
      check(perClientLoad >= 0 && perClientLoad < 1, "supernode: per-client-load in [0, 1)");
      check(queueCapacity >= 1, "supernode: queue-capacity >= 1");
      check(connectCost >= 1, "supernode: connect-cost >= 1");
      check(listSample >= 1, "supernode: list-sample >= 1");
      check(gossipFanout >= 1, "supernode: gossip-fanout >= 1");
      check(probeCost >= 0 && probeCost <= connectCost, "supernode: 0 <= probe-cost <= connect-cost");
      check(linkCapacity >= 0, "supernode: link-capacity >= 0");
    }

    /** The same with an access link carrying {@code units} per second (0 = never saturated). */
    public Supernode withLinkCapacity(double units) {
      return new Supernode(nominalClients, maxClients, messageRate, perClientLoad, queueCapacity, connectCost,
          listSample, gossipFanout, probeCost, units);
    }
  }

  /**
   * Login servers: a pool, workers per server, service time (s), a bounded FIFO queue, an
   * optional admission rate (log-ins/s over the whole pool, 0 = unlimited: the operator's
   * throttle) with how much of it (µs of the rate) a server may admit at once, and the client
   * side: time-out, retry policy, throttle, giving up, and how a user whose log-ins keep failing
   * loses heart.
   */
  public record Login(
      int servers,
      int workers,
      Distribution serviceTime,
      int queueCapacity,
      double admissionRate,
      long admissionBurst,
      int region,
      long clientTimeout,
      RetryPolicy retry,
      ClientThrottle throttle,
      int giveUpAfter,
      Distribution giveUpPause,
      Discouragement discouragement) {
    public Login {
      check(servers >= 1, "login: servers >= 1");
      check(workers >= 1, "login: workers >= 1");
      check(queueCapacity >= 0, "login: queue-capacity >= 0");
      check(admissionRate >= 0, "login: admission-rate >= 0");
      check(admissionBurst > 0, "login: admission-burst > 0");
      check(region >= 0, "login: region >= 0");
      check(clientTimeout > 0, "login: client-timeout > 0");
      check(giveUpAfter >= 1, "login: give-up-after >= 1");
    }
  }

  /**
   * A user who gave up {@code afterGiveUps} times in a row without signing in between stays away
   * for {@code away} before their next ordinary start, instead of retrying within the session
   * (0 = never). Only failed log-ins count, so an ordinary day does not touch it.
   */
  public record Discouragement(int afterGiveUps, Distribution away) {
    public Discouragement {
      check(afterGiveUps >= 0, "login: discouragement.after-give-ups >= 0");
    }

    /** Users never lose heart. */
    public static Discouragement none() {
      return new Discouragement(0, Distribution.exponential(24 * 3600));
    }

    public boolean enabled() {
      return afterGiveUps > 0;
    }
  }

  /**
   * Healing: initial supernode share; promotion criteria (minimum uptime); load-awareness:
   * whether peers react at once to signs of shortage (else only at a periodic check), clients
   * pick the least loaded of the supernodes that accept them (else the first to answer) and
   * supernodes refuse new clients beyond the nominal count or when overloaded (else up to the
   * hard maximum, whatever their load); the probability of promoting on each chance; the load
   * band (share of a supernode's capacity taken by its clients) the overlay is tuned for: a
   * client whose supernode is above {@code promoteAboveLoad} signals shortage, a supernode below
   * {@code demoteBelowLoad} for {@code demoteAfter} demotes itself; self-shutdown under sustained
   * overload (fill above {@code overloadThreshold} for {@code overloadDuration}) and the
   * cool-down before a shut-down peer may serve again.
   */
  public record Healing(
      double initialShare,
      long minUptime,
      boolean loadAware,
      double promotionProbability,
      long promotionCheckInterval,
      double promoteAboveLoad,
      double demoteBelowLoad,
      long demoteAfter,
      boolean selfShutdown,
      double overloadThreshold,
      long overloadDuration,
      long cooldown) {
    public Healing {
      check(initialShare > 0 && initialShare < 0.5, "healing: initial-share in (0, 0.5)");
      check(minUptime >= 0, "healing: min-uptime >= 0");
      check(promotionProbability >= 0 && promotionProbability <= 1, "healing: promotion-probability in [0, 1]");
      check(promotionCheckInterval >= SECOND, "healing: promotion-check-interval >= 1s");
      check(demoteBelowLoad >= 0 && demoteBelowLoad < promoteAboveLoad && promoteAboveLoad <= 1,
          "healing: 0 <= demote-below-load < promote-above-load <= 1");
      check(demoteAfter >= 0, "healing: demote-after >= 0");
      check(overloadThreshold > 0 && overloadThreshold <= 1, "healing: overload-threshold in (0, 1]");
      check(overloadDuration >= 0 && cooldown >= 0, "healing: overload-duration, cooldown >= 0");
    }

    /**
     * 2007: tuned to run supernodes hot (promote only above 75% load), promotion at a slow
     * periodic check after 2 h of uptime, supernodes take clients whatever their load and quit
     * when overloaded.
     */
    public static Healing flawed2007() {
      return new Healing(0.005, 2 * HOUR, false, 0.1, 10 * MINUTE, 0.75, 0.3, 30 * MINUTE,
          true, 0.85, 20 * SECOND, 2 * HOUR);
    }

    /** The fix: a lower load band, prompt promotion on shortage, shed load instead of quitting. */
    public static Healing fixed() {
      return new Healing(0.005, 5 * MINUTE, true, 0.05, 5 * MINUTE, 0.5, 0.2, 30 * MINUTE,
          false, 0.85, 20 * SECOND, 10 * MINUTE);
    }

    /** This healing with another wait before an idle supernode demotes itself. */
    public Healing withDemoteAfter(long micros) {
      return new Healing(initialShare, minUptime, loadAware, promotionProbability, promotionCheckInterval,
          promoteAboveLoad, demoteBelowLoad, micros, selfShutdown, overloadThreshold,
          overloadDuration, cooldown);
    }

    /** This healing with another initial supernode share. */
    public Healing withInitialShare(double share) {
      return new Healing(share, minUptime, loadAware, promotionProbability, promotionCheckInterval,
          promoteAboveLoad, demoteBelowLoad, demoteAfter, selfShutdown, overloadThreshold,
          overloadDuration, cooldown);
    }

    /** This healing with one field changed (for run-time parameter changes). */
    Healing with(String field, double v) {
      return new Healing(
          initialShare,
          field.equals("min-uptime") ? (long) v : minUptime,
          field.equals("load-aware") ? v != 0 : loadAware,
          field.equals("promotion-probability") ? v : promotionProbability,
          promotionCheckInterval,
          field.equals("promote-above-load") ? v : promoteAboveLoad,
          field.equals("demote-below-load") ? v : demoteBelowLoad,
          demoteAfter,
          field.equals("self-shutdown") ? v != 0 : selfShutdown,
          overloadThreshold,
          overloadDuration,
          cooldown);
    }
  }

  /**
   * The operator's own supernodes: the hard-coded bootstrap set, and the pool of dormant
   * dedicated supernodes that add-supernodes events wake ({@code dedicatedPool}; 0: exactly as
   * many as the timeline's add-supernodes events add, so none is left for live events).
   * {@code bootstrapRateScales}: whether the bootstrap nodes' service rate, like their client
   * count, is written for 100 k peers and scales with the peers. {@code bootstrapLinkCapacity}:
   * units per second a bootstrap node's access link carries (0 = never saturated), written for
   * 100 k peers like its client count.
   */
  public record Infrastructure(int bootstrapSupernodes, int bootstrapMaxClients, double bootstrapMessageRate,
      int dedicatedPool, boolean bootstrapRateScales, double bootstrapLinkCapacity) {
    public Infrastructure(int bootstrapSupernodes, int bootstrapMaxClients, double bootstrapMessageRate) {
      this(bootstrapSupernodes, bootstrapMaxClients, bootstrapMessageRate, 0, false);
    }

    /** Bootstrap nodes whose links are never saturated. */
    public Infrastructure(int bootstrapSupernodes, int bootstrapMaxClients, double bootstrapMessageRate,
        int dedicatedPool, boolean bootstrapRateScales) {
      this(bootstrapSupernodes, bootstrapMaxClients, bootstrapMessageRate, dedicatedPool, bootstrapRateScales, 0);
    }

    public Infrastructure {
      check(dedicatedPool >= 0, "infrastructure: dedicated-pool >= 0");
      check(bootstrapSupernodes >= 1, "infrastructure: bootstrap-supernodes >= 1");
      check(bootstrapMaxClients >= 1, "infrastructure: bootstrap-max-clients >= 1");
      check(bootstrapMessageRate > 0, "infrastructure: bootstrap-message-rate > 0");
      check(bootstrapLinkCapacity >= 0, "infrastructure: bootstrap-link-capacity >= 0");
    }
  }

  public static OverlayParams defaults() {
    Geography geography = new Geography(
        List.of(
            new Region("americas", -5, 0.30),
            new Region("europe", 1, 0.40),
            new Region("asia", 8, 0.25),
            new Region("oceania", 10, 0.05)),
        new double[][] {
          {20, 45, 90, 80},
          {45, 15, 80, 140},
          {90, 80, 25, 60},
          {80, 140, 60, 15}
        },
        10,
        // Share of a region's peers wanting to be online, by local hour: low at night, a
        // morning rise, an evening peak.
        new double[] {
          0.20, 0.16, 0.14, 0.13, 0.13, 0.14, 0.18, 0.25, 0.32, 0.36, 0.38, 0.39,
          0.40, 0.40, 0.40, 0.41, 0.42, 0.44, 0.47, 0.50, 0.50, 0.45, 0.36, 0.27
        });
    Population population = new Population(100_000,
        Distribution.exponential(7200),
        0.15, 8, 0.6, 20);
    Client client = new Client(200, 5, 5 * SECOND, 2,
        new RetryPolicy.ExponentialFullJitter(2 * SECOND, 2 * MINUTE), 20, 10 * MINUTE, 2, MINUTE, 1.0,
        RegionChoice.ANY);
    Supernode supernode = new Supernode(100, 800, 10, 0.006, 100, 5, 8, 3, 0, 0);
    Login login = new Login(4, 8, Distribution.exponential(1.6), 2000, 0, SECOND, 1,
        10 * SECOND, new RetryPolicy.ExponentialFullJitter(2 * SECOND, 5 * MINUTE),
        new ClientThrottle(true, 2, 2 * MINUTE), 5,
        Distribution.exponential(3600), Discouragement.none());
    Infrastructure infrastructure = new Infrastructure(7, 2000, 100);
    return new OverlayParams(geography, population, client, supernode, login,
        Healing.fixed(), infrastructure, Timeline.empty());
  }

  public OverlayParams {
    check(login.region() < geography.regions().size(), "login: region index out of range");
    // The bootstrap supernodes are spread over the regions in turn: own-only needs one in each.
    check(!client.ownRegionOnly() || infrastructure.bootstrapSupernodes() >= geography.regions().size(),
        "client: region-choice = own-only needs at least one bootstrap supernode per region"
            + " (infrastructure.bootstrap-supernodes >= the number of regions)");
  }

  public OverlayParams withPopulation(Population p) {
    return new OverlayParams(geography, p, client, supernode, login, healing, infrastructure, timeline);
  }

  public OverlayParams withClient(Client c) {
    return new OverlayParams(geography, population, c, supernode, login, healing, infrastructure, timeline);
  }

  public OverlayParams withSupernode(Supernode s) {
    return new OverlayParams(geography, population, client, s, login, healing, infrastructure, timeline);
  }

  public OverlayParams withLogin(Login l) {
    return new OverlayParams(geography, population, client, supernode, l, healing, infrastructure, timeline);
  }

  public OverlayParams withHealing(Healing h) {
    return new OverlayParams(geography, population, client, supernode, login, h, infrastructure, timeline);
  }

  public OverlayParams withInfrastructure(Infrastructure i) {
    return new OverlayParams(geography, population, client, supernode, login, healing, i, timeline);
  }

  public OverlayParams withTimeline(Timeline t) {
    return new OverlayParams(geography, population, client, supernode, login, healing, infrastructure, t);
  }

  public OverlayParams withPeers(int peers) {
    Population p = population;
    return withPopulation(new Population(peers, p.session(), p.eligibleShare(),
        p.eligibleSessionScale(), p.autoUpdateShare(), p.contacts()));
  }

  /**
   * These parameters with one settable parameter changed (a {@code set-parameter} event); {@code
   * key} is one of {@link #SETTABLE}.
   */
  public OverlayParams with(String key, double value) {
    return SETTABLE.apply(this, key, value);
  }

  private OverlayParams withLoginField(Login l, int queueCapacity, double admissionRate, ClientThrottle throttle) {
    return withLogin(new Login(l.servers(), l.workers(), l.serviceTime(), queueCapacity, admissionRate,
        l.admissionBurst(), l.region(), l.clientTimeout(), l.retry(), throttle, l.giveUpAfter(), l.giveUpPause(),
        l.discouragement()));
  }

  /** The same with connection rounds that probe at {@code probeCost} (supernode.probe-cost). */
  public OverlayParams withProbeCost(int probeCost) {
    Supernode s = supernode;
    return withSupernode(new Supernode(s.nominalClients(), s.maxClients(), s.messageRate(), s.perClientLoad(),
        s.queueCapacity(), s.connectCost(), s.listSample(), s.gossipFanout(), probeCost, s.linkCapacity()));
  }

  private OverlayParams withSupernodeCapacity(int maxClients, double messageRate) {
    Supernode s = supernode;
    return withSupernode(new Supernode(s.nominalClients(), maxClients, messageRate, s.perClientLoad(),
        s.queueCapacity(), s.connectCost(), s.listSample(), s.gossipFanout(), s.probeCost(), s.linkCapacity()));
  }

  private OverlayParams withHealingField(String field, double value) {
    return withHealing(healing.with(field, value));
  }

  private static final long YEAR = 366 * 24 * HOUR;

  /**
   * Parameters a timeline event may change while the run goes (durations in µs, booleans 0/1):
   * only those that entities read while running. Client-side throttling can be switched and
   * tuned (clients read it at each log-in attempt); added capacity is max-clients and
   * message-rate.
   */
  public static final SettableKeys<OverlayParams> SETTABLE = SettableKeys.<OverlayParams>of("parameter")
      .key("healing.min-uptime", SettableKeys.Type.DURATION, 0, YEAR, (p, v) -> p.withHealingField("min-uptime", v))
      .bool("healing.load-aware", (p, v) -> p.withHealingField("load-aware", v))
      .fraction("healing.promotion-probability", (p, v) -> p.withHealingField("promotion-probability", v))
      .fraction("healing.promote-above-load", (p, v) -> p.withHealingField("promote-above-load", v))
      .fraction("healing.demote-below-load", (p, v) -> p.withHealingField("demote-below-load", v))
      .bool("healing.self-shutdown", (p, v) -> p.withHealingField("self-shutdown", v))
      .key("login.admission-rate", SettableKeys.Type.NUMBER, 0, 1e9,
          (p, v) -> p.withLoginField(p.login, p.login.queueCapacity(), v, p.login.throttle()))
      .key("login.queue-capacity", SettableKeys.Type.INTEGER, 0, 100_000_000,
          (p, v) -> p.withLoginField(p.login, (int) (double) v, p.login.admissionRate(), p.login.throttle()))
      .bool("login.throttle.enabled", (p, v) -> p.withLoginField(p.login, p.login.queueCapacity(),
          p.login.admissionRate(), new ClientThrottle(v != 0, p.login.throttle().k(), p.login.throttle().windowMicros())))
      .key("login.throttle.k", SettableKeys.Type.NUMBER, 1, 1000, (p, v) -> p.withLoginField(p.login,
          p.login.queueCapacity(), p.login.admissionRate(),
          new ClientThrottle(p.login.throttle().enabled(), v, p.login.throttle().windowMicros())))
      .key("supernode.max-clients", SettableKeys.Type.INTEGER, 1, 1_000_000,
          (p, v) -> p.withSupernodeCapacity((int) (double) v, p.supernode.messageRate()))
      .key("supernode.message-rate", SettableKeys.Type.NUMBER, 1e-3, 1e9,
          (p, v) -> p.withSupernodeCapacity(p.supernode.maxClients(), v))
      .build();

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      copy[i] = m[i].clone();
    }
    return copy;
  }
}
