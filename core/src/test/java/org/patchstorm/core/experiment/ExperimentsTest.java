package org.patchstorm.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.reality.RealityCurveFile;
import org.patchstorm.core.config.ConfigProblem;

class ExperimentsTest {

  @TempDir Path dir;

  /** A small overlay experiment in {@code dir/sub/exp.conf} with the given experiment keys. */
  private Experiment overlay(String experimentKeys, String... overrides) throws IOException {
    Path file = dir.resolve("sub").resolve("exp.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "patchstorm {\n  experiment { name = t, model = overlay, duration = 6h\n    "
        + experimentKeys + "\n  }\n  overlay.peers = 200\n}\n");
    return Experiments.read(ExperimentFiles.load(file, List.of(overrides), ConfigFactory.defaultReference()),
        OptionalLong.empty());
  }

  private void curve(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, RealityCurveFile.HEADER + "\n0,1,A,normal\n2,0.5,M,half\n");
  }

  @Test
  void aRealityCurveIsFoundBesideTheFileThatNamesIt() throws IOException {
    curve(dir.resolve("sub/reality/c.csv"));
    Experiment e = overlay("reality { curve = \"reality/c.csv\" }");
    assertEquals(dir.resolve("sub/reality/c.csv"), e.analysis().reality().orElseThrow().file());
    assertEquals(2, e.analysis().reality().orElseThrow().curve().points().size());
    assertTrue(overlay("").analysis().reality().isEmpty(), "no curve by default");
  }

  @Test
  void aMissingCurveIsALocatedProblem() throws IOException {
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> overlay("reality { curve = \"nope.csv\" }"));
    assertEquals("patchstorm.experiment.reality.curve", p.key());
    assertEquals(3, p.line(), p.describe());
    assertTrue(p.describe().contains(dir.resolve("sub/nope.csv").toString()), p.describe());
  }

