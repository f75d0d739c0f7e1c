package org.patchstorm.actors.cli;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.patchstorm.actors.engine.RunTarget;
import org.patchstorm.core.engine.Entity;
import org.patchstorm.core.engine.EntityContext;
import org.patchstorm.core.engine.EntityFactory;
import org.patchstorm.core.engine.Model;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.metrics.MetricsSchema;
import org.patchstorm.core.results.ResultsFolder;

/**
 * A run that fills any heap, for ExperimentRunnerTest to start in a JVM with a small one: ten
 * entities keep 16 KB more each virtual millisecond. Exits with the runner's code.
 */
final class OutOfMemoryRun {
  private static final long SECOND = 1_000_000;

  public static void main(String[] args) {
    Experiment hog = new Experiment("hog", Experiment.ModelKind.PING, 1, 3_600 * SECOND,
        SECOND / 10, 1, new Hogs());
    ResultsFolder folder =
        ResultsFolder.create(Path.of(args[0]), Path.of("."), hog.name(), Clock.systemUTC());
    int code;
    try (RunTarget target = RunTarget.local(Main.defaults())) {
      code = new ExperimentRunner(target, hog, Main.defaults(), Path.of("hog.conf"), folder, true,
          System.out, System.err).run();
    }
    System.exit(code);
  }

  private static final class Hogs implements Model {
    @Override
    public int entityCount() {
      return 10;
    }

    @Override
    public long lookaheadMicros() {
      return 1000;
    }

    @Override
    public MetricsSchema schema() {
      return new MetricsSchema(List.of(
          new MetricsSchema.Counter("ticks", MetricsSchema.CounterKind.PER_INTERVAL)), List.of());
    }

    @Override
    public EntityFactory factory() {
      return (id, random) -> new Entity() {
        private final List<byte[]> kept = new ArrayList<>();

        @Override
        public void start(EntityContext ctx) {
          ctx.schedule(1000, "tick");
        }

        @Override
        public void receive(EntityContext ctx, Object message) {
          ctx.metrics().add(0, 1);
          kept.add(new byte[16 << 10]);
          ctx.schedule(1000, "tick");
        }
      };
    }

    @Override
    public PayloadCodec codec() {
      return new PayloadCodec() {
        @Override
        public void write(Object message, DataOutput out) throws IOException {
          throw new IOException("one JVM only");
        }

        @Override
        public Object read(DataInput in) throws IOException {
          throw new IOException("one JVM only");
        }
      };
    }
  }
}
