package org.patchstorm.actors.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.patchstorm.actors.engine.HoggingModel;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.results.ResultsFolder;

/**
 * A run of {@link HoggingModel}, which fills any heap, for ExperimentRunnerTest to start in a JVM
 * with a small one. Exits with the runner's code.
 */
final class OutOfMemoryRun {
  private static final long SECOND = 1_000_000;

  public static void main(String[] args) {
    Experiment hog = new Experiment("hog", Experiment.ModelKind.PING, 1, 3_600 * SECOND,
        SECOND / 10, 1, new HoggingModel());
    ResultsFolder folder =
        ResultsFolder.create(Path.of(args[0]), Path.of("."), hog.name(), Clock.systemUTC());
    int code;
    try (RunTarget target = RunTarget.local(Main.defaults())) {
      code = new ExperimentRunner(target, hog, Main.defaults(), Path.of("hog.conf"), folder, true,
          System.out, System.err).run();
    }
    System.exit(code);
  }
}