  @Test
  void aMalformedCurveNamesTheCurveFileAndLine() throws IOException {
    Path bad = dir.resolve("sub/bad.csv");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, RealityCurveFile.HEADER + "\n0,1,A,normal\n1,x,A,oops\n");
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> overlay("reality { curve = \"bad.csv\" }"));
    assertEquals(bad.toString(), p.file());
    assertEquals(3, p.line());
  }

  @Test
  void aCurveSetOnTheCommandLineIsTakenFromTheWorkingDirectory() throws IOException {
    Path abs = dir.resolve("elsewhere/c.csv");
    curve(abs);
    Experiment e = overlay("", "patchstorm.experiment.reality.curve=\"" + abs + "\"");
    assertEquals(abs, e.analysis().reality().orElseThrow().file());
    ConfigProblem p = assertThrows(ConfigProblem.class,
        () -> overlay("", "patchstorm.experiment.reality.curve=\"not-here.csv\""));
    assertEquals(Path.of("not-here.csv").toString(),
        p.describe().replaceAll(".*no reality curve file at (\\S+) .*", "$1"));
  }

  @Test
  void pingRunsTakeNoRealityCurve() {
    ConfigProblem p = assertThrows(ConfigProblem.class,
        () -> ping("patchstorm.experiment.reality.curve = \"x.csv\""));
    assertTrue(p.describe().contains("overlay"), p.describe());
  }

  @Test
  void incidentStartIsAutoOrADurationWithinTheRun() throws IOException {
    assertTrue(overlay("").analysis().incidentStartMicros().isEmpty());
    assertEquals(7_200_000_000L, overlay("incident-start = 2h").analysis().incidentStartMicros().getAsLong());
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> overlay("incident-start = 7h"));
    assertEquals("patchstorm.experiment.incident-start", p.key());
    assertTrue(p.describe().contains("within the run"), p.describe());
    ConfigProblem zero = assertThrows(ConfigProblem.class, () -> overlay("incident-start = 0s"));
    assertEquals("patchstorm.experiment.incident-start", zero.key());
    assertTrue(zero.describe().contains("at least one reporting interval"), zero.describe());
  }

  private static Experiment ping(String extra) {
    Config config =
        ConfigFactory.parseString(
                "patchstorm.experiment { name = t, model = ping }\n"
                    + "patchstorm.ping.peers = 1000\n"
                    + extra)
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    return Experiments.read(config, OptionalLong.empty());
  }

  @Test
  void autoPartitionsOnAClusterGiveEveryMemberOneAndUseTheirCores() {
    Config auto = ConfigFactory.parseString("""
        patchstorm.experiment { name = c, model = ping, duration = 2s, report-interval = 1s }
        patchstorm.ping.peers = 600000
        """).withFallback(ConfigFactory.defaultReference()).resolve();
    Experiment local = Experiments.read(auto, OptionalLong.empty());
    assertEquals(local, Experiments.onMembers(local, auto, 1, 2), "one JVM: as read");
    assertEquals(3, Experiments.onMembers(local, auto, 3, 1).partitions(), "one per member");
    // 600 k entities are two partitions' worth; three members of two cores do not need six.
    assertEquals(3, Experiments.onMembers(local, auto, 3, 2).partitions());
    assertEquals(2, Experiments.onMembers(local, auto, 2, 4).partitions());
    Config fixed = ConfigFactory.parseString("patchstorm.experiment.partitions = 1")
        .withFallback(auto).resolve();
    Experiment one = Experiments.read(fixed, OptionalLong.empty());
    assertEquals(1, Experiments.onMembers(one, fixed, 3, 2).partitions(), "a fixed count stays");
  }

  @Test
  void autoPartitionsGrowWithEntitiesUpToTheCores() {
    assertEquals(1, Experiments.autoPartitions(100_000, 2));
    assertEquals(1, Experiments.autoPartitions(300_000, 8));
    assertEquals(2, Experiments.autoPartitions(1_000_000, 2));
    assertEquals(4, Experiments.autoPartitions(1_000_000, 8));
    assertEquals(8, Experiments.autoPartitions(10_000_000, 8));
    assertEquals(1, Experiments.autoPartitions(10, 1));
  }

  @Test
  void aNumberOfPartitionsIsTakenAsGiven() {
    assertEquals(7, ping("patchstorm.experiment.partitions = 7").partitions());
    assertEquals(1, ping("patchstorm.experiment.partitions = auto").partitions());
  }

  @Test
  void aPartitionCountOutOfRangeIsRefused() {
    assertThrows(ConfigProblem.class, () -> ping("patchstorm.experiment.partitions = 0"));
  }

  @Test
  void morePartitionsThanOnePerTenEntitiesAreRefused() {
    assertEquals(100, ping("patchstorm.experiment.partitions = 100").partitions());
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ping("patchstorm.experiment.partitions = 101"));
    assertEquals("patchstorm.experiment.partitions", problem.key());
    assertTrue(problem.describe().contains("use at most 100"), problem.describe());
  }

  @Test
  void anOutDegreeBeyondThePeersIsRefused() {
    assertEquals(1000, ping("patchstorm.ping.out-degree = 999").model().entityCount());
    ConfigProblem problem =
        assertThrows(ConfigProblem.class, () -> ping("patchstorm.ping.out-degree = 1000"));
    assertEquals("patchstorm.ping.out-degree", problem.key());
  }

  private static Experiment overlayWithTimeline(String timeline) {
    Config config =
        ConfigFactory.parseString(
                "patchstorm.experiment { name = t, model = overlay, duration = 2h }\n"
                    + "patchstorm.overlay { peers = 1000, timeline = [" + timeline + "] }")
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    return Experiments.read(config, OptionalLong.empty());
  }

  @Test
  void aTimelineEventAfterTheEndIsRefused() {
    String late = "{ type = throttle-logins, at = 2h, per-second = 5 }";
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> overlayWithTimeline(late));
    assertEquals("patchstorm.overlay.timeline[0].at", problem.key());
    assertTrue(problem.describe().contains("never happen"), problem.describe());
    overlayWithTimeline("{ type = throttle-logins, at = 119m, per-second = 5 }");
    // An end-of-run event shortens the run: what comes after it is refused too.
    assertThrows(ConfigProblem.class, () -> overlayWithTimeline("{ type = end-of-run, at = 1h }, "
        + "{ type = throttle-logins, at = 90m, per-second = 5 }"));
  }

  @Test
  void aSeedOverrideWins() {
    Config config =
        ConfigFactory.parseString("patchstorm.experiment { name = t, model = ping, seed = 3 }")
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    assertEquals(9, Experiments.read(config, OptionalLong.of(9)).seed());
    assertEquals(3, Experiments.read(config, OptionalLong.empty()).seed());
  }
}
