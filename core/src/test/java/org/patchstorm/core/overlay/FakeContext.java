package org.patchstorm.core.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.metrics.MetricsSink;

/** A hand-driven entity context: records what the entity sends, schedules and counts. */
final class FakeContext implements EntityContext {

  record Sent(int target, Object message, long latency) {}

  record Scheduled(long delay, Object message) {}

  long now;
  final int self;
  final RandomGenerator random;
  final List<Sent> sent = new ArrayList<>();
  final List<Scheduled> scheduled = new ArrayList<>();
  /** The overlay's columns with the default regions' blocks. */
  static final org.patchstorm.core.metrics.MetricsSchema SCHEMA =
      RegionMetrics.schema(OverlayParams.defaults().geography().regions());

  final long[] counters = new long[SCHEMA.counters().size()];
  final List<List<Long>> histograms = new ArrayList<>();
  /** What the entity last asked about sampling at reporting boundaries (on from the start). */
  boolean sampled = true;

  FakeContext(int self, long seed) {
    this.self = self;
    this.random = new SplittableRandom(seed);
    for (int i = 0; i < SCHEMA.histograms().size(); i++) {
      histograms.add(new ArrayList<>());
    }
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public int self() {
    return self;
  }

  @Override
  public void send(int target, Object message, long latencyMicros) {
    sent.add(new Sent(target, message, latencyMicros));
  }

  @Override
  public void schedule(long delayMicros, Object message) {
    if (delayMicros < 0) {
      throw new AssertionError("negative delay " + delayMicros + " for " + message);
    }
    scheduled.add(new Scheduled(delayMicros, message));
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public MetricsSink metrics() {
    return new MetricsSink() {
      @Override
      public void add(int counter, long delta) {
        counters[counter] += delta;
      }

      @Override
      public void record(int histogram, long value) {
        histograms.get(histogram).add(value);
      }
    };
  }

  @Override
  public void sampled(boolean on) {
    sampled = on;
  }

  <T> List<T> sentOfType(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Sent s : sent) {
      if (type.isInstance(s.message())) {
        out.add(type.cast(s.message()));
      }
    }
    return out;
  }

  long counter(int index) {
    return counters[index];
  }

  void clear() {
    sent.clear();
    scheduled.clear();
  }
}
