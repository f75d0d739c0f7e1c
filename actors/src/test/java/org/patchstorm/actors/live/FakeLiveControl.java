package org.patchstorm.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.patchstorm.core.engine.InjectionRefused;

/**
 * A LiveControl whose rows the test adds by hand and whose injections follow a tiny rule set
 * (known types, a fraction in [0, 1]): enough to test the HTTP layer without a run.
 */
final class FakeLiveControl implements LiveControl {
  private static final Set<String> TYPES = Set.of("restart-burst", "throttle-logins");
  private final List<String> columns;
  private final Path folder;
  private final List<Row> rows = new ArrayList<>();
  private final List<Injected> injected = new ArrayList<>();
  private State state = State.RUNNING;
  private double pace;
  private final double endSeconds;

  FakeLiveControl(List<String> columns, double endSeconds, Path folder) {
    this.columns = List.copyOf(columns);
    this.endSeconds = endSeconds;
    this.folder = folder;
  }

  synchronized void addRow(double time, double... values) {
    rows.add(new Row(rows.size(), time, values.clone()));
  }

  synchronized void end(State how) {
    state = how;
  }

  @Override
  public synchronized Status status() {
    double t = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).timeSeconds();
    return new Status(state, t, endSeconds, rows.size(), pace, 1234, null);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public synchronized List<Row> rowsSince(int index) {
    return index >= rows.size() ? List.of() : List.copyOf(rows.subList(index, rows.size()));
  }

  @Override
  public synchronized List<Injected> injected() {
    return List.copyOf(injected);
  }

  @Override
  public synchronized Injected inject(String hocon) throws InjectionRefused {
    if (state == State.FINISHED || state == State.FAILED || state == State.STOPPED) {
      throw new InjectionRefused("the run is over");
    }
    Config event;
    try {
      event = ConfigFactory.parseString(hocon);
    } catch (ConfigException e) {
      throw new InjectionRefused("not HOCON: " + e.getMessage());
    }
    String type = event.hasPath("type") ? event.getString("type") : "";
    if (!TYPES.contains(type)) {
      throw new InjectionRefused("type: unknown event type \"" + type + "\"; known: " + TYPES);
    }
    if (event.hasPath("fraction")) {
      double f = event.getDouble("fraction");
      if (f < 0 || f > 1) {
        throw new InjectionRefused("fraction: must be from 0 to 1, got " + f);
      }
    }
    double at = status().virtualSeconds() + 60;
    Injected done = new Injected(at, type, "{ type = " + type + ", at = " + (long) at + "s }");
    injected.add(done);
    return done;
  }

  @Override
  public synchronized void pace(double virtualSecondsPerWallSecond) {
    if (virtualSecondsPerWallSecond < 0) {
      throw new IllegalArgumentException("pace must be >= 0");
    }
    pace = virtualSecondsPerWallSecond;
  }

  @Override
  public synchronized void pause() {
    state = State.PAUSED;
  }

  @Override
  public synchronized void resume() {
    state = State.RUNNING;
  }

  @Override
  public synchronized void stop() {
    state = State.STOPPED;
  }

  @Override
  public Path resultsFolder() {
    return folder;
  }
}
