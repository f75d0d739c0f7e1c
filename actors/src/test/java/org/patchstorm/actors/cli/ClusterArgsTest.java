package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class ClusterArgsTest {

  /** A command holding only the cluster options, as the run and sweep commands mix them in. */
  static final class Holder {
    @Mixin
    ClusterArgs cluster;
  }

  private static ClusterArgs parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.cluster;
  }

  @Test
  void membersStartedOnThisHostShareItsCores() {
    assertEquals(1, parse("--cluster", "2").coresPerMember(2));
    assertEquals(4, parse("--cluster", "2").coresPerMember(8));
    assertEquals(1, parse("--cluster", "3").coresPerMember(2), "at least one each");
  }

  @Test
  void joinedMembersAndOneJvmCountThisHostsCores() {
    assertEquals(2, parse("--join", "127.0.0.1:2552", "--members", "3").coresPerMember(2));
    assertEquals(2, parse().coresPerMember(2));
  }
}
