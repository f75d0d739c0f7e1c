package org.patchstorm.core.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.patchstorm.core.metrics.MetricsTable;

/** The headline of a finished run: summary.json and a few lines for the terminal. */
public record RunSummary(ObjectNode json, String human) {

  public static RunSummary of(Experiment experiment, MetricsTable table) {
    return switch (experiment.modelKind()) {
      case PING -> ping(experiment, table);
      case OVERLAY -> throw new IllegalStateException("overlay summary not available yet");
    };
  }

  private static RunSummary ping(Experiment experiment, MetricsTable table) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("experiment", experiment.name());
    json.put("seed", experiment.seed());
    json.put("peers", experiment.model().entityCount());
    json.put("virtual_seconds", experiment.durationMicros() / 1e6);
    double sent = table.sum("sent");
    double delivered = table.sum("delivered");
    json.put("sent", (long) sent);
    json.put("delivered", (long) delivered);
    json.put("timer_firings", (long) table.sum("timer_firings"));
    json.put("in_flight_at_end", (long) (sent - delivered));
    String human =
        String.format(
            Locale.ROOT,
            "Ping: %d peers, %.0f virtual s: %,.0f messages sent, %,.0f delivered (%,.0f in flight"
                + " at the end).",
            experiment.model().entityCount(),
            experiment.durationMicros() / 1e6,
            sent,
            delivered,
            sent - delivered);
    return new RunSummary(json, human);
  }
}
