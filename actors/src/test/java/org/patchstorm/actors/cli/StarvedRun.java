package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.patchstorm.actors.engine.HoggingModel;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.results.ResultsDisk;
import org.patchstorm.core.results.ResultsFolder;

/**
 * Runs that ExperimentRunnerTest starts in a JVM of their own and stops or starves from outside;
 * each exits with the runner's code.
 * <ul>
 *   <li>{@code hog OUT}: {@link HoggingModel}, which fills any heap;
 *   <li>{@code slow-final EXPERIMENT OUT}: the experiment, whose summary.json takes seconds to
 *       write; "final writes" on stdout says they have begun, so a signal can land in them.
 * </ul>
 */
final class StarvedRun {
  private static final long SECOND = 1_000_000;

  public static void main(String[] args) throws IOException {
    Config merged = Main.defaults();
    Experiment experiment;
    Path experimentFile;
    ResultsDisk disk = ResultsDisk.LOCAL;
    if (args[0].equals("hog")) {
      experimentFile = Path.of("hog.conf");
      experiment = new Experiment("hog", Experiment.ModelKind.PING, 1, 3_600 * SECOND,
          SECOND / 10, 1, org.patchstorm.core.engine.Hosting.PARTITIONED, new HoggingModel(),
          org.patchstorm.core.experiment.Analysis.none(), java.util.Set.of());
    } else {
      experimentFile = Path.of(args[1]);
      merged = ExperimentFiles.load(experimentFile, List.of(), merged);
      experiment = Experiments.read(merged, OptionalLong.empty());
      disk = slowSummary();
    }
    ResultsFolder folder = ResultsFolder.create(Path.of(args[args.length - 1]), Path.of("."),
        experiment.name(), Clock.systemUTC(), disk);
    Config config = merged;
    Experiment chosen = experiment;
    Path file = experimentFile;
    Main.exit(() -> {
      try (RunTarget target = RunTarget.local(config)) {
        return new ExperimentRunner(target, chosen, config, file, folder, true,
            System.out, System.err, null).run();
      }
    });
  }

  /** The local disk, but writing summary.json announces itself and takes three seconds. */
  private static ResultsDisk slowSummary() {
    return new LocalDisk() {
      @Override
      public void write(Path file, byte[] bytes) throws IOException {
        if (file.getFileName().toString().startsWith("summary.json")) {
          System.out.println("final writes");
          System.out.flush();
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        super.write(file, bytes);
      }
    };
  }
}
