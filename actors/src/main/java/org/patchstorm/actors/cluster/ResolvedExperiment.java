package org.patchstorm.actors.cluster;

import com.typesafe.config.ConfigFactory;
import java.util.OptionalLong;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;

/**
 * A member rebuilds a run's experiment from the runner's resolved text and the seed. The reality
 * curve is left out: only the runner compares with it, and its path, relative to the experiment
 * file on the runner's host, means nothing here (the text has no file to be relative to).
 */
final class ResolvedExperiment {
  private ResolvedExperiment() {}

  static Experiment read(String experimentConfig, long seed) {
    return Experiments.read(
        ConfigFactory.parseString(experimentConfig)
            .withoutPath(Experiments.REALITY_CURVE)
            .withFallback(ConfigFactory.defaultReference())
            .resolve(),
        OptionalLong.of(seed));
  }
}
