package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.config.SettableKeys;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.dist.Distribution;
import org.patchstorm.core.overlay.retry.ClientThrottle;
import org.patchstorm.core.overlay.retry.RetryPolicy;

/**
 * Reads {@code patchstorm.overlay} into {@link OverlayParams}. Every key is range-checked where
 * it is read, so a bad value is reported with its file, line and key; cross-field rules that the
 * records enforce are reported at the section they belong to.
 */
public final class OverlaySettings {

  private static final long S = OverlayParams.SECOND;
  private static final long DAY = 24 * OverlayParams.HOUR;
  private static final long YEAR = 366 * DAY;

  /** Distribution families as written in the config. */
  enum Family { CONSTANT, UNIFORM, EXPONENTIAL, LOGNORMAL, WEIBULL, PARETO }

  /** Retry policies as written in the config. */
  enum Policy { IMMEDIATE, FIXED, EXPONENTIAL, EXPONENTIAL_FULL_JITTER, DECORRELATED_JITTER }

  enum EventType {
    RESTART_BURST, SET_PARAMETER, SET_DEFENCE, THROTTLE_LOGINS, ADD_SUPERNODES, START_BOTNET, STOP_BOTNET, END_OF_RUN
  }

  enum Exit { CLEAN, CRASH }

  private OverlaySettings() {}

  public static OverlayParams read(Settings s) {
    OverlayParams.Geography geography = s.located("geography", () -> geography(s.child("geography")));
    OverlayParams.Population population = s.located("population",
        () -> population(s.intIn("peers", 10, 200_000_000), s.child("population")));
    OverlayParams.Client client = s.located("client", () -> client(s.child("client")));
    OverlayParams.Supernode supernode = s.located("supernode", () -> supernode(s.child("supernode")));
    OverlayParams.Login login = s.located("login", () -> login(s.child("login"), geography.regions().size()));
    OverlayParams.Healing healing = s.located("healing", () -> healing(s.child("healing")));
    OverlayParams.Infrastructure infra = s.located("infrastructure", () -> infrastructure(s.child("infrastructure")));
    Timeline timeline = timeline(s);
    int adds = timeline.addSupernodes().stream().mapToInt(TimelineEvent.AddSupernodes::count).sum();
    if (infra.dedicatedPool() > 0 && adds > infra.dedicatedPool()) {
      throw s.problem("infrastructure.dedicated-pool", "the timeline's add-supernodes events add " + adds
          + " supernodes, more than the pool of " + infra.dedicatedPool());
    }
    OverlayParams params = s.located("login",
        () -> new OverlayParams(geography, population, client, supernode, login, healing, infra, timeline));
    return s.bool("scale-capacity-to-peers") ? OverlayScenarios.scaleCapacity(params) : params;
  }


