package org.patchstorm.actors.cluster;

/** A cluster that cannot be formed or used; its message is the one paragraph the user sees. */
public final class ClusterProblem extends RuntimeException {
  public ClusterProblem(String message) {
    super(message);
  }
}
