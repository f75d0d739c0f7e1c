package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.patchstorm.actors.engine.LocalRun;
import org.patchstorm.actors.engine.Partition;
import org.patchstorm.actors.engine.RunListener;
import org.patchstorm.actors.engine.RunTarget;

/**
 * {@code --cluster N}: this JVM becomes the runner on loopback and starts N member JVMs that join
 * it; they are stopped when the run ends, or when this JVM is stopped first.
 */
public final class LocalCluster implements RunTarget {
  private final ClusterSession session;
  private MemberProcesses members;

  private LocalCluster(ClusterSession session) {
    this.session = session;
  }

  public static LocalCluster start(
      int count, Path tlsDir, Duration joinTimeout, Config base, String experimentConfig) {
    ClusterOptions runner =
        new ClusterOptions(null, new HostPort("127.0.0.1", 0), tlsDir, joinTimeout);
    LocalCluster cluster =
        new LocalCluster(ClusterSession.start(runner, count, base, experimentConfig));
    try {
      int port = cluster.session.address().getPort().orElseThrow();
      cluster.members = MemberProcesses.start(count, port, tlsDir, joinTimeout);
      cluster.session.awaitMembers();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
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
      if (members != null) {
        members.close();
      }
    }
  }
}