  private static OverlayParams.Geography geography(Settings g) {
    List<Settings> regionList = g.objectList("regions");
    if (regionList.isEmpty() || regionList.size() > 127) {
      throw g.problem("regions", "needs 1 to 127 regions, got " + regionList.size());
    }
    List<OverlayParams.Region> regions = new ArrayList<>();
    double[][] latency = new double[regionList.size()][];
    for (int i = 0; i < regionList.size(); i++) {
      Settings r = regionList.get(i);
      String name = r.string("name");
      // The name starts metric columns (europe_online): a CSV header word, one per region.
      if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        throw r.problem("name", "'" + name + "' is not a region name: use letters, digits, '-' and '_',"
            + " starting with a letter (it names the region's metric columns, e.g. europe_online)");
      }
      if (regions.stream().anyMatch(other -> other.name().equals(name))) {
        throw r.problem("name", "region '" + name + "' is listed twice; each region needs its own name");
      }
      regions.add(new OverlayParams.Region(name, r.doubleIn("utc-offset", -12, 14),
          r.doubleIn("weight", 1e-9, 1e9)));
      List<Double> row = r.doubleList("latency-ms", 1, 60_000);
      if (row.size() != regionList.size()) {
        throw r.problem("latency-ms", "needs one latency per region (" + regionList.size() + "), got " + row.size());
      }
      latency[i] = row.stream().mapToDouble(Double::doubleValue).toArray();
    }
    List<Double> diurnal = g.doubleList("diurnal", 0.001, 0.999);
    if (diurnal.size() != 24) {
      throw g.problem("diurnal", "needs 24 values (one per local hour), got " + diurnal.size());
    }
    return new OverlayParams.Geography(regions, latency, g.durationMicros("jitter", 0, 10 * S) / 1000.0,
        diurnal.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static OverlayParams.Population population(int peers, Settings p) {
    return new OverlayParams.Population(peers, duration(p.child("session")),
        p.doubleIn("eligible-share", 1e-6, 1), p.doubleIn("eligible-session-scale", 1, 1000),
        p.fraction("auto-update-share"), p.intIn("contacts", 1, 10_000));
  }

  private static OverlayParams.Client client(Settings c) {
    return new OverlayParams.Client(c.intIn("host-cache-size", 1, 10_000), c.intIn("parallel-connects", 1, 50),
        c.durationMicros("connect-timeout", 1000, OverlayParams.HOUR),
        c.intIn("cache-rounds-before-bootstrap", 0, 1000), retry(c.child("connect-retry")),
        c.intIn("give-up-after-rounds", 1, 1_000_000),
        c.durationMicros("keep-alive-interval", S, DAY), c.intIn("missed-keep-alives", 1, 100),
        c.durationMicros("session-resume", 0, DAY), c.doubleIn("im-per-hour", 0, 3600),
        c.oneOf("region-choice", RegionChoice.class));
  }

  private static OverlayParams.Supernode supernode(Settings s) {
    return new OverlayParams.Supernode(s.intIn("nominal-clients", 1, 1_000_000),
        s.intIn("max-clients", 1, 1_000_000), s.doubleIn("message-rate", 1e-3, 1e9),
        s.doubleIn("per-client-load", 0, 0.999), s.intIn("queue-capacity", 1, 100_000_000),
        s.intIn("connect-cost", 1, 1_000_000), s.intIn("list-sample", 1, 10_000), s.intIn("gossip-fanout", 1, 1000),
        s.intIn("probe-cost", 0, 1_000_000), s.doubleIn("link-capacity", 0, 1e9));
  }

  private static OverlayParams.Login login(Settings l, int regions) {
    Settings t = l.child("throttle");
    ClientThrottle throttle = new ClientThrottle(t.bool("enabled"), t.doubleIn("k", 1, 1000),
        t.durationMicros("window", S, DAY));
    return new OverlayParams.Login(l.intIn("servers", 1, 100_000), l.intIn("workers", 1, 100_000),
        duration(l.child("service-time")), l.intIn("queue-capacity", 0, 100_000_000),
        l.doubleIn("admission-rate", 0, 1e9), l.durationMicros("admission-burst", 1000, OverlayParams.HOUR),
        l.intIn("region", 0, regions - 1),
        l.durationMicros("client-timeout", 1000, OverlayParams.HOUR), retry(l.child("retry")), throttle,
        l.intIn("give-up-after", 1, 1_000_000), duration(l.child("give-up-pause")),
        discouragement(l.child("discouragement")));
  }

  private static OverlayParams.Discouragement discouragement(Settings d) {
    return new OverlayParams.Discouragement(d.intIn("after-give-ups", 0, 1_000_000), duration(d.child("away")));
  }

  private static OverlayParams.Healing healing(Settings h) {
    return new OverlayParams.Healing(h.doubleIn("initial-share", 1e-6, 0.49),
        h.durationMicros("min-uptime", 0, YEAR), h.bool("load-aware"), h.fraction("promotion-probability"),
        h.durationMicros("promotion-check-interval", S, DAY), h.fraction("promote-above-load"),
        h.fraction("demote-below-load"), h.durationMicros("demote-after", 0, YEAR), h.bool("self-shutdown"),
        h.doubleIn("overload-threshold", 0.01, 1), h.durationMicros("overload-duration", 0, DAY),
        h.durationMicros("cooldown", 0, YEAR));
  }

  private static OverlayParams.Infrastructure infrastructure(Settings i) {
    return new OverlayParams.Infrastructure(i.intIn("bootstrap-supernodes", 1, 10_000),
        i.intIn("bootstrap-max-clients", 1, 100_000_000), i.doubleIn("bootstrap-message-rate", 1e-3, 1e9),
        i.intIn("dedicated-pool", 0, 10_000_000), i.bool("bootstrap-rate-scales"),
        i.doubleIn("bootstrap-link-capacity", 0, 1e9));
  }

  private static Timeline timeline(Settings s) {
    List<String> botnets = new ArrayList<>();
    for (Settings b : s.objectList("botnets")) {
      botnets.add(b.string("name"));
    }
    List<TimelineEvent> events = new ArrayList<>();
    for (Settings e : s.objectList("timeline")) {
      events.add(event(e, e.durationMicros("at", 0, MAX_AT), botnets));
    }
    return new Timeline(events);
  }

  /** The latest time a timeline event may name. */
  static final long MAX_AT = 400 * DAY;

  /**
   * One timeline entry taking effect at {@code at}, by the rules of the experiment file (the
   * live injection reads by this too). {@code botnets}: the names of the declared botnets.
   */
  static TimelineEvent event(Settings e, long at, List<String> botnets) {
    EventType type = e.oneOf("type", EventType.class);
    try {
      return switch (type) {
        case RESTART_BURST -> new TimelineEvent.RestartBurst(at,
            e.has("local-time") ? e.durationMicros("local-time", 0, DAY - 1) : -1,
            e.durationMicros("window", 0, 30 * DAY), e.fraction("fraction"),
            e.oneOf("selector", TimelineEvent.Selector.class), duration(e.child("downtime")),
            e.oneOf("exit", Exit.class) == Exit.CRASH, e.bool("include-supernodes"),
            e.has("missed-restart-delay") ? e.durationMicros("missed-restart-delay", 0, 30 * DAY) : -1);
        case SET_PARAMETER -> {
          SettableKeys.Setting<OverlayParams> set = OverlayParams.SETTABLE.read(e);
          yield new TimelineEvent.SetParameter(at, set.key().name(), set.value());
        }
        case SET_DEFENCE -> {
          SettableKeys.Setting<Defences> set = Defences.SETTABLE.read(e);
          yield new TimelineEvent.SetDefence(at, set.key().name(), set.value());
        }
        case THROTTLE_LOGINS -> new TimelineEvent.ThrottleLogins(at, e.doubleIn("per-second", 0, 1e9));
        case ADD_SUPERNODES -> new TimelineEvent.AddSupernodes(at, e.intIn("count", 1, 10_000_000),
            e.intIn("max-clients", 1, 100_000_000), e.doubleIn("message-rate", 1e-3, 1e9));
        case START_BOTNET -> new TimelineEvent.StartBotnet(at, declaredBotnet(e, botnets));
        case STOP_BOTNET -> new TimelineEvent.StopBotnet(at, declaredBotnet(e, botnets));
        case END_OF_RUN -> new TimelineEvent.EndOfRun(at);
      };
    } catch (IllegalArgumentException ex) {
      throw e.problem("type", ex.getMessage());
    }
  }

  private static String declaredBotnet(Settings e, List<String> botnets) {
    String name = e.string("botnet");
    if (!botnets.contains(name)) {
      throw e.problem("botnet", botnets.isEmpty()
          ? "no botnet \"" + name + "\" is declared (patchstorm.overlay.botnets is empty): bots exist from the start of a run, so only declared botnets can be started or stopped"
          : "no botnet \"" + name + "\" is declared; declared are " + botnets);
    }
    return name;
  }

  /** A distribution of durations (written with units, sampled in seconds). */
  static Distribution duration(Settings d) {
    Family family = d.oneOf("type", Family.class);
    try {
      return switch (family) {
        case CONSTANT -> Distribution.constant(seconds(d, "value"));
        case UNIFORM -> {
          double min = seconds(d, "min");
          double max = seconds(d, "max");
          if (max < min) {
            throw d.problem("max", "must not be below min");
          }
          yield Distribution.uniform(min, max);
        }
        case EXPONENTIAL -> Distribution.exponential(positiveSeconds(d, "mean"));
        case LOGNORMAL -> Distribution.lognormal(positiveSeconds(d, "median"), d.doubleIn("sigma", 0, 9.99));
        case WEIBULL -> Distribution.weibull(d.doubleIn("shape", 1e-3, 1000), positiveSeconds(d, "scale"));
        case PARETO -> Distribution.pareto(d.doubleIn("shape", 1e-3, 1000), positiveSeconds(d, "scale"));
      };
    } catch (IllegalArgumentException e) {
      throw d.problem("type", e.getMessage());
    }
  }

  private static double seconds(Settings d, String key) {
    return d.durationMicros(key, 0, YEAR) / (double) S;
  }

  private static double positiveSeconds(Settings d, String key) {
    return d.durationMicros(key, 1, YEAR) / (double) S;
  }

  static RetryPolicy retry(Settings r) {
    Policy policy = r.oneOf("policy", Policy.class);
    return switch (policy) {
      case IMMEDIATE -> new RetryPolicy.Immediate();
      case FIXED -> new RetryPolicy.Fixed(r.durationMicros("interval", 0, DAY));
      case EXPONENTIAL -> new RetryPolicy.Exponential(r.durationMicros("base", 0, DAY),
          r.doubleIn("multiplier", 1, 100), r.durationMicros("cap", 0, 30 * DAY));
      case EXPONENTIAL_FULL_JITTER -> new RetryPolicy.ExponentialFullJitter(r.durationMicros("base", 0, DAY),
          r.durationMicros("cap", 0, 30 * DAY));
      case DECORRELATED_JITTER -> new RetryPolicy.DecorrelatedJitter(r.durationMicros("base", 0, DAY),
          r.durationMicros("cap", 0, 30 * DAY));
    };
  }
}
