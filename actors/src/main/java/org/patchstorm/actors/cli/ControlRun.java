package org.patchstorm.actors.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.Triggers;
import org.patchstorm.core.report.ChartOverlay;
import org.patchstorm.core.report.ChartSpec;
import org.patchstorm.core.report.Charts;
import org.patchstorm.core.report.TimeSeries;
import org.patchstorm.core.report.Verdict;
import org.patchstorm.core.results.ResultsFolder;

/**
 * {@code --control}: once the run's own results are written, runs the same experiment with the
 * same seed and its triggers removed ({@link Triggers}) into the subfolder {@code control/}, and
 * writes the comparison beside the run's results: {@code control.json} (both verdicts and
 * headline figures side by side) and {@code control.png} (online in both runs).
 */
final class ControlRun implements ExperimentRunner.Addition {

  static final String FOLDER = "control";
  static final String JSON = "control.json";
  static final String CHART = "control.png";

  /** The headline figures of summary.json set side by side. */
  private static final List<String> FIGURES = List.of("verdict", "min_online_fraction",
      "min_online_at_seconds", "minutes_below_50pct", "minutes_to_recover_95pct",
      "lost_user_minutes");

  private final Experiment run;
  private final Triggers.Removal removal;
  private final Path experimentFile;
  private final boolean quiet;
  private final PrintStream err;

  /**
   * @param run the experiment of the run (validated)
   * @param merged its merged config, from which the control's is derived
   * @throws Main.BadArgument when the experiment has no trigger to remove
   */
  ControlRun(Experiment run, Config merged, Path experimentFile, boolean quiet, PrintStream err) {
    if (run.modelKind() != Experiment.ModelKind.OVERLAY) {
      throw new Main.BadArgument("--control compares overlay runs with and without their trigger;"
          + " " + experimentFile + " runs the " + run.modelKind().name().toLowerCase(Locale.ROOT)
          + " model.");
    }
    this.removal = Triggers.removeFrom(merged);
    if (removal.removed().isEmpty()) {
      throw new Main.BadArgument("--control runs the experiment again without its trigger, but "
          + experimentFile + " has none (no restart burst on its timeline, no botnet).");
    }
    this.run = run;
    this.experimentFile = experimentFile;
    this.quiet = quiet;
    this.err = err;
  }

  /** The control's config: no triggers, analysed from the run's incident start. */
  Config controlConfig() {
    long start = RunSummary.incidentStartMicros(run);
    String written = start % 1_000_000 == 0 ? start / 1_000_000 + "s" : start + "us";
    return removal.config().withValue(Experiments.INCIDENT_START, ConfigValueFactory.fromAnyRef(written));
  }

  @Override
  public String write(MetricsTable table, RunSummary summary, ResultsFolder folder) {
    Config config = controlConfig();
    Experiment control;
    try {
      control = Experiments.read(config, OptionalLong.of(run.seed()));
    } catch (RuntimeException e) {
      throw new ExperimentRunner.AdditionFailed("the control experiment could not be built: " + e.getMessage());
    }
    ResultsFolder controlFolder = ResultsFolder.create(
        folder.workingDir().resolve(FOLDER), null, control.name(), Clock.systemUTC());
    if (!quiet) {
      err.println("Control run: the same experiment and seed without " + String.join("; ", removal.removed()));
    }
    // The control's own summary lines would name a folder that is renamed when the run completes;
    // its figures are printed below instead.
    PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int exit;
    try (RunTarget target = RunTarget.local(config)) {
      exit = new ExperimentRunner(target, control, config, experimentFile, controlFolder, quiet, discard, err, null)
          .withoutBenchLine() // its full collections would be paid for a discarded line
          .run();
    }
    if (exit != 0) {
      throw new ExperimentRunner.AdditionFailed("the control run failed; see "
          + controlFolder.workingDir().resolve("manifest.json"));
    }
    Path done = controlFolder.finalDir();
    ObjectNode comparison;
    TimeSeries controlSeries;
    try {
      JsonNode controlSummary = new ObjectMapper().readTree(done.resolve("summary.json").toFile());
      controlSeries = TimeSeries.readCsv(done.resolve("metrics.csv"));
      comparison = comparison(summary.json(), controlSummary, removal.removed(),
          RunSummary.incidentStartMicros(run) / 1e6);
    } catch (IOException | RuntimeException e) {
      throw new ExperimentRunner.AdditionFailed("the control's results could not be read back: " + e.getMessage());
    }
    folder.writeJson(JSON, comparison);
    try {
      Charts.renderAll(onlineSideBySide(ExperimentRunner.toSeries(table), controlSeries),
          folder.workingDir(), List.of(new ChartSpec(CHART, "Online: run and control (trigger removed)",
              "peers", List.of("online (run)", "online (control)"), false)),
          expectedLevel(summary), List.of());
    } catch (IOException e) {
      throw new ExperimentRunner.AdditionFailed("the control chart could not be written: " + e.getMessage());
    }
    return human(comparison);
  }

