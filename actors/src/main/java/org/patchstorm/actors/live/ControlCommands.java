package org.patchstorm.actors.live;

import java.util.Locale;
import org.patchstorm.core.engine.InjectionRefused;
import org.patchstorm.core.engine.LiveHorizon;

/**
 * The plain-text commands of a live run, one a line: {@code inject { ...timeline entry... }},
 * {@code pause}, {@code resume}, {@code pace X}, {@code stop}. Blank lines and lines starting
 * with {@code #} are skipped. Each command is carried out on a {@link LiveControl}; what happened
 * is one line for the user, and so is what went wrong: the run goes on either way.
 */
public final class ControlCommands {
  static final String USAGE = "the commands are: inject { <timeline entry> }, pause, resume,"
      + " pace <virtual seconds per wall second, 0 = as fast as possible>, stop";

  private final LiveControl live;

  public ControlCommands(LiveControl live) {
    this.live = live;
  }

  /** A command that cannot be carried out; its message is one line. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Carries out {@code line}; returns what happened (one line), or null for a blank or comment
   * line.
   *
   * @throws Refused with one line saying why, when the command is unknown or refused
   */
  public String execute(String line) throws Refused {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return null;
    }
    int space = text.indexOf(' ');
    int brace = text.indexOf('{');
    int cut = space < 0 ? brace : (brace < 0 ? space : Math.min(space, brace));
    String word = (cut < 0 ? text : text.substring(0, cut)).toLowerCase(Locale.ROOT);
    String rest = cut < 0 ? "" : text.substring(cut).strip();
    switch (word) {
      case "inject" -> {
        if (rest.isEmpty()) {
          throw new Refused("inject needs the event, e.g. inject { type = restart-burst,"
              + " fraction = 0.1, ... } (a timeline entry on one line)");
        }
        try {
          LiveControl.Injected done = live.inject(rest);
          return "injected " + done.label() + " at "
              + LiveHorizon.seconds(Math.round(done.atSeconds() * 1e6))
              + " (virtual time; recorded in experiment.conf and manifest.json)";
        } catch (InjectionRefused refused) {
          throw new Refused("injection refused: " + refused.getMessage());
        }
      }
      case "pause", "resume", "stop" -> {
        if (!rest.isEmpty()) {
          throw new Refused(word + " takes nothing after it, got \"" + rest + "\"");
        }
        if (word.equals("pause")) {
          live.pause();
          return "paused: virtual time stops once the partitions reach what was granted";
        }
        if (word.equals("resume")) {
          live.resume();
          return "resumed";
        }
        live.stop();
        return "stopping";
      }
      case "pace" -> {
        double pace;
        try {
          pace = Double.parseDouble(rest);
        } catch (NumberFormatException e) {
          throw new Refused("pace takes a number of virtual seconds per wall second (0 = as fast"
              + " as possible), e.g. pace 600; got \"" + rest + "\"");
        }
        if (!(pace >= 0) || Double.isInfinite(pace)) {
          throw new Refused("pace takes a number of 0 or more (0 = as fast as possible); got "
              + rest);
        }
        live.pace(pace);
        return pace == 0 ? "pace: as fast as possible"
            : "pace: " + rest + " virtual seconds per wall second";
      }
      default -> throw new Refused("unknown command \"" + word + "\"; " + USAGE);
    }
  }
}
