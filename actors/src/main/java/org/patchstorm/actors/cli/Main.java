package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.patchstorm.actors.cluster.ClusterProblem;
import org.patchstorm.actors.engine.HeapWatch;
import org.patchstorm.actors.engine.MemoryReserve;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.config.ConfigProblem;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.experiment.MemoryEstimate;
import org.patchstorm.core.results.ResultsFolder;
import org.patchstorm.core.results.ResultsProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line: {@code ./run.sh [EXPERIMENT.conf] [--seed N] [--set path=value]... ...}. */
@Command(
    name = "run.sh",
    mixinStandardHelpOptions = true,
    subcommands = {MemberCommand.class, SweepCommand.class, CompareCommand.class},
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs a Patchstorm experiment: emulates a two-tier peer-to-peer overlay (peers,"
          + " supernodes, login servers) in virtual time and writes a results folder with"
          + " manifest.json, experiment.conf (resolved), metrics.csv, summary.json and charts.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run completed",
      "1:the run failed (its results folder stays .incomplete, marked failed)",
      "2:bad input: command line, experiment file, environment, a heap too small for the run,"
          + " cluster start-up; nothing is started",
      "3:out of memory during the run (folder marked failed)",
      "4:the results could not be written, e.g. a full disk (folder marked failed if possible)",
      "130:interrupted by Ctrl-C (143 by a kill); the folder is marked failed"
    },
    footer = {
      "",
      "Examples:",
      "  ./run.sh                                   the default experiment (" + Main.DEFAULT_EXPERIMENT + ")",
      "  ./run.sh config/bench-ping.conf --set patchstorm.ping.peers=1000000",
      "  ./run.sh config/skype-2007-fixed.conf --seed 7 --out results/fixed-7",
      "  ./run.sh config/skype-2010.conf --control   with and without its trigger",
      "  ./run.sh config/baseline.conf --set pekko.loglevel=INFO",
      "  ./run.sh config/skype-2007.conf --control-file ctl   then: echo 'pause' >> ctl",
      "  ./run.sh --cluster 3 config/bench-ping.conf   across 3 member JVMs on this host",
      "  ./run.sh --live --pace 600                 watch and poke the default run in the browser",
      "  ./run.sh member --join 10.0.0.1:2552 --bind 10.0.0.2:2552   (on each host)",
      "  ./run.sh config/bench-ping.conf --join 10.0.0.1:2552 --members 3 --bind 10.0.0.1:2553",
      "",
      "Every key and its default is documented in core/src/main/resources/reference.conf."
    })
