package org.patchstorm.actors.cli;

import com.typesafe.config.Config;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.patchstorm.actors.bench.RawTellCalibration;
import org.patchstorm.actors.engine.RoundStats;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.config.Settings;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.overlay.OverlayModel;
import org.patchstorm.core.ping.PingModel;

/**
 * The BENCH line a run prints at its end: how fast the engine went and how much heap each peer
 * took. Ping's compares with a calibration of raw Pekko tells; the overlay's gives events and
 * delivered messages per second. The run reports its phases here as they pass.
 */
final class BenchLine {
  private long started;
  private long setupDone;
  private long finished;
  private long events;
  private RoundStats rounds = RoundStats.NONE;
  private double liveHeapBytes = Double.NaN;

  void started() {
    started = System.nanoTime();
  }

  void setupDone() {
    setupDone = System.nanoTime();
  }

  /** {@code eventsSoFar}: events delivered since the start, as the latest row says. */
  void row(long eventsSoFar) {
    events = eventsSoFar;
  }

  void roundStats(RoundStats stats) {
    rounds = stats;
  }

  /**
   * The run ended; with {@code measureHeap} (every entity still alive, in this JVM) the live heap
   * after a full collection is the run's footprint. Across members the entities live elsewhere:
   * the figure stays NaN.
   */
  void finished(boolean measureHeap) {
    finished = System.nanoTime();
    if (measureHeap) {
      var memory = ManagementFactory.getMemoryMXBean();
      memory.gc();
      memory.gc();
      liveHeapBytes = memory.getHeapMemoryUsage().getUsed();
    }
  }

  /** The line for {@code experiment}'s ping or overlay run; null for a model without one. */
  String format(Experiment experiment, MetricsTable table, RunTarget target, Config merged) {
    double setup = (setupDone - started) / 1e9;
    double loop = (finished - setupDone) / 1e9;
    String hosting = Settings.spelling(experiment.hosting());
    String line;
    if (experiment.model() instanceof PingModel ping) {
      int peers = ping.entityCount();
      double delivered = table.sum("delivered");
      double rate = delivered / loop;
      double raw = RawTellCalibration.measure(peers, ping.params().outDegree(),
          Math.min(5, Math.max(2, loop / 2)), merged);
      line = String.format(Locale.ROOT,
          "BENCH hosting=%s peers=%d vseconds=%.0f delivered=%.0f setup_s=%.2f loop_s=%.2f"
              + " msgs_per_s=%.0f bytes_per_peer=%.0f raw_pekko_msgs_per_s=%.0f ratio=%.3f",
          hosting, peers, experiment.durationMicros() / 1e6, delivered, setup, loop, rate,
          liveHeapBytes / peers, raw, rate / raw);
    } else if (experiment.model() instanceof OverlayModel overlay) {
      // Per overlay peer, everything else in the heap (login servers, bots, the calendar)
      // included: the figure a full-scale run's heap is planned with.
      int peers = overlay.params().population().peers();
      double delivered = table.sum("msgs_delivered");
      line = String.format(Locale.ROOT,
          "BENCH hosting=%s model=overlay peers=%d vseconds=%.0f events=%d msgs_delivered=%.0f"
              + " setup_s=%.2f loop_s=%.2f events_per_s=%.0f msgs_per_s=%.0f bytes_per_peer=%.0f",
          hosting, peers, experiment.durationMicros() / 1e6, events, delivered, setup, loop,
          events / loop, delivered / loop, liveHeapBytes / peers);
    } else {
      return null;
    }
    // Rounds are the barriers between partitions: their cost is what a cluster pays for.
    line += String.format(Locale.ROOT, " rounds=%d us_per_round=%.1f wait_share=%.2f",
        rounds.rounds(), rounds.rounds() == 0 ? 0 : loop * 1e6 / rounds.rounds(),
        rounds.waitShare(loop * 1e9));
    if (target.distributed()) {
      line += String.format(Locale.ROOT,
          " members=%d cross_member_msgs_per_s=%.0f member_meetings=%d us_per_meeting=%.1f",
          target.members().size(), rounds.crossMemberEvents() / loop, rounds.meetings(),
          rounds.meetings() == 0 ? 0 : loop * 1e6 / rounds.meetings());
    }
    return line;
  }
}
