package org.patchstorm.actors.cli;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.patchstorm.actors.cluster.ClusterOptions;
import org.patchstorm.actors.cluster.ClusterProblem;
import org.patchstorm.actors.cluster.HostPort;
import org.patchstorm.actors.cluster.MemberNode;
import org.patchstorm.actors.cluster.TlsMaterial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./run.sh member --join HOST:PORT [--bind HOST:PORT]}: one host of a cluster. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Joins a Patchstorm cluster and hosts partitions of the runs started on it (with"
          + " ./run.sh EXPERIMENT.conf --join HOST:PORT --members N), and carries out whole runs"
          + " of sweeps (./run.sh sweep SWEEP.conf --join HOST:PORT --members N). Keeps serving"
          + " until stopped; stops by itself when a run spread over the cluster fails or its"
          + " runner is lost during it.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly",
      "1:a run failed or the runner was lost",
      "2:could not start or join the cluster"
    })
final class MemberCommand implements Callable<Integer> {

  @ParentCommand private Main main;

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      description = "A member (or runner) already in the cluster. Omit on the first member.")
  private String join;

  /** The old spelling of --join; refused with a pointer, since --seed is the random seed. */
  @Option(names = "--seed", hidden = true)
  private String seed;

  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      description = "Where this member listens; other hosts must reach it there (default"
          + " 127.0.0.1:2552, loopback only).")
  private String bind;

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description = "Encrypt and mutually authenticate cluster traffic with the keys in DIR.")
  private Path tls;

  @Option(
      names = "--join-timeout",
      paramLabel = "SECONDS",
      description = "Give up joining after this long (default: ${DEFAULT-VALUE}).",
      defaultValue = ClusterOptions.DEFAULT_JOIN_TIMEOUT_SECONDS)
  private int joinTimeoutSeconds;

  @Option(names = "--once", hidden = true, description = "Stop after one run (for --cluster).")
  private boolean once;

  @Override
  public Integer call() {
    try {
      if (seed != null) {
        throw new ClusterProblem("a member has no random seed; to join the cluster through "
            + seed + " use --join " + seed + ".");
      }
      if (tls != null) {
        // A member started by --cluster (--once) shares the runner's keys, which were checked.
        TlsMaterial.check(tls, once ? warning -> { } : main.stderr()::println);
      }
      ClusterOptions options =
          new ClusterOptions(
              join == null ? null : HostPort.parse(join, "--join"),
              bind == null ? ClusterOptions.DEFAULT_BIND : HostPort.parse(bind, "--bind"),
              tls,
              ClusterOptions.joinTimeout(joinTimeoutSeconds));
      return MemberNode.run(options, once, ConfigFactory.load(), main.stdout(), main.stderr());
    } catch (ClusterProblem problem) {
      main.stderr().println("Error: " + problem.getMessage());
      return 2;
    }
  }
}
