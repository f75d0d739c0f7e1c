package org.patchstorm.core.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.overlay.attack.ServiceSummary;

/** The headline of a finished run: summary.json and a few lines for the terminal. */
public record RunSummary(ObjectNode json, String human) {

  public static RunSummary of(Experiment experiment, MetricsTable table) {
    return switch (experiment.modelKind()) {
      case PING -> ping(experiment, table);
      case OVERLAY -> overlay(experiment, table);
    };
  }

  /**
   * The overlay's headline: run identity, log-in totals, the state at the end, and the
   * user-visible service before and during the incident (see {@link ServiceSummary}).
   */
  private static RunSummary overlay(Experiment experiment, MetricsTable table) {
    OverlayModel model = (OverlayModel) experiment.model();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("experiment", experiment.name());
    json.put("seed", experiment.seed());
    json.put("peers", model.params().population().peers());
    json.put("virtual_seconds", experiment.durationMicros() / 1e6);
    json.put("login_attempts", (long) table.sum("login_attempts"));
    json.put("login_successes", (long) table.sum("login_successes"));
    json.put("attack_requests", (long) table.sum("attack_requests"));
    json.put("supernode_shutdowns", (long) table.sum("sn_shutdowns"));
    int last = table.rowCount() - 1;
    json.put("online_at_end", last < 0 ? 0 : (long) table.column("online")[last]);
    json.put("supernodes_at_end", last < 0 ? 0 : (long) table.column("supernodes")[last]);
    ObjectNode service = ServiceSummary.of(table,
        ServiceSummary.incidentStart(model.params(), model.world().attack()));
    json.set("service", service);
    String human = String.format(Locale.ROOT,
        "Overlay: %d peers, %.0f virtual s: %,d log-ins of %,d attempts, %d supernode shutdowns, %d on line"
            + " at the end.%n%s",
        model.params().population().peers(), experiment.durationMicros() / 1e6, json.get("login_successes").asLong(),
        json.get("login_attempts").asLong(), json.get("supernode_shutdowns").asLong(),
        json.get("online_at_end").asLong(), ServiceSummary.human(service));
    return new RunSummary(json, human);
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
