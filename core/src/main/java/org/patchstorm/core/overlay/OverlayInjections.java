package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.Injections;
import org.patchstorm.core.overlay.OverlayMessage.Injected;

/**
 * How the overlay takes an event while it runs: any timeline entry, read by the experiment's own
 * reader, is handed to the coordinator, which carries it out one command lead later, as it would
 * the same entry in the file. Bots and dedicated supernodes exist from the start of a run, so
 * only declared botnets can be started or stopped, and add-supernodes events draw on the pool
 * the experiment declares ({@code infrastructure.dedicated-pool}).
 */
final class OverlayInjections implements Injections {

  /** Entries travel to the coordinator as one string (at most 64 KiB encoded). */
  private static final int MAX_ENTRY_CHARS = 16_000;

  private final OverlayWorld world;
  /** Dormant dedicated supernodes not promised to the timeline nor to an earlier injection. */
  private int dedicatedLeft;

  OverlayInjections(OverlayWorld world) {
    this.world = world;
    this.dedicatedLeft = world.dedicatedCount()
        - world.params().timeline().addSupernodes().stream().mapToInt(TimelineEvent.AddSupernodes::count).sum();
  }

  @Override
  public synchronized Prepared prepare(String hocon, String origin) throws InjectionRefused {
    TimelineEntry entry;
    try {
      entry = TimelineEntry.read(hocon, origin, world);
    } catch (ConfigProblem p) {
      throw new InjectionRefused("Refused " + origin + (p.key() == null ? "" : ", key " + p.key()) + ": "
          + p.problem() + (p.problem().endsWith(".") ? "" : "."));
    }
    if (entry.at(OverlaySettings.MAX_AT).length() > MAX_ENTRY_CHARS) {
      throw new InjectionRefused("Refused " + origin + ": the entry is longer than " + MAX_ENTRY_CHARS
          + " characters; a timeline entry is a handful of keys.");
    }
    TimelineEvent event = entry.event();
    if (event instanceof TimelineEvent.EndOfRun) {
      throw new InjectionRefused("Refused " + origin + ", key type: end-of-run cannot be injected (a run that goes"
          + " is stopped, not shortened).");
    }
    if (event instanceof TimelineEvent.AddSupernodes a && a.count() > dedicatedLeft) {
      throw new InjectionRefused("Refused " + origin + ", key count: add-supernodes needs " + a.count()
          + " dormant dedicated supernodes, " + dedicatedLeft + " are left; the experiment reserves them with"
          + " patchstorm.overlay.infrastructure.dedicated-pool.");
    }
    return new Placed(entry);
  }

  private synchronized void reserve(TimelineEvent event) {
    if (event instanceof TimelineEvent.AddSupernodes a) {
      dedicatedLeft -= a.count();
    }
  }

  /** A read entry, to be placed at a time. */
  private final class Placed implements Prepared {
    private final TimelineEntry entry;
    private boolean delivered;

    Placed(TimelineEntry entry) {
      this.entry = entry;
    }

    @Override
    public long requestedAtMicros() {
      return entry.requestedAt();
    }

    @Override
    public String label() {
      return TimelineEvent.describe(entry.event());
    }

    @Override
    public String timelineEntry(long atMicros) {
      return entry.at(atMicros + leadMicros());
    }

    @Override
    public synchronized List<Delivery> deliveries(long atMicros) {
      if (!delivered) {
        delivered = true;
        reserve(entry.event());
      }
      return List.of(new Delivery(world.coordinator(), new Injected(timelineEntry(atMicros))));
    }

    @Override
    public long leadMicros() {
      return world.commandLeadMicros();
    }
  }
}
