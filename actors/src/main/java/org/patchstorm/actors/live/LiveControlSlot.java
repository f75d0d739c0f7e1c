package org.patchstorm.actors.live;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.patchstorm.core.engine.InjectionRefused;

/**
 * The dashboard's LiveControl from before the run exists: the server starts (and a taken port is
 * reported) before anything else does, shows the run as starting, and passes everything to the
 * run's own control once it is {@link #attach attached}.
 */
public final class LiveControlSlot implements LiveControl {
  private final List<String> columns;
  private final double endSeconds;
  private final Supplier<Path> folder;
  private volatile LiveControl run;

  public LiveControlSlot(List<String> columns, double endSeconds, Supplier<Path> folder) {
    this.columns = List.copyOf(columns);
    this.endSeconds = endSeconds;
    this.folder = folder;
  }

  /** From now on everything goes to {@code control}. */
  public void attach(LiveControl control) {
    run = control;
  }

  @Override
  public Status status() {
    LiveControl r = run;
    return r != null ? r.status() : new Status(State.STARTING, 0, endSeconds, 0, 0, 0, null);
  }

  @Override
  public List<String> columns() {
    LiveControl r = run;
    return r != null ? r.columns() : columns;
  }

  @Override
  public List<Row> rowsSince(int index) {
    LiveControl r = run;
    return r != null ? r.rowsSince(index) : List.of();
  }

  @Override
  public List<Injected> injected() {
    LiveControl r = run;
    return r != null ? r.injected() : List.of();
  }

  @Override
  public Injected inject(String hocon) throws InjectionRefused {
    LiveControl r = run;
    if (r == null) {
      throw new InjectionRefused("the run is still starting; send the event again in a moment");
    }
    return r.inject(hocon);
  }

  @Override
  public void pace(double virtualSecondsPerWallSecond) {
    started().pace(virtualSecondsPerWallSecond);
  }

  @Override
  public void pause() {
    started().pause();
  }

  @Override
  public void resume() {
    started().resume();
  }

  @Override
  public void stop() {
    started().stop();
  }

  @Override
  public Path resultsFolder() {
    LiveControl r = run;
    return r != null ? r.resultsFolder() : folder.get();
  }

  private LiveControl started() {
    LiveControl r = run;
    if (r == null) {
      throw new IllegalStateException("the run is still starting; try again in a moment");
    }
    return r;
  }
}
