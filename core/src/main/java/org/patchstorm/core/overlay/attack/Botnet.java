package org.patchstorm.core.overlay.attack;

/**
 * One botnet: {@code bots} machines, each sending {@code ratePerBot} requests/s of one kind at
 * one set of targets, as Poisson arrivals (bots are not synchronised). The attack runs from
 * {@code start} to {@code stop}; bots join evenly over {@code ramp} (bot i at start + ramp *
 * i / bots); when {@code waveOn > 0} the attack pulses: on for {@code waveOn}, off for {@code
 * waveOff}, counted from {@code start}. Targets: {@code targetCount} of the chosen kind (0 = all
 * of them); {@code region} names the region index for {@link TargetKind#REGION}. {@code
 * unitsPerRequest} is the work a relayed request costs a supernode. Times in microseconds.
 */
public record Botnet(
    String name,
    int bots,
    double ratePerBot,
    long start,
    long stop,
    long ramp,
    long waveOn,
    long waveOff,
    TargetKind target,
    int targetCount,
    int region,
    RequestKind request,
    int unitsPerRequest) {

  public Botnet {
    require(name != null && !name.isEmpty(), "botnet: a name is required");
    require(bots >= 1, "botnet " + name + ": bots >= 1");
    require(ratePerBot > 0 && ratePerBot <= 1000, "botnet " + name + ": rate-per-bot in (0, 1000] per second");
    require(start >= 0 && stop > start, "botnet " + name + ": 0 <= start < stop");
    require(ramp >= 0, "botnet " + name + ": ramp >= 0");
    require(waveOn >= 0 && waveOff >= 0, "botnet " + name + ": wave-on and wave-off >= 0");
    require(waveOn == 0 || waveOff > 0, "botnet " + name + ": a wave needs wave-off > 0");
    require(targetCount >= 0, "botnet " + name + ": target-count >= 0");
    require(target != TargetKind.REGION || region >= 0, "botnet " + name + ": a region target needs a region");
    require(request.fits(target), "botnet " + name + ": request " + request + " does not fit target " + target
        + " (log-ins go to login servers, the other kinds to supernodes)");
    require(unitsPerRequest >= 1, "botnet " + name + ": units-per-request >= 1");
  }

  /** When bot {@code bot} (0-based) joins the attack. */
  public long joinTime(int bot) {
    return start + (long) (ramp * (double) bot / bots);
  }

  /** Whether the attack pulse is on at {@code t} (ignoring ramp and stop). */
  public boolean waveActive(long t) {
    if (waveOn == 0 || t < start) {
      return t >= start;
    }
    return (t - start) % (waveOn + waveOff) < waveOn;
  }

  /** Whether bot {@code bot} sends at time {@code t}. */
  public boolean active(int bot, long t) {
    return t >= joinTime(bot) && t < stop && waveActive(t);
  }

  /** The first time at or after {@code t} when bot {@code bot} sends, or Long.MAX_VALUE. */
  public long nextActive(int bot, long t) {
    long from = Math.max(t, joinTime(bot));
    if (from >= stop) {
      return Long.MAX_VALUE;
    }
    if (waveActive(from)) {
      return from;
    }
    long period = waveOn + waveOff;
    long next = start + ((from - start) / period + 1) * period;
    return next < stop ? next : Long.MAX_VALUE;
  }

  /** The end of the on-period containing {@code t} (stop when there are no waves). */
  public long activeUntil(long t) {
    if (waveOn == 0) {
      return stop;
    }
    long period = waveOn + waveOff;
    return Math.min(stop, start + (t - start) / period * period + waveOn);
  }

  /** Requests per second of the whole botnet at {@code t} (bots joined and pulse on). */
  public double rateAt(long t) {
    if (t < start || t >= stop || !waveActive(t)) {
      return 0;
    }
    int joined = ramp == 0 ? bots : (int) Math.min(bots, Math.floor((t - start) * (double) bots / ramp) + 1);
    return joined * ratePerBot;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
