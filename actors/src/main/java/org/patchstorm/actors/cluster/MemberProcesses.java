package org.patchstorm.actors.cluster;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Member JVMs started on this host ({@code --cluster N}) that join the runner on loopback. They
 * are stopped whatever happens: on close, and by a shutdown hook if this JVM is stopped first.
 */
final class MemberProcesses implements AutoCloseable {
  private final List<Process> members = new ArrayList<>();
  private final Thread stopMembersHook = new Thread(this::stopMembers, "stop-cluster-members");

  private MemberProcesses() {}

  /** Starts {@code count} members that join the runner listening on 127.0.0.1:{@code runnerPort}. */
  static MemberProcesses start(int count, int runnerPort, Path tlsDir, Duration joinTimeout) {
    MemberProcesses processes = new MemberProcesses();
    Runtime.getRuntime().addShutdownHook(processes.stopMembersHook);
    try {
      for (int i = 0; i < count; i++) {
        processes.members.add(startMember(runnerPort, tlsDir, joinTimeout));
      }
      return processes;
    } catch (RuntimeException e) {
      processes.close();
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

  @Override
  public void close() {
    stopMembers();
    try {
      Runtime.getRuntime().removeShutdownHook(stopMembersHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran: nothing left to do
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
