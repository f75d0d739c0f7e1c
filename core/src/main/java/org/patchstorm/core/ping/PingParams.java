package org.patchstorm.core.ping;

/**
 * Parameters of the ping workload. Latencies are inclusive bounds in microseconds; the minimum is
 * the lookahead.
 */
public record PingParams(
    int peers, int outDegree, long periodMicros, long latencyMinMicros, long latencyMaxMicros) {

  public PingParams {
    if (peers < 2 || outDegree < 1 || periodMicros <= 0 || latencyMinMicros <= 0
        || latencyMaxMicros < latencyMinMicros) {
      throw new IllegalArgumentException("invalid ping parameters");
    }
  }
}