public final class Main implements Callable<Integer> {
  static final String DEFAULT_EXPERIMENT = "config/skype-2007.conf";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT.conf",
      description = "Experiment file (HOCON). Default: ${DEFAULT-VALUE} in the Patchstorm folder.",
      defaultValue = DEFAULT_EXPERIMENT,
      showDefaultValue = CommandLine.Help.Visibility.NEVER)
  private String experiment;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The random seed (overrides patchstorm.experiment.seed).")
  private String seed;

  @Mixin private ClusterArgs clusterArgs = new ClusterArgs();

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override any config key, experiment (patchstorm.*) or runtime (pekko.*); VALUE in"
              + " HOCON syntax, e.g. --set patchstorm.ping.peers=1000 --set"
              + " patchstorm.experiment.duration=2h. Repeatable; later ones win.")
  private List<String> sets = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Results folder (must not exist or be empty). Default: results/<name>-<time>.")
  private Path out;

  @Option(names = "--quiet", description = "Print no progress and no summary (errors still).")
  private boolean quiet;

  @Option(
      names = "--control",
      description = "Then run the same experiment and seed again without its trigger (restart"
          + " bursts, botnets; operator actions kept) into the subfolder control/, and compare"
          + " the two in control.json and control.png. In this JVM only.")
  private boolean control;

  @Option(
      names = "--live",
      description = "Serve a dashboard of the run at http://127.0.0.1:8080/: charts as rows arrive,"
          + " pause, resume, pace, and events injected while it runs (recorded in the folder's"
          + " experiment.conf, so it replays exactly); also a JSON API (see README).")
  private boolean live;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "With --live: the dashboard's port (default 8080; 0: any free port, printed).")
  private Integer port;

  @Option(
      names = "--token",
      paramLabel = "T",
      description = "With --live: control requests must carry 'Authorization: Bearer T'. Without it"
          + " a token is generated and printed when --bind is not a loopback address.")
  private String token;

  @Option(
      names = "--control-file",
      paramLabel = "PATH",
      description = "Steer the run while it goes with commands, one a line, read from PATH (every"
          + " line: those there at the start and those appended later) or, for -, from standard"
          + " input: inject { <timeline entry> }, pause, resume, pace X, stop. See README, Live"
          + " injection.")
  private String controlFile;

  @Option(
      names = "--pace",
      paramLabel = "X",
      description = "Run X virtual seconds per wall second (default: as fast as possible).")
  private Double pace;

  @Option(
      names = "--linger",
      paramLabel = "SECONDS",
      description = "With --live: how long the dashboard stays after the run ends (default: until Ctrl-C).")
  private Integer linger;

  private final PrintStream stdout;
  private final PrintStream stderr;

  Main(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  PrintStream stdout() {
    return stdout;
  }

  PrintStream stderr() {
    return stderr;
  }

  public static void main(String[] args) {
    // Start logging before any actor system does, so no early log call is queued and replayed.
    org.slf4j.LoggerFactory.getILoggerFactory();
    exit(() -> execute(System.out, System.err, args));
  }

  /**
   * Exits with {@code command}'s code, also when an error escapes it: the actor system's threads
   * would otherwise keep a JVM whose main thread died of, say, an OutOfMemoryError alive for ever.
   */
  static void exit(java.util.function.IntSupplier command) {
    MemoryReserve.hold();
    int code;
    try {
      code = command.getAsInt();
    } catch (OutOfMemoryError e) {
      MemoryReserve.release();
      System.err.println("Error: out of memory (" + e.getMessage() + "). Give the run more heap"
          + " with PATCHSTORM_HEAP (e.g. PATCHSTORM_HEAP=8g), or fewer entities.");
      code = ExperimentRunner.EXIT_OUT_OF_MEMORY;
    } catch (RuntimeException | Error e) {
      System.err.println("Error: an internal error ended Patchstorm: " + e);
      code = ExperimentRunner.EXIT_FAILED;
    }
    System.exit(code);
  }

  /** Runs the command line and returns the exit code. */
  static int execute(PrintStream stdout, PrintStream stderr, String... args) {
    CommandLine cli = new CommandLine(new Main(stdout, stderr));
    cli.setOut(new java.io.PrintWriter(stdout, true));
    cli.setErr(new java.io.PrintWriter(stderr, true));
    // One paragraph, not the whole usage text, for a mistyped option.
    cli.setParameterExceptionHandler((problem, arguments) -> {
      stderr.println("Error: " + problem.getMessage() + ". See ./run.sh --help for the options.");
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    try {
      Path file = experimentPath();
      Config merged = ExperimentFiles.load(file, sets, defaults());
      Experiment exp = Experiments.read(merged, seedOverride());
      if (!clusterArgs.onCluster()) {
        // On a cluster the entities live in the members' heaps, not this one.
        String refusal = MemoryEstimate.refusal(
            exp, HeapWatch.longLivedCapacity(), Runtime.getRuntime().maxMemory());
        if (refusal != null) {
          throw new BadArgument("Not enough memory: " + refusal);
        }
      }
      checkLiveOptions();
      ControlRun controlRun = control ? controlRun(exp, merged, file) : null;
      LiveDashboard.Options liveOptions = LiveDashboard.options(
          live, port, clusterArgs.bind(), clusterArgs.joins(), token, linger);
      if (live && control) {
        throw new BadArgument("--control and --live do not go together: what is injected is known"
            + " only once the run ends; run the control afterwards with the folder's experiment.conf.");
      }
      if (live && !clusterArgs.joins()) {
        clusterArgs.leaveBindToDashboard();
      }
      AtomicReference<Path> folderMade = new AtomicReference<>();
      try (LiveDashboard dashboard = liveOptions == null ? null
              : LiveDashboard.start(liveOptions, exp, folderMade::get, stdout, stderr)) {
        int code;
        try (RunTarget target =
            clusterArgs.target(merged, ExperimentAsRun.experimentText(merged), stderr)) {
          ResultsFolder folder =
              ResultsFolder.create(out, Path.of("results"), exp.name(), Clock.systemUTC());
          folderMade.set(folder.workingDir());
          Experiment placed = Experiments.onMembers(exp, merged, target.members().size(),
              clusterArgs.coresPerMember(Runtime.getRuntime().availableProcessors()));
          ExperimentRunner runner = new ExperimentRunner(
              target, placed, merged, file, folder, quiet, stdout, stderr, controlRun);
          if (dashboard != null || controlFile != null || pace != null) {
            runner.live(control -> {
              steer(control);
              if (dashboard != null) {
                dashboard.attach(control);
              }
            });
          }
          code = runner.run();
        }
        // The cluster members are gone; the dashboard shows the end until it is closed.
        return dashboard == null ? code : dashboard.linger(code);
      }
    } catch (ClusterProblem problem) {
      stderr.println("Error: " + problem.getMessage());
      return 2;
    } catch (ConfigProblem problem) {
      stderr.println(problem.describe());
      return 2;
    } catch (ResultsProblem problem) {
      stderr.println("Error: " + problem.getMessage());
      return 2;
    } catch (BadArgument problem) {
      stderr.println("Error: " + problem.getMessage());
      return 2;
    }
  }

  /** {@code --pace} and {@code --control-file}, checked before anything runs. */
  private void checkLiveOptions() {
    if (pace != null && (!(pace > 0) || pace.isInfinite())) {
      throw new BadArgument("--pace takes the virtual seconds to run per wall second, a number"
          + " above 0 (e.g. --pace 600: ten virtual minutes a second); got " + pace + ".");
    }
    if (controlFile != null && !controlFile.equals("-")) {
      Path path = Path.of(controlFile).toAbsolutePath();
      if (Files.isDirectory(path)) {
        throw new BadArgument("--control-file " + controlFile + " is a folder; give a file (it"
            + " need not exist yet: the run watches for it).");
      }
      if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
        throw new BadArgument("--control-file " + controlFile + ": there is no folder "
            + path.getParent() + ".");
      }
    }
  }

  /** Applies {@code --pace} and starts reading {@code --control-file} once the run is live. */
  private void steer(org.patchstorm.actors.live.LiveControl live) {
    if (pace != null) {
      live.pace(pace);
    }
    if ("-".equals(controlFile)) {
      org.patchstorm.actors.live.ControlInput.read(System.in, live, stderr);
    } else if (controlFile != null) {
      org.patchstorm.actors.live.ControlInput.watch(Path.of(controlFile), live, stderr);
    }
  }

  /** The control of {@code --control}, checked before anything runs. */
  private ControlRun controlRun(Experiment exp, Config merged, Path file) {
    if (clusterArgs.onCluster()) {
      throw new BadArgument("--control runs the control in this JVM; leave away --cluster and"
          + " --members, or run the control yourself on the cluster.");
    }
    return new ControlRun(exp, merged, file, quiet, stderr);
  }

  /** The default experiment is looked up in the Patchstorm folder, wherever the user stands. */
  private Path experimentPath() {
    Path given = Path.of(experiment);
    if (experiment.equals(DEFAULT_EXPERIMENT) && !Files.exists(given)) {
      String home = System.getProperty("patchstorm.home");
      if (home != null) {
        return Path.of(home).resolve(DEFAULT_EXPERIMENT);
      }
    }
    return given;
  }

  private OptionalLong seedOverride() {
    if (seed == null) {
      return OptionalLong.empty();
    }
    if (seed.contains(":")) {
      throw new BadArgument("--seed is the random seed, a whole number; to join a cluster member"
          + " at " + seed + " use --join " + seed + " (with --members N).");
    }
    try {
      return OptionalLong.of(Long.parseLong(seed.trim()));
    } catch (NumberFormatException e) {
      throw new BadArgument("--seed takes a whole number (the random seed), got \"" + seed + "\".");
    }
  }

  static Config defaults() {
    return ConfigFactory.defaultApplication().withFallback(ConfigFactory.defaultReference());
  }

  /** A command-line value that parses but makes no sense. */
  static final class BadArgument extends RuntimeException {
    BadArgument(String message) {
      super(message);
    }
  }

  /** Version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Patchstorm " + org.patchstorm.core.results.CodeVersion.current()};
    }
  }
}
