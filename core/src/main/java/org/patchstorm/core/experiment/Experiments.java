package org.patchstorm.core.experiment;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.ping.PingModel;
import org.patchstorm.core.ping.PingParams;
import org.patchstorm.core.reality.RealityCurveFile;

/** Reads and validates {@code patchstorm.experiment} and the section of the chosen model. */
public final class Experiments {
  private static final long SECOND = 1_000_000L;
  private static final long MAX_DURATION = 400L * 86_400 * SECOND;

  private Experiments() {}

  /**
   * Builds the experiment from a merged config (experiment file, overrides, defaults). Every key
   * the user set must be one that is read, else a {@link org.patchstorm.core.config.ConfigProblem}
   * names it.
   *
   * @param seedOverride the command line's {@code --seed}, which wins over the file
   */
  public static Experiment read(Config merged, OptionalLong seedOverride) {
    return read(Settings.root(merged, "patchstorm"), merged, seedOverride);
  }

  private static Experiment read(Settings root, Config merged, OptionalLong seedOverride) {
    Settings exp = root.child("experiment");
    String name = exp.string("name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw exp.problem("name", "use only letters, digits, '.', '_' and '-' (it names the results folder), got \"" + name + "\"");
    }
    Experiment.ModelKind kind = exp.oneOf("model", Experiment.ModelKind.class);
    long seed = exp.longIn("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    if (seedOverride.isPresent()) {
      seed = seedOverride.getAsLong();
    }
    long duration = exp.durationMicros("duration", 1000, MAX_DURATION);
    long interval = exp.durationMicros("report-interval", 1000, duration);
    OptionalInt fixedPartitions = readPartitions(exp);
    Hosting hosting = exp.oneOf("hosting", Hosting.class);
    Analysis analysis = readAnalysis(exp, merged, kind);
    Model model =
        switch (kind) {
          case PING -> ping(root.child("ping"));
          case OVERLAY -> OverlayModel.fromSettings(root.child("overlay"), seed);
        };
    if (interval % model.lookaheadMicros() != 0) {
      throw exp.problem(
          "report-interval",
          "must be a whole multiple of the lookahead (the smallest link latency, "
              + model.lookaheadMicros() / 1000.0 + " ms), so that every row ends between epochs");
    }
    root.rejectUnknownKeys();
    if (model instanceof OverlayModel overlay) {
      // An end-of-run event on the timeline ends the run early.
      duration = Math.min(duration, overlay.params().timeline().end());
      rejectEventsAfterTheEnd(root.child("overlay"), duration);
    }
    int mostPartitions = Math.max(1, model.entityCount() / MIN_ENTITIES_PER_PARTITION);
    if (fixedPartitions.isPresent() && fixedPartitions.getAsInt() > mostPartitions) {
      throw exp.problem("partitions", fixedPartitions.getAsInt() + " partitions for "
          + model.entityCount() + " entities cannot make progress: every partition swaps a batch"
          + " with every other one each epoch, so the hand-offs outgrow the entities' work; use at"
          + " most " + mostPartitions + " (one per " + MIN_ENTITIES_PER_PARTITION
          + " entities), or auto");
    }
    if (analysis.incidentStartMicros().isPresent() && analysis.incidentStartMicros().getAsLong() >= duration) {
      throw exp.problem("incident-start", "must lie within the run, before its end at "
          + duration / 1e6 + " s");
    }
    if (analysis.incidentStartMicros().isPresent() && analysis.incidentStartMicros().getAsLong() < interval) {
      // The normal level the outage is measured against is read from the rows before the
      // incident: without one, every figure relative to normal would be undefined.
      throw exp.problem("incident-start", "must leave at least one reporting interval ("
          + interval / 1e6 + " s) before it, from which the normal level is read; got "
          + analysis.incidentStartMicros().getAsLong() / 1e6 + " s");
    }
    int partitions =
        fixedPartitions.orElseGet(
            () -> autoPartitions(model.entityCount(), Runtime.getRuntime().availableProcessors()));
    return new Experiment(name, kind, seed, duration, interval, partitions, hosting, model, analysis,
        root.defaultsNotRead());
  }

  /**
   * Fewest entities per partition a run may ask for: P partitions swap P x P batches per epoch,
   * which beyond this outweighs what the entities do.
   */
  static final int MIN_ENTITIES_PER_PARTITION = 10;

  /** Entities a partition should host before another one pays for its hand-off per epoch. */
  static final int ENTITIES_PER_AUTO_PARTITION = 250_000;

  /**
   * The partition count "auto" stands for: one per {@link #ENTITIES_PER_AUTO_PARTITION}
   * entities, at most one per core. Every partition costs a batch hand-off per epoch; at 100 k
   * entities and ~11 events per epoch (the 2007 storm) one partition ran in 18 s where two took
   * 26 s, while ping at 1 M peers ran ~10% faster on two.
   */
  static int autoPartitions(int entities, int cores) {
    return Math.max(1, Math.min(cores, entities / ENTITIES_PER_AUTO_PARTITION));
  }

  /**
   * {@code exp} as it runs on {@code members} member JVMs: with {@code partitions = auto}, at
   * least one partition per member, so that none sits idle, and up to one per core of every
   * member ({@code cores} each); a fixed count stays as written.
   */
  public static Experiment onMembers(Experiment exp, Config merged, int members, int cores) {
    if (members <= 1 || readPartitions(Settings.root(merged, "patchstorm").child("experiment"))
        .isPresent()) {
      return exp;
    }
    int partitions = Math.max(members, autoPartitions(exp.model().entityCount(), cores * members));
    return new Experiment(exp.name(), exp.modelKind(), exp.seed(), exp.durationMicros(),
        exp.reportIntervalMicros(), partitions, exp.hosting(), exp.model(), exp.analysis(),
        exp.defaultsNotRead());
  }

  /** The key the control run sets to keep the run's incident start (see reference.conf). */
  public static final String INCIDENT_START = "patchstorm.experiment.incident-start";
  /** The overlay's timeline, where events injected into a live run are recorded. */
  public static final String TIMELINE = "patchstorm.overlay.timeline";
  /** The key naming the reality curve (see reference.conf). */
  public static final String REALITY_CURVE = "patchstorm.experiment.reality.curve";

  private static Analysis readAnalysis(Settings exp, Config merged, Experiment.ModelKind kind) {
    OptionalLong incidentStart = "auto".equals(exp.string("incident-start"))
        ? OptionalLong.empty()
        : OptionalLong.of(exp.durationMicros("incident-start", 0, MAX_DURATION));
    Settings reality = exp.child("reality");
    String curve = reality.string("curve");
    if (curve.isBlank()) {
      return new Analysis(incidentStart, Optional.empty());
    }
    if (kind != Experiment.ModelKind.OVERLAY) {
      throw reality.problem("curve", "reality curves are compared with overlay runs; this experiment's model is "
          + Settings.spelling(kind));
    }
    // Relative to the file that names the curve, so a scenario finds its curve wherever the user
    // stands; a --set override is relative to the working directory.
    String origin = merged.getValue(REALITY_CURVE).origin().filename();
    Path given = Path.of(curve);
    Path file = given.isAbsolute() || origin == null ? given : Path.of(origin).resolveSibling(curve);
    if (!Files.isRegularFile(file)) {
      throw reality.problem("curve", "no reality curve file at " + file
          + " (a relative path is taken from the folder of the file that names it)");
    }
    return new Analysis(incidentStart, Optional.of(new Analysis.Reality(file, RealityCurveFile.read(file))));
  }

  private static OptionalInt readPartitions(Settings exp) {
    if (exp.has("partitions") && "auto".equals(exp.string("partitions"))) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(exp.intIn("partitions", 1, 4096));
  }

  /** An event at or after the end would never happen, and the run would silently lack it. */
  private static void rejectEventsAfterTheEnd(Settings overlay, long durationMicros) {
    for (Settings event : overlay.objectList("timeline")) {
      if (event.string("type").equals("end-of-run")) {
        continue;
      }
      long at = event.durationMicros("at", 0, Long.MAX_VALUE);
      if (at >= durationMicros) {
        throw event.problem("at", "this " + event.string("type") + " event at " + Settings.formatMicros(at)
            + " is not before the end of the run at " + Settings.formatMicros(durationMicros)
            + ", so it would never happen; lengthen patchstorm.experiment.duration or remove"
            + " the event");
      }
    }
  }

  private static Model ping(Settings s) {
    long latencyMin = s.durationMicros("latency-min", 1, 3_600 * SECOND);
    long latencyMax = s.durationMicros("latency-max", 1, 3_600 * SECOND);
    if (latencyMax < latencyMin) {
      throw s.problem("latency-max", "must not be below latency-min");
    }
    int peers = s.intIn("peers", 2, 200_000_000);
    int outDegree = s.intIn("out-degree", 1, 10_000);
    if (outDegree > peers - 1) {
      throw s.problem("out-degree", "each peer sends to " + outDegree + " others, but there are"
          + " only " + peers + " peers; use an out-degree of at most " + (peers - 1)
          + " or more peers");
    }
    return new PingModel(
        new PingParams(
            peers,
            outDegree,
            s.durationMicros("period", 1, 3_600 * SECOND),
            latencyMin,
            latencyMax));
  }
}
