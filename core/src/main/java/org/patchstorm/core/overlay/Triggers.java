package org.patchstorm.core.overlay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.config.Settings;

/**
 * Which parts of an overlay scenario are its trigger, the one place that says so. A control run
 * (the same scenario without its trigger) keeps everything else: the operator's actions, the
 * defences, the end of the run. Triggers are the timeline events of role {@link Role#TRIGGER}
 * (restart bursts, which include the 2010 crash wave) and every botnet (attacks live in their
 * own section, {@code patchstorm.overlay.botnets}).
 */
public final class Triggers {

  /** What a timeline event is to the story of an outage. */
  public enum Role {
    /** Sets the outage off: removed in the control run. */
    TRIGGER,
    /** What the operators did in response (fixes, capacity, defences): kept. */
    OPERATOR_ACTION,
    /** Shapes the run itself (its end): kept. */
    RUN
  }

  static final String TIMELINE = "patchstorm.overlay.timeline";
  static final String BOTNETS = "patchstorm.overlay.botnets";

  private Triggers() {}

  /**
   * The role of each timeline event type. A switch over every constant, so a new type does not
   * compile until it is classified here.
   */
  static Role role(OverlaySettings.EventType type) {
    return switch (type) {
      // A botnet's starts and stops go with the botnets, which the control run drops.
      case RESTART_BURST, START_BOTNET, STOP_BOTNET -> Role.TRIGGER;
      case SET_PARAMETER, SET_DEFENCE, THROTTLE_LOGINS, ADD_SUPERNODES -> Role.OPERATOR_ACTION;
      case END_OF_RUN -> Role.RUN;
    };
  }

  /** A config without its triggers, and what was taken out (one line each, for the user). */
  public record Removal(Config config, List<String> removed) {}

  /**
   * The merged experiment config with every trigger removed: timeline events of role {@link
   * Role#TRIGGER} and all botnets. Everything else, including the order of the kept events and
   * their origins, stays as it was. Expects a config that has been read once (valid types).
   */
  public static Removal removeFrom(Config merged) {
    List<String> removed = new ArrayList<>();
    Config out = merged;
    if (merged.hasPath(TIMELINE)) {
      List<ConfigValue> kept = new ArrayList<>();
      ConfigList timeline = merged.getList(TIMELINE);
      for (int i = 0; i < timeline.size(); i++) {
        ConfigValue event = timeline.get(i);
        if (isTrigger(event)) {
          removed.add(TIMELINE + "[" + i + "]: " + describe(event));
        } else {
          kept.add(event);
        }
      }
      out = out.withValue(TIMELINE, ConfigValueFactory.fromIterable(kept));
    }
    if (merged.hasPath(BOTNETS)) {
      ConfigList botnets = merged.getList(BOTNETS);
      for (int i = 0; i < botnets.size(); i++) {
        removed.add(BOTNETS + "[" + i + "]: " + describe(botnets.get(i)));
      }
      out = out.withValue(BOTNETS, ConfigValueFactory.fromIterable(List.of()));
    }
    return new Removal(out, List.copyOf(removed));
  }

  private static boolean isTrigger(ConfigValue event) {
    if (event instanceof ConfigObject object && object.get("type") != null) {
      String written = String.valueOf(object.get("type").unwrapped());
      for (OverlaySettings.EventType type : OverlaySettings.EventType.values()) {
        if (Settings.spelling(type).equals(written)) {
          return role(type) == Role.TRIGGER;
        }
      }
    }
    return false;
  }

  /** "restart-burst at 3h" or "claimed-2017 (login-servers) from 1h", from the written values. */
  private static String describe(ConfigValue value) {
    if (!(value instanceof ConfigObject object)) {
      return value.render();
    }
    String what = object.get("type") != null ? text(object.get("type"))
        : object.get("name") != null ? "botnet " + text(object.get("name")) : "entry";
    String when = object.get("at") != null ? " at " + text(object.get("at"))
        : object.get("start") != null ? " from " + text(object.get("start")) : "";
    return what + when;
  }

  private static String text(ConfigValue value) {
    return String.valueOf(value.unwrapped());
  }
}
