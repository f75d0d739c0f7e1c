package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters as a pure function of virtual time: the base parameters with every parameter
 * change of the timeline up to {@code now} applied. Precomputed once, so {@link #at(long)} is a
 * short scan, and every entity sees the same values at the same time with no messages.
 */
public final class ParamSchedule {

  private final long[] times;
  private final OverlayParams[] phases;

  private ParamSchedule(long[] times, OverlayParams[] phases) {
    this.times = times;
    this.phases = phases;
  }

  public static ParamSchedule of(OverlayParams base) {
    List<Long> times = new ArrayList<>();
    List<OverlayParams> phases = new ArrayList<>();
    times.add(Long.MIN_VALUE);
    phases.add(base);
    OverlayParams current = base;
    for (TimelineEvent e : base.timeline().events()) {
      OverlayParams next = null;
      if (e instanceof TimelineEvent.SetParameter s) {
        next = current.with(s.key(), s.value());
      } else if (e instanceof TimelineEvent.ThrottleLogins t) {
        next = current.with("login.admission-rate", t.perSecond());
      }
      if (next != null) {
        current = next;
        if (times.get(times.size() - 1) == e.at()) {
          phases.set(phases.size() - 1, current);
        } else {
          times.add(e.at());
          phases.add(current);
        }
      }
    }
    return new ParamSchedule(times.stream().mapToLong(Long::longValue).toArray(),
        phases.toArray(new OverlayParams[0]));
  }

  public OverlayParams base() {
    return phases[0];
  }

  public OverlayParams at(long now) {
    int i = times.length - 1;
    while (times[i] > now) {
      i--;
    }
    return phases[i];
  }
}
