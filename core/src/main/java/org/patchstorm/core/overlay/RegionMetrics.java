package org.patchstorm.core.overlay;

import static org.patchstorm.core.metrics.MetricsSchema.CounterKind.LEVEL;
import static org.patchstorm.core.metrics.MetricsSchema.CounterKind.PER_INTERVAL;

import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.metrics.MetricsSchema.CounterKind;
import org.patchstorm.core.metrics.MetricsSchema.Stat;

/**
 * What users of each region see: the service figures of {@link OverlayMetrics} again, counted by
 * the region of the user they concern (the sender of an IM or presence update, the user who
 * searches, the peer that is up or on line). Their columns follow the fixed ones, one block per
 * region in the order the experiment lists its regions, each named {@code <region>_<measure>}
 * (e.g. {@code europe_online}, {@code europe_im_latency_ms_mean}); so the column order is the
 * configuration's, and an incident concentrated in one region shows against the others.
 */
public final class RegionMetrics {

  /** The per-region counters, in column order within a region's block. */
  public enum Count {
    PEERS_UP("peers_up", LEVEL),
    ONLINE("online", LEVEL),
    IM_DELIVERED("im_delivered", PER_INTERVAL),
    IM_FAILED("im_failed", PER_INTERVAL),
    STATUS_DELIVERED("status_delivered", PER_INTERVAL),
    STATUS_FAILED("status_failed", PER_INTERVAL),
    SEARCH_SUCCESSES("search_successes", PER_INTERVAL),
    SEARCH_FAILURES("search_failures", PER_INTERVAL);

    public final String measure;
    final CounterKind kind;

    Count(String measure, CounterKind kind) {
      this.measure = measure;
      this.kind = kind;
    }
  }

  /** The per-region latencies (their mean per interval is the column). */
  public enum Latency {
    IM("im_latency_ms"),
    SEARCH("search_latency_ms");

    public final String measure;

    Latency(String measure) {
      this.measure = measure;
    }
  }

  private static final int FIXED_COUNTERS = OverlayMetrics.SCHEMA.counters().size();
  private static final int FIXED_HISTOGRAMS = OverlayMetrics.SCHEMA.histograms().size();

  private RegionMetrics() {}

  /** The overlay's schema for these regions: the fixed columns, then each region's block. */
  public static MetricsSchema schema(List<OverlayParams.Region> regions) {
    List<MetricsSchema.Counter> counters = new ArrayList<>(OverlayMetrics.SCHEMA.counters());
    List<MetricsSchema.Histogram> histograms = new ArrayList<>(OverlayMetrics.SCHEMA.histograms());
    for (OverlayParams.Region region : regions) {
      for (Count c : Count.values()) {
        counters.add(new MetricsSchema.Counter(column(region.name(), c.measure), c.kind));
      }
      for (Latency l : Latency.values()) {
        histograms.add(new MetricsSchema.Histogram(column(region.name(), l.measure), 600_000_000L, 1000,
            List.of(Stat.MEAN)));
      }
    }
    return new MetricsSchema(counters, histograms);
  }

  /** The column of a measure in a region (a latency's column adds {@code _mean}). */
  public static String column(String region, String measure) {
    return region + "_" + measure;
  }

  /** The counter index of {@code count} in region {@code region}. */
  static int counter(int region, Count count) {
    return FIXED_COUNTERS + region * Count.values().length + count.ordinal();
  }

  /** The histogram index of {@code latency} in region {@code region}. */
  static int histogram(int region, Latency latency) {
    return FIXED_HISTOGRAMS + region * Latency.values().length + latency.ordinal();
  }

  /** Adds {@code delta} to the overall counter and to the same count of {@code region}. */
  static void add(EntityContext ctx, int overall, int region, Count count, long delta) {
    ctx.metrics().add(overall, delta);
    ctx.metrics().add(counter(region, count), delta);
  }

  /** Records a latency overall and in {@code region}. */
  static void record(EntityContext ctx, int overall, int region, Latency latency, long micros) {
    ctx.metrics().record(overall, micros);
    ctx.metrics().record(histogram(region, latency), micros);
  }
}
