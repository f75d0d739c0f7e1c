package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The runner's side of a sweep on a cluster ({@code sweep --cluster N} or {@code --members N}):
 * this JVM joins with the runner role, waits for the members' run workers, and hands them whole
 * runs through its {@link SweepDispatcher}.
 */
public final class SweepCluster implements AutoCloseable {
  /**
   * How long runs wait for a member when none is left (or --join-timeout, if shorter). A member
   * taken for lost cannot come back once the split brain resolver has downed it (20 s after it
   * became unreachable), and with a single member it may down the runner instead, which would
   * say less: the sweep says so before that.
   */
  static final Duration MAX_STRANDED_WAIT = Duration.ofSeconds(15);

  private final ActorSystem<SweepDispatcher.Command> system;
  private final ClusterOptions options;
  private final int wanted;
  private final CompletableFuture<List<String>> membersFound = new CompletableFuture<>();
  private MemberProcesses processes;
  private List<String> members = List.of();

  private SweepCluster(ClusterOptions options, int wanted, Config base) {
    this.options = options;
    this.wanted = wanted;
    Duration strandedWait = options.joinTimeout().compareTo(MAX_STRANDED_WAIT) < 0
        ? options.joinTimeout() : MAX_STRANDED_WAIT;
    this.system = ClusterSystems.startAndJoin(
        SweepDispatcher.create(wanted, membersFound, strandedWait), options,
        ClusterConfig.ROLE_RUNNER, base);
  }

  /** Joins a cluster (or starts it) and waits until {@code members} members are there. */
  static SweepCluster join(ClusterOptions options, int members, Config base) {
    SweepCluster cluster = new SweepCluster(options, members, base);
    try {
      cluster.awaitMembers();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Starts {@code count} member JVMs on loopback that join this runner, and waits for them. */
  static SweepCluster local(int count, Path tlsDir, Duration joinTimeout, Config base) {
    SweepCluster cluster = new SweepCluster(
        new ClusterOptions(null, new HostPort("127.0.0.1", 0), tlsDir, joinTimeout), count, base);
    try {
      int port = Cluster.get(cluster.system).selfMember().address().getPort().orElseThrow();
      cluster.processes = MemberProcesses.start(count, port, tlsDir, joinTimeout);
      cluster.awaitMembers();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void awaitMembers() {
    members = ClusterSystems.awaitMembers(system, options, membersFound, wanted);
  }

  /** The members the sweep started with. */
  public List<String> members() {
    return members;
  }

  /**
   * Hands out {@code orders}, {@code perMember} at a time on each member; {@code results} hears of
   * every run's result, the end, or that no member is left.
   */
  public void carryOut(List<SweepDispatcher.RunOrder> orders, int perMember,
      SweepDispatcher.Results results) {
    system.tell(new SweepDispatcher.Start(orders, perMember, results));
  }

  /** Completes when the runner's actor system has stopped (it was downed, or shut down). */
  public CompletableFuture<?> stopped() {
    return system.getWhenTerminated().toCompletableFuture();
  }

  @Override
  public void close() {
    try {
      ClusterSystems.stop(system);
    } finally {
      if (processes != null) {
        processes.close();
      }
    }
  }
}
