package org.patchstorm.core.overlay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.experiment.RunSummary;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.report.ChartOverlay;

/**
 * A shipped experiment file (config/), as a user runs it, at another size, seed and length,
 * optionally without its trigger (what --control runs) or with another restart fraction; run
 * with the sequential reference runner and summarised as run.sh summarises it.
 */
final class ShippedExperiment {

  private static final Config DEFAULTS = ConfigFactory.parseResources("reference.conf");

  /**
   * A run: its table, summary.json, and the expected level the summary reads it against (one
   * value per row; null without a reality curve, which is when the summary draws it).
   */
  record Result(MetricsTable table, ObjectNode summary, double[] expectedOnline) {
    String verdict() {
      return summary.get("verdict").asText();
    }

    double minOnline() {
      return summary.get("min_online_fraction").asDouble();
    }

    /** Online over the expected level, averaged over the hour around {@code hours} into the run. */
    double fractionAt(double hours) {
      double[] online = table.column("online");
      double sum = 0;
      int rows = 0;
      for (int row = 0; row < online.length; row++) {
        if (Math.abs(table.time(row) - hours * 3600) <= 1800) {
          sum += online[row] / expectedOnline[row];
          rows++;
        }
      }
      return sum / rows;
    }
  }

  private Config config;

  private ShippedExperiment(Config config) {
    this.config = config;
  }

  /**
   * The file at {@code peers} for {@code duration}; timeline events at or after the end (the
   * operators' later actions) are left out, since a run refuses events it would never reach.
   */
  static ShippedExperiment of(String file, int peers, String duration) {
    Config config = ExperimentFiles.load(Path.of("..", "config", file),
        List.of("patchstorm.overlay.peers=" + peers), DEFAULTS);
    long end = ConfigFactory.parseString("d = " + duration).getDuration("d").toNanos();
    List<ConfigValue> kept = new ArrayList<>();
    for (ConfigValue event : config.getList(Triggers.TIMELINE)) {
      if (((ConfigObject) event).toConfig().getDuration("at").toNanos() < end) {
        kept.add(event);
      }
    }
    return new ShippedExperiment(config
        .withValue(Triggers.TIMELINE, ConfigValueFactory.fromIterable(kept))
        .withValue("patchstorm.experiment.duration", ConfigValueFactory.fromAnyRef(duration)));
  }

  /** Without its trigger events (restart bursts, botnets), analysed from the trigger's time. */
  ShippedExperiment control(String incidentStart) {
    config = Triggers.removeFrom(config).config()
        .withValue("patchstorm.experiment.incident-start", ConfigValueFactory.fromAnyRef(incidentStart));
    return this;
  }

  /** The first restart burst of the timeline with another fraction. */
  ShippedExperiment burstFraction(double fraction) {
    ConfigList timeline = config.getList(Triggers.TIMELINE);
    List<ConfigValue> events = new ArrayList<>(timeline);
    for (int i = 0; i < events.size(); i++) {
      ConfigObject event = (ConfigObject) events.get(i);
      if ("restart-burst".equals(event.toConfig().getString("type"))) {
        events.set(i, event.withValue("fraction", ConfigValueFactory.fromAnyRef(fraction)));
        config = config.withValue(Triggers.TIMELINE, ConfigValueFactory.fromIterable(events));
        return this;
      }
    }
    throw new IllegalStateException("no restart burst on the timeline");
  }

  Result run(long seed) {
    Experiment e = Experiments.read(config, OptionalLong.of(seed));
    MetricsTable table = new SequentialRunner(e.model(), e.seed()).run(e.durationMicros(), e.reportIntervalMicros());
    RunSummary summary = RunSummary.of(e, table);
    double[] expected = summary.chartOverlays().stream()
        .filter(o -> o.name().equals(RunSummary.EXPECTED_ONLINE))
        .map(ChartOverlay::values).findFirst().orElse(null);
    return new Result(table, summary.json(), expected);
  }
}
