package org.patchstorm.core.overlay.attack;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.crash.WarmUp;
import org.patchstorm.core.overlay.defence.Defences;
import org.patchstorm.core.overlay.defence.Scope;

/**
 * Reads the attack-study sections of {@code patchstorm.overlay} ({@code botnets}, {@code
 * defences}, {@code service}, {@code crash}) into {@link AttackParams}. Like the overlay reader, every key is range-checked where it is
 * read and a record's own consistency check is reported at the object it belongs to.
 */
public final class AttackSettings {

  private static final long S = 1_000_000L;
  private static final long DAY = 86_400 * S;
  private static final long YEAR = 366 * DAY;

  private AttackSettings() {}

  /** The attack parameters of an overlay section; {@code regions} bounds region targets. */
  public static AttackParams read(Settings overlay, int regions) {
    List<Botnet> botnets = new ArrayList<>();
    for (Settings b : overlay.objectList("botnets")) {
      botnets.add(b.located("name", () -> botnet(b, regions)));
    }
    Settings d = overlay.child("defences");
    Defences defences = new Defences(
        d.located("rate-limit", () -> rateLimit(d.child("rate-limit"))),
        d.located("admission", () -> admission(d.child("admission"))),
        d.located("blocking", () -> blocking(d.child("blocking"))));
    Settings s = overlay.child("service");
    AttackParams.Service service = overlay.located("service", () -> new AttackParams.Service(
        s.doubleIn("status-per-hour", 0, 3600), s.durationMicros("status-deadline", 1000, DAY),
        s.doubleIn("searches-per-hour", 0, 3600), s.durationMicros("search-timeout", 1000, DAY),
        s.intIn("search-cost", 1, 1_000_000), s.intIn("search-tries", 1, AttackParams.Service.MAX_SEARCH_TRIES)));
    Settings c = overlay.child("crash");
    Settings w = c.child("warm-up");
    AttackParams.Crash crash = overlay.located("crash", () -> new AttackParams.Crash(
        c.fraction("affected-version-share"),
        new WarmUp(w.durationMicros("duration", 0, DAY), w.doubleIn("floor", 0.001, 1)),
        c.bool("resume-supernode-role"),
        c.intIn("sync-cost", 0, 1_000_000),
        c.bool("shed-load")));
    return new AttackParams(botnets, defences, service, crash);
  }

  private static Botnet botnet(Settings b, int regions) {
    String name = b.string("name");
    long start = b.durationMicros("start", 0, 400 * DAY);
    long stop = b.durationMicros("stop", 1, 400 * DAY);
    if (stop <= start) {
      throw b.problem("stop", "must be after start");
    }
    TargetKind target = b.oneOf("target", TargetKind.class);
    RequestKind request = b.oneOf("request", RequestKind.class);
    if (!request.fits(target)) {
      throw b.problem("request", "\"" + Settings.spelling(request) + "\" does not fit target \""
          + Settings.spelling(target) + "\": log-ins go to login servers, the other kinds to supernodes");
    }
    int region = -1;
    if (target == TargetKind.REGION) {
      region = b.intIn("region", 0, regions - 1);
    }
    return new Botnet(name, b.intIn("bots", 1, 100_000_000), b.doubleIn("rate-per-bot", 1e-6, 1000),
        start, stop,
        b.has("ramp") ? b.durationMicros("ramp", 0, 30 * DAY) : 0,
        b.has("wave-on") ? b.durationMicros("wave-on", 1, 30 * DAY) : 0,
        b.has("wave-off") ? b.durationMicros("wave-off", 1, 30 * DAY) : 0,
        target, b.has("target-count") ? b.intIn("target-count", 0, 100_000_000) : 0, region, request,
        b.has("units-per-request") ? b.intIn("units-per-request", 1, 1_000_000) : 1);
  }

  private static Defences.RateLimit rateLimit(Settings r) {
    return new Defences.RateLimit(r.bool("enabled"), r.oneOf("scope", Scope.class),
        r.doubleIn("per-second", 1e-6, 1e6), r.doubleIn("burst", 1, 1e6));
  }

  private static Defences.Admission admission(Settings a) {
    return new Defences.Admission(a.bool("enabled"), a.oneOf("scope", Scope.class), a.doubleIn("threshold", 0.001, 1));
  }

  private static Defences.Blocking blocking(Settings b) {
    return new Defences.Blocking(b.bool("enabled"), b.oneOf("scope", Scope.class),
        b.durationMicros("detection-delay", 0, YEAR), b.doubleIn("detect-rate", 0, 1e6),
        b.durationMicros("window", S, DAY), b.fraction("bot-detection"), b.fraction("false-positive"),
        b.durationMicros("block-for", 0, YEAR));
  }

}
