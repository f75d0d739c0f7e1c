package org.patchstorm.core.overlay.attack;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.overlay.TimelineEvent;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * The defences as a pure function of virtual time: the base defences with every {@link
 * TimelineEvent.SetDefence} up to {@code now} applied, precomputed so that every server sees the
 * same values at the same time without messages.
 */
public final class DefenceSchedule {

  private final long[] times;
  private final Defences[] phases;

  private DefenceSchedule(long[] times, Defences[] phases) {
    this.times = times;
    this.phases = phases;
  }

  public static DefenceSchedule of(Defences base, List<TimelineEvent> timeline) {
    List<Long> times = new ArrayList<>(List.of(Long.MIN_VALUE));
    List<Defences> phases = new ArrayList<>(List.of(base));
    Defences current = base;
    for (TimelineEvent e : timeline) {
      if (e instanceof TimelineEvent.SetDefence s) {
        current = current.with(s.key(), s.value());
        if (times.get(times.size() - 1) == s.at()) {
          phases.set(phases.size() - 1, current);
        } else {
          times.add(s.at());
          phases.add(current);
        }
      }
    }
    return new DefenceSchedule(times.stream().mapToLong(Long::longValue).toArray(), phases.toArray(new Defences[0]));
  }

  public Defences at(long now) {
    int i = times.length - 1;
    while (times[i] > now) {
      i--;
    }
    return phases[i];
  }
}