  /** The run's expected level, when its summary drew one (with a reality curve), for control.png. */
  static List<ChartOverlay> expectedLevel(RunSummary summary) {
    return summary.chartOverlays().stream()
        .filter(o -> o.name().equals(RunSummary.EXPECTED_ONLINE))
        .map(o -> new ChartOverlay(CHART, "expected online (run)", o.hours(), o.values(), false))
        .toList();
  }

  /** control.json: what was removed, the figures of both runs side by side, and what they say. */
  static ObjectNode comparison(JsonNode runSummary, JsonNode controlSummary, List<String> removed,
      double incidentStartSeconds) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("method", "the same experiment and seed run again without its triggers (restart"
        + " bursts and botnets), everything else kept; both analysed from the run's incident start");
    root.put("control_folder", FOLDER);
    root.put("incident_start_seconds", incidentStartSeconds);
    root.putPOJO("removed", removed);
    root.set("run", figures(runSummary));
    root.set("control", figures(controlSummary));
    root.put("reading", reading(text(runSummary, "verdict"), text(controlSummary, "verdict")));
    return root;
  }

  private static ObjectNode figures(JsonNode summary) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String field : FIGURES) {
      out.set(field, summary.hasNonNull(field) ? summary.get(field) : JsonNodeFactory.instance.nullNode());
    }
    JsonNode rms = summary.path("reality").path("rms_difference");
    if (!rms.isMissingNode()) {
      out.set("reality_rms_difference", rms);
    }
    return out;
  }

  /**
   * One sentence on what the two verdicts say about the trigger; verdicts are ordered from
   * NO_OUTAGE to METASTABLE_OUTAGE.
   */
  static String reading(String runVerdict, String controlVerdict) {
    Verdict run = Verdict.valueOf(runVerdict);
    Verdict control = Verdict.valueOf(controlVerdict);
    if (run == control) {
      return run == Verdict.NO_OUTAGE
          ? "no outage with the trigger or without it"
          : "the trigger does not explain it: the control is as bad (" + control + ")";
    }
    if (run.compareTo(control) > 0) {
      return control == Verdict.NO_OUTAGE
          ? "the trigger caused the outage: without it there is none"
          : "the trigger made it worse: without it " + control + " instead of " + run;
    }
    return "the control is worse than the run (" + control + "): the trigger does not explain it";
  }

  private static String text(JsonNode summary, String field) {
    return summary.path(field).asText("");
  }

  /** Online of both runs on the run's rows; a row the control lacks is a gap. */
  static TimeSeries onlineSideBySide(TimeSeries run, TimeSeries control) {
    double[] times = run.timeSeconds();
    double[] runOnline = run.column("online");
    double[] controlOnline = new double[times.length];
    double[] controlTimes = control.timeSeconds();
    double[] controlValues = control.column("online");
    int c = 0;
    for (int r = 0; r < times.length; r++) {
      while (c < controlTimes.length && controlTimes[c] < times[r]) {
        c++;
      }
      controlOnline[r] = c < controlTimes.length && controlTimes[c] == times[r] ? controlValues[c] : Double.NaN;
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    columns.put("online (run)", runOnline);
    columns.put("online (control)", controlOnline);
    return TimeSeries.of(times, columns);
  }

  /** The lines printed after the run's summary. */
  static String human(JsonNode comparison) {
    JsonNode run = comparison.get("run");
    JsonNode control = comparison.get("control");
    return String.format(Locale.ROOT,
        "Control (trigger removed): verdict %s, lowest %.1f%% of the expected level, %s user-minutes lost.%n"
            + "Run: %s; control: %s: %s. Compared in %s/ and %s.",
        control.path("verdict").asText(), control.path("min_online_fraction").asDouble() * 100,
        String.format(Locale.ROOT, "%,.0f", control.path("lost_user_minutes").asDouble()),
        run.path("verdict").asText(), control.path("verdict").asText(),
        comparison.path("reading").asText(), FOLDER, JSON);
  }
}
