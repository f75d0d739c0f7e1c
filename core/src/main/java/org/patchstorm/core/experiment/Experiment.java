package org.patchstorm.core.experiment;

import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;

/**
 * A validated experiment: what to run, for how long, how often to report, and the model itself.
 * {@code partitions} and {@code hosting} only spread the work; they never change the results;
 * {@code analysis} only changes how the results are read.
 */
public record Experiment(
    String name,
    ModelKind modelKind,
    long seed,
    long durationMicros,
    long reportIntervalMicros,
    int partitions,
    Hosting hosting,
    Model model,
    Analysis analysis) {

  /** The models Patchstorm ships; the config key {@code patchstorm.experiment.model} names one. */
  public enum ModelKind {
    PING,
    OVERLAY
  }
}
