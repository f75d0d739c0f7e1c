package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The scenario timeline, sorted by time (stable for equal times). */
public record Timeline(List<TimelineEvent> events) {

  public Timeline {
    List<TimelineEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(TimelineEvent::at));
    events = List.copyOf(sorted);
  }

  public static Timeline empty() {
    return new Timeline(List.of());
  }

  public static Timeline of(TimelineEvent... events) {
    return new Timeline(List.of(events));
  }

  public List<TimelineEvent.RestartBurst> restartBursts() {
    return only(TimelineEvent.RestartBurst.class);
  }

  public List<TimelineEvent.AddSupernodes> addSupernodes() {
    return only(TimelineEvent.AddSupernodes.class);
  }

  /** Earliest end-of-run event, or Long.MAX_VALUE. */
  public long end() {
    return only(TimelineEvent.EndOfRun.class).stream().mapToLong(TimelineEvent::at).min().orElse(Long.MAX_VALUE);
  }

  private <T extends TimelineEvent> List<T> only(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (TimelineEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }
}
