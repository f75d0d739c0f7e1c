package org.patchstorm.actors.live;

import java.nio.file.Path;
import java.util.List;
import org.patchstorm.core.engine.InjectionRefused;

/**
 * The programmatic handle on a run that is going: watch it, pace it, pause it, and inject
 * timeline events into it. Every injection is recorded in the run's experiment.conf timeline and
 * in manifest.json ("injected"), so the folder replays byte for byte. Thread-safe: HTTP
 * handlers, a stdin reader and tests may call it from any thread.
 */
public interface LiveControl {

  /** Where the run is. {@code pace} 0 means as fast as possible. */
  record Status(
      State state,
      double virtualSeconds,
      double endSeconds,
      int rows,
      double pace,
      double virtualSecondsPerWallSecond,
      String failure) {}

  enum State { STARTING, RUNNING, PAUSED, FINISHED, FAILED, STOPPED }

  /** One reporting row, numbered from 0, with the values in {@link #columns()} order. */
  record Row(int index, double timeSeconds, double[] values) {}

  /** An injection that was accepted: when it takes effect and what it is. */
  record Injected(double atSeconds, String label, String timelineEntry) {}

  Status status();

  /** The metrics columns (as in metrics.csv, without the time column). */
  List<String> columns();

  /** Rows with index >= {@code index} that have arrived so far. */
  List<Row> rowsSince(int index);

  /** Every accepted injection so far, in order. */
  List<Injected> injected();

  /**
   * Injects one event given as HOCON text of a timeline entry; without {@code at} it takes
   * effect at the next epoch boundary that no partition has passed.
   *
   * @throws InjectionRefused if the event is invalid, in the past, after the end, or the run is
   *     over; the run goes on unchanged
   */
  Injected inject(String hocon) throws InjectionRefused;

  /** Virtual seconds per wall second; 0 means as fast as possible. Must be >= 0. */
  void pace(double virtualSecondsPerWallSecond);

  void pause();

  void resume();

  /** Ends the run early; the folder is settled as an interrupted run. */
  void stop();

  /** The run's results folder. */
  Path resultsFolder();
}
