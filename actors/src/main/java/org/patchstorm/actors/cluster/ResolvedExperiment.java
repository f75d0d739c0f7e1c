package org.patchstorm.actors.cluster;

import com.typesafe.config.ConfigFactory;
import java.util.OptionalLong;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;

/** A member rebuilds a run's experiment from the runner's resolved text and the seed. */
final class ResolvedExperiment {
  private ResolvedExperiment() {}

  static Experiment read(String experimentConfig, long seed) {
    return Experiments.read(
        ConfigFactory.parseString(experimentConfig)
            .withFallback(ConfigFactory.defaultReference())
            .resolve(),
        OptionalLong.of(seed));
  }
}
