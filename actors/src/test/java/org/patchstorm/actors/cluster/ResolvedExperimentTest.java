package org.patchstorm.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;

/** What a member builds from the text the runner sends: the runner's model, without its analysis. */
class ResolvedExperimentTest {

  @Test
  void aScenarioNamingARealityCurveIsRebuiltAnywhereWithTheSameModel() {
    // The shipped 2007 scenario names its curve relative to its own file, which a member,
    // reading the text, does not have.
    Path file = Path.of("..", "config", "skype-2007.conf");
    Config merged = ExperimentFiles.load(file,
        List.of("patchstorm.overlay.peers=500"),
        ConfigFactory.defaultApplication().withFallback(ConfigFactory.defaultReference()));
    Experiment onRunner = Experiments.read(merged, OptionalLong.of(3));
    assertTrue(onRunner.analysis().reality().isPresent(), "the runner compares with the curve");

    String text = merged.withOnlyPath("patchstorm").root().render();
    Experiment onMember = ResolvedExperiment.read(text, 3);

    assertTrue(onMember.analysis().reality().isEmpty());
    assertEquals(onRunner.model().entityCount(), onMember.model().entityCount());
    assertEquals(onRunner.durationMicros(), onMember.durationMicros());
    assertEquals(onRunner.seed(), onMember.seed());
  }
}
