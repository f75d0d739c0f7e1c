package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.reality.RealityCurve;
import org.patchstorm.core.results.Manifest;
import org.patchstorm.core.results.ResultsFolder;

/**
 * The folder's record of the experiment as run, so that it replays exactly: experiment.conf (the
 * file, --set overrides and every default, resolved, with the events injected into a live run
 * appended to its timeline), the reality curve's copy beside it, and the injections listed in
 * manifest.json.
 */
final class ExperimentAsRun {
  private final Experiment experiment;
  private final Config merged;
  private final ResultsFolder folder;
  /** The manifest written at the start, which injections are added to. */
  private final Manifest starting;
  /** Events injected so far (live runs): in the manifest and the experiment's timeline. */
  private volatile List<Manifest.Injection> injected = List.of();
  private volatile boolean closed;

  ExperimentAsRun(Experiment experiment, Config merged, ResultsFolder folder, Manifest starting) {
    this.experiment = experiment;
    this.merged = merged;
    this.folder = folder;
    this.starting = starting;
  }

  /** The experiment section, resolved, as members rebuild the model from it. */
  static String experimentText(Config merged) {
    return merged.withOnlyPath("patchstorm").root().render(ConfigRenderOptions.concise());
  }

  /** Writes the starting manifest, experiment.conf and the reality curve's copy. */
  void writeStart() {
    folder.writeManifest(starting);
    folder.writeString("experiment.conf", text(injected));
    experiment.analysis().reality().ifPresent(r -> folder.writeString(
        copiedCurveName(r.curve()), readCurveFile(r.file())));
  }

  /** Refuses injections from now on: the folder is being marked failed. */
  void close() {
    closed = true;
  }

  /**
   * Keeps an injected event in the folder before it takes effect: appended to the timeline of
   * experiment.conf and listed in manifest.json, each file replaced atomically. If the manifest
   * cannot be written, experiment.conf gets its old text back and this throws (the event is then
   * refused).
   */
  synchronized void record(long atMicros, String label, String timelineEntry) {
    if (closed) {
      throw new IllegalStateException("the run is being interrupted");
    }
    List<Manifest.Injection> events = new ArrayList<>(injected);
    events.add(new Manifest.Injection(atMicros / 1e6, label, timelineEntry));
    String before = text(injected);
    folder.writeString("experiment.conf", text(events));
    try {
      folder.writeManifest(starting.withInjected(events));
    } catch (RuntimeException e) {
      try {
        folder.writeString("experiment.conf", before);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    injected = List.copyOf(events);
  }

  /** {@code manifest} with the events injected so far. */
  Manifest recorded(Manifest manifest) {
    return manifest.withInjected(injected);
  }

  /** experiment.conf's text as it stands. */
  String text() {
    return text(injected);
  }

  private String text(List<Manifest.Injection> events) {
    Config asRun = withTimeline(merged, events).withOnlyPath("patchstorm");
    for (String unread : experiment.defaultsNotRead()) {
      asRun = asRun.withoutPath(unread);
    }
    asRun = asRun.withValue(
        "patchstorm.experiment.seed", ConfigValueFactory.fromAnyRef(experiment.seed()));
    if (experiment.analysis().reality().isPresent()) {
      // The curve is copied beside this file, so the folder replays wherever it is moved.
      asRun = asRun.withValue(Experiments.REALITY_CURVE, ConfigValueFactory
          .fromAnyRef(copiedCurveName(experiment.analysis().reality().get().curve())));
    }
    return "# The experiment as run: the file, --set overrides and every default, resolved.\n"
        + "# Run it again with: ./run.sh <this file>\n"
        + asRun
            .root()
            .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  /** {@code config} with {@code events} appended to its timeline. */
  private static Config withTimeline(Config config, List<Manifest.Injection> events) {
    if (events.isEmpty()) {
      return config;
    }
    List<ConfigValue> timeline = new ArrayList<>(
        config.hasPath(Experiments.TIMELINE) ? config.getList(Experiments.TIMELINE) : List.of());
    for (Manifest.Injection event : events) {
      timeline.add(ConfigFactory.parseString(event.entry()).root());
    }
    return config.withValue(Experiments.TIMELINE, ConfigValueFactory.fromIterable(timeline));
  }

  /** The reality curve's copy in the results folder: its name with a prefix no other file has. */
  private static String copiedCurveName(RealityCurve curve) {
    return curve.name().startsWith("reality-") ? curve.name() : "reality-" + curve.name();
  }

  private static String readCurveFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the reality curve " + file, e);
    }
  }
}
