package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.actors.engine.RunTarget;

/**
 * {@code --cluster N}: this JVM becomes the runner on loopback and starts N member JVMs that join
 * it. The members are stopped whatever happens: on close, and by a shutdown hook if this JVM is
 * stopped first.
 */
public final class LocalCluster implements RunTarget {
  private final ClusterSession session;
  private final List<Process> members = new ArrayList<>();
  private final Thread stopMembersHook = new Thread(this::stopMembers, "stop-cluster-members");

  private LocalCluster(ClusterSession session) {
    this.session = session;
  }

  public static LocalCluster start(
      int count, Path tlsDir, Duration joinTimeout, Config base, String experimentConfig) {
    ClusterOptions runner =
        new ClusterOptions(null, new HostPort("127.0.0.1", 0), tlsDir, joinTimeout);
    LocalCluster cluster =
        new LocalCluster(ClusterSession.start(runner, count, base, experimentConfig));
    Runtime.getRuntime().addShutdownHook(cluster.stopMembersHook);
    try {
      int port = cluster.session.address().getPort().orElseThrow();
      for (int i = 0; i < count; i++) {
        cluster.members.add(startMember(port, tlsDir, joinTimeout));
      }
      cluster.session.awaitMembers();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static Process startMember(int runnerPort, Path tlsDir, Duration joinTimeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Same memory and GC flags as this JVM; -D flags may hold paths or secrets and stay here.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xm") || arg.startsWith("-Xss") || arg.startsWith("-XX:")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "org.patchstorm.actors.cli.Main", "member",
        "--join", "127.0.0.1:" + runnerPort, "--bind", "127.0.0.1:0", "--once",
        "--join-timeout", Long.toString(joinTimeout.toSeconds())));
    if (tlsDir != null) {
      command.addAll(List.of("--tls", tlsDir.toAbsolutePath().toString()));
    }
    try {
      return new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .redirectInput(new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"))
          .start();
    } catch (java.io.IOException e) {
      throw new ClusterProblem("Cannot start a member JVM: " + e.getMessage());
    }
  }

  /** The member JVMs (for tests that stop one on purpose). */
  public List<ProcessHandle> memberProcesses() {
    return members.stream().map(Process::toHandle).toList();
  }

  @Override
  public List<String> members() {
    return session.members();
  }

  @Override
  public boolean distributed() {
    return true;
  }

  @Override
  public LocalRun.Outcome run(Partition.Plan plan, RunListener listener) {
    return session.run(plan, listener);
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      stopMembers();
      try {
        Runtime.getRuntime().removeShutdownHook(stopMembersHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or ran: nothing left to do
      }
    }
  }

  private void stopMembers() {
    for (Process p : members) {
      p.destroy();
    }
    for (Process p : members) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
