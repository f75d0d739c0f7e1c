package org.patchstorm.core.overlay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.overlay.attack.Botnet;

/**
 * One timeline entry as text (HOCON), as typed into a running run: read by the experiment
 * file's own reader and rules, and written back with its time for the run's recorded
 * experiment.
 */
final class TimelineEntry {

  private final Config entry;
  private final TimelineEvent event;
  private final long requestedAt;

  private TimelineEntry(Config entry, TimelineEvent event, long requestedAt) {
    this.entry = entry;
    this.event = event;
    this.requestedAt = requestedAt;
  }

  /**
   * Reads an entry whose {@code at} may be left out (-1: as soon as possible).
   *
   * @throws ConfigProblem naming the key, as the experiment reader would
   */
  static TimelineEntry read(String hocon, String origin, OverlayWorld world) {
    Config entry;
    try {
      entry = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(origin)).resolve();
    } catch (ConfigException e) {
      throw ConfigProblem.unlocated(null, "not a timeline entry in HOCON: " + e.getMessage());
    }
    Settings s = Settings.root(entry, "");
    long at = s.has("at") ? s.durationMicros("at", 0, OverlaySettings.MAX_AT) : -1;
    List<String> botnets = world.attack().botnets().stream().map(Botnet::name).toList();
    TimelineEvent event = OverlaySettings.event(s, Math.max(0, at), botnets);
    s.rejectUnreadKeys();
    return new TimelineEntry(entry, OverlayScenarios.scaleEvent(event, world.timelineScale()), at);
  }

  /** The event of an entry the coordinator was handed (its time is set). */
  static TimelineEvent readInjected(String hocon, OverlayWorld world) {
    try {
      return read(hocon, "injected event", world).event;
    } catch (ConfigProblem e) {
      throw new IllegalStateException("an injected event that was accepted cannot be read: " + e.describe(), e);
    }
  }

  /** The event (capacities scaled like the experiment's), at its requested time or 0. */
  TimelineEvent event() {
    return event;
  }

  long requestedAt() {
    return requestedAt;
  }

  /** The entry as written, with {@code at} set: one line of HOCON (JSON) for the timeline. */
  String at(long atMicros) {
    return entry.withValue("at", ConfigValueFactory.fromAnyRef(Settings.formatMicros(atMicros)))
        .root().render(ConfigRenderOptions.concise());
  }
}
