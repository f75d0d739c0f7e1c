package org.patchstorm.actors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON the dashboard's API answers with, and the few bodies it reads. */
final class LiveJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Rows per answer at most; the page asks again from where it got to. */
  static final int MAX_ROWS = 2000;

  private LiveJson() {}

  static ObjectNode status(LiveControl.Status s, int injections, String folder) {
    ObjectNode o = NODES.objectNode();
    o.put("state", s.state().name());
    number(o, "virtualSeconds", s.virtualSeconds());
    number(o, "endSeconds", s.endSeconds());
    number(o, "progress", s.endSeconds() > 0 ? Math.min(1, s.virtualSeconds() / s.endSeconds()) : 0);
    o.put("rows", s.rows());
    number(o, "pace", s.pace());
    number(o, "speed", s.virtualSecondsPerWallSecond());
    if (s.failure() == null) {
      o.putNull("failure");
    } else {
      o.put("failure", s.failure());
    }
    o.put("injections", injections);
    o.put("folder", folder);
    o.put("ended", ended(s.state()));
    return o;
  }

  static boolean ended(LiveControl.State state) {
    return state == LiveControl.State.FINISHED
        || state == LiveControl.State.FAILED
        || state == LiveControl.State.STOPPED;
  }

  static ObjectNode run(RunInfo info, List<String> columns, double endSeconds, boolean tokenRequired) {
    ObjectNode o = NODES.objectNode();
    o.put("name", info.name());
    ArrayNode cols = o.putArray("columns");
    columns.forEach(cols::add);
    number(o, "endSeconds", endSeconds);
    number(o, "reportIntervalSeconds", info.reportIntervalSeconds());
    number(o, "incidentStartSeconds", info.incidentStartSeconds());
    number(o, "baselineWindowSeconds", info.baselineWindowSeconds());
    o.put("expected", info.demand() != null);
    ArrayNode scenario = o.putArray("scenario");
    info.scenario().forEach(m -> scenario.addObject().put("atSeconds", m.timeSeconds()).put("label", m.label()));
    ArrayNode botnets = o.putArray("botnets");
    for (RunInfo.BotnetInfo b : info.botnets()) {
      ObjectNode n = botnets.addObject();
      n.put("name", b.name());
      n.put("bots", b.bots());
      n.put("ratePerBot", b.ratePerBot());
      n.put("target", b.target());
      n.put("request", b.request());
    }
    o.put("tokenRequired", tokenRequired);
    return o;
  }

  /**
   * Rows from {@code since}: {"since", "next", "t": [times], "v": [[values]...], "demand":
   * [expected demand at each time] (overlay runs only)}; NaN values are null.
   */
  static ObjectNode rows(int since, List<LiveControl.Row> rows, RunInfo info) {
    List<LiveControl.Row> part = rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows;
    ObjectNode o = NODES.objectNode();
    o.put("since", since);
    o.put("next", part.isEmpty() ? since : part.get(part.size() - 1).index() + 1);
    o.put("more", part.size() < rows.size());
    ArrayNode t = o.putArray("t");
    ArrayNode v = o.putArray("v");
    double[] times = new double[part.size()];
    for (int i = 0; i < part.size(); i++) {
      LiveControl.Row row = part.get(i);
      times[i] = row.timeSeconds();
      t.add(row.timeSeconds());
      ArrayNode values = v.addArray();
      for (double x : row.values()) {
        if (Double.isFinite(x)) {
          values.add(x);
        } else {
          values.addNull();
        }
      }
    }
    if (info.demand() != null) {
      ArrayNode d = o.putArray("demand");
      for (double x : info.demand().apply(times)) {
        d.add(x);
      }
    }
    return o;
  }

  static ArrayNode injections(List<LiveControl.Injected> injected) {
    ArrayNode a = NODES.arrayNode();
    for (LiveControl.Injected i : injected) {
      a.add(injected(i));
    }
    return a;
  }

  static ObjectNode injected(LiveControl.Injected i) {
    ObjectNode o = NODES.objectNode();
    number(o, "atSeconds", i.atSeconds());
    o.put("label", i.label());
    o.put("timelineEntry", i.timelineEntry());
    return o;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * The pace in a body {"pace": X} (or a bare number): virtual seconds per wall second, 0 for
   * as fast as possible.
   *
   * @throws BadRequest with the reason if it is not such a body or the value is out of range
   */
  static double pace(String body) {
    JsonNode node = parse(body, "{\"pace\": 600} (virtual seconds per wall second, 0 = as fast as possible)");
    JsonNode value = node.isObject() ? node.get("pace") : node;
    if (node.isObject() && node.size() != 1) {
      throw new BadRequest("the pace body has one key, \"pace\": e.g. {\"pace\": 600}");
    }
    if (value == null || !value.isNumber()) {
      throw new BadRequest("\"pace\" must be a number of virtual seconds per wall second"
          + " (0 = as fast as possible), e.g. {\"pace\": 600}");
    }
    double pace = value.asDouble();
    if (!Double.isFinite(pace) || pace < 0 || pace > MAX_PACE) {
      throw new BadRequest("\"pace\" must be from 0 (as fast as possible) to " + (long) MAX_PACE
          + " virtual seconds per wall second, got " + value.asText());
    }
    return pace;
  }

  /** A pace beyond this is as fast as possible on any machine: ask for 0 instead. */
  static final double MAX_PACE = 1e7;

  private static JsonNode parse(String body, String example) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("the request needs a JSON body, e.g. " + example);
    }
    try {
      return MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BadRequest("the body is not JSON (" + firstLine(e.getOriginalMessage())
          + "); expected e.g. " + example);
    }
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip();
  }

  private static void number(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.putNull(key);
    }
  }

  /** A request the API refuses with 400 and this one-line reason. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String reason) {
      super(reason, null, false, false);
    }
  }
}
