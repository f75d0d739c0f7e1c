package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ConfigProblem;

/** The structure of sweep files; values against their keys are SweepPlanTest's. */
class SweepFileTest {
  @TempDir Path dir;

  @BeforeEach
  void baseExperiment() throws IOException {
    Files.writeString(dir.resolve("base.conf"), "patchstorm.experiment.model = ping\n");
  }

  private Path sweep(String body) throws IOException {
    Path file = dir.resolve("s.conf");
    Files.writeString(file, body);
    return file;
  }

  private ConfigProblem problem(String body) throws IOException {
    Path file = sweep(body);
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> SweepFile.read(file));
    assertEquals(file.toString(), p.file(), p.describe());
    return p;
  }

  @Test
  void countOfSeedsMeansOneToN() throws IOException {
    Sweep s = SweepFile.read(sweep("""
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.ping.peers, values = [100, 200] }]
          seeds = 3
        }
        """));
    assertEquals(List.of(1L, 2L, 3L), s.seeds());
    assertEquals("s", s.name(), "named after the file by default");
    assertEquals(dir.resolve("base.conf"), s.base(), "relative to the sweep file");
    assertEquals("peers", s.axes().get(0).name());
    assertEquals(List.of("100", "200"), s.axes().get(0).labels());
  }

  @Test
  void decimalRangeHasNoDrift() throws IOException {
    Sweep s = SweepFile.read(sweep("""
        sweep {
          base = base.conf
          axes = [{ key = "patchstorm.overlay.timeline[0].fraction", from = 0.05, to = 0.5, step = 0.05 }]
          seeds = [7, 3]
        }
        """));
    assertEquals(List.of("0.05", "0.1", "0.15", "0.2", "0.25", "0.3", "0.35", "0.4", "0.45", "0.5"),
        s.axes().get(0).labels());
    assertEquals(0.15, ((Number) s.axes().get(0).values().get(2).unwrapped()).doubleValue(), 0);
    assertEquals(List.of(7L, 3L), s.seeds(), "listed seeds keep their order");
  }

  @Test
  void integerRangeGivesWholeNumbers() throws IOException {
    Sweep s = SweepFile.read(sweep("""
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.ping.peers, from = 100, to = 350, step = 100 }]
          seeds = 1
        }
        """));
    assertEquals(List.of("100", "200", "300"), s.axes().get(0).labels());
    assertTrue(s.axes().get(0).values().get(0).unwrapped() instanceof Long);
  }

  @Test
  void seedsZeroIsLocated() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.ping.peers, values = [100] }]
          seeds = 0
        }
        """);
    assertEquals(4, p.line());
    assertEquals("sweep.seeds", p.key());
  }

  @Test
  void emptyValuesAreLocated() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [
            { key = patchstorm.ping.peers, values = [] }
          ]
          seeds = 2
        }
        """);
    assertEquals(4, p.line());
    assertEquals("sweep.axes[0].values", p.key());
    assertTrue(p.problem().contains("empty"), p.problem());
  }

  @Test
  void zippedAxesOfDifferentLengthsAreLocatedAtTheLaterAxis() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [
            { key = patchstorm.ping.peers, values = [100, 200], zip = z }
            { key = patchstorm.ping.out-degree, values = [5, 10, 20], zip = z }
          ]
          seeds = 2
        }
        """);
    assertEquals(5, p.line());
    assertTrue(p.problem().contains("3") && p.problem().contains("2"), p.problem());
  }

  @Test
  void unknownKeyInTheSweepIsLocatedWithTheKnownOnes() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.ping.peers, values = [100] }]
          seed = 2
        }
        """);
    assertEquals(4, p.line());
    assertEquals("sweep.seed", p.key());
    assertTrue(p.problem().contains("seeds"), p.problem());
  }

  @Test
  void axisKeyOutsideTheExperimentIsRejected() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [{ key = ping.peers, values = [100] }]
          seeds = 2
        }
        """);
    assertEquals(3, p.line());
    assertEquals("sweep.axes[0].key", p.key());
  }

  @Test
  void objectValuesNeedLabels() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.overlay.login.retry, values = [{ policy = immediate }] }]
          seeds = 2
        }
        """);
    assertTrue(p.problem().contains("labels"), p.problem());
  }

  @Test
  void missingBaseExperimentFileIsLocated() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = nowhere.conf
          axes = [{ key = patchstorm.ping.peers, values = [100] }]
          seeds = 2
        }
        """);
    assertEquals(2, p.line());
    assertEquals("sweep.base", p.key());
  }

  @Test
  void theSameKeyTwiceIsRejected() throws IOException {
    ConfigProblem p = problem("""
        sweep {
          base = base.conf
          axes = [
            { key = patchstorm.ping.peers, values = [100] }
            { key = patchstorm.ping.peers, values = [200] }
          ]
          seeds = 2
        }
        """);
    assertEquals(5, p.line());
  }
}
