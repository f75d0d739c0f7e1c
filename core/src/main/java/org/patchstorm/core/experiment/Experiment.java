package org.patchstorm.core.experiment;

import java.util.Set;
import org.patchstorm.core.engine.Hosting;
import org.patchstorm.core.engine.Model;

/**
 * A validated experiment: what to run, for how long, how often to report, and the model itself.
 * {@code partitions} and {@code hosting} only spread the work; they never change the results;
 * {@code analysis} only changes how the results are read. {@code defaultsNotRead} are the
 * default keys this experiment did not read (another model's, another policy's settings): left
 * out of the experiment as run, which must read back without an unknown key.
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
    Analysis analysis,
    Set<String> defaultsNotRead) {

  public Experiment {
    defaultsNotRead = Set.copyOf(defaultsNotRead);
  }

  /** The models Patchstorm ships; the config key {@code patchstorm.experiment.model} names one. */
  public enum ModelKind {
    PING,
    OVERLAY
  }
}
