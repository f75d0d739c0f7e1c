package org.patchstorm.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ConfigProblem;

/** Every point is built as a run would build it, and mistakes are located in the sweep file. */
class SweepPlanTest {
  @TempDir Path dir;

  private static final Config DEFAULTS = ConfigFactory.defaultReferenceUnresolved();

  @BeforeEach
  void baseExperiment() throws IOException {
    Files.writeString(dir.resolve("base.conf"), """
        patchstorm {
          experiment { name = small, model = overlay, duration = 2h, report-interval = 1m }
          overlay {
            peers = 300
            timeline = [
              { type = restart-burst, at = 1h, window = 10m, fraction = 0.3, selector = all,
                downtime { type = uniform, min = 1m, max = 2m }, exit = clean,
                include-supernodes = false }
            ]
          }
        }
        """);
  }

  private Sweep sweep(String axes) throws IOException {
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "sweep {\n  base = base.conf\n  seeds = 2\n  axes = [\n" + axes
        + "\n  ]\n}\n");
    return SweepFile.read(file);
  }

  private ConfigProblem problem(String axes) throws IOException {
    Sweep s = sweep(axes);
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> SweepPlan.of(s, List.of(), DEFAULTS));
    assertEquals(s.file().toString(), p.file(), p.describe());
    return p;
  }

  @Test
  void eachPointCarriesItsValuesAndTheFiguresAreKnownBeforeAnyRun() throws IOException {
    SweepPlan plan = SweepPlan.of(sweep("""
        { key = "patchstorm.overlay.timeline[0].fraction", values = [0.1, 0.4] }
        { key = patchstorm.overlay.login.throttle.enabled, values = [false, true] }
        """), List.of(), DEFAULTS);
    assertEquals(4, plan.points().size());
    assertEquals(8, plan.runCount());
    Config third = plan.points().get(2).merged();
    assertEquals(0.4, third.getList("patchstorm.overlay.timeline").get(0).atKey("e")
        .getDouble("e.fraction"), 0);
    assertEquals("all", third.getConfigList("patchstorm.overlay.timeline").get(0)
        .getString("selector"), "the rest of the event stays as the file had it");
    assertEquals(false, third.getBoolean("patchstorm.overlay.login.throttle.enabled"));
    assertTrue(plan.verdicts());
    assertTrue(plan.figureNames().contains("min_online_fraction"), plan.figureNames().toString());
    assertTrue(plan.figureNames().contains("service.during.im_success"));
    assertEquals(plan.figureNames(), plan.aggregated(), "every figure when none is named");
    assertEquals(7, plan.points().get(2).experiment(7).seed());
  }

  @Test
  void unknownAxisKeyIsLocatedAtItsValues() throws IOException {
    ConfigProblem p = problem("""
        { key = patchstorm.overlay.peerz, values = [100, 200] }
        """);
    assertEquals(5, p.line());
    assertEquals("patchstorm.overlay.peerz", p.key());
    assertTrue(p.problem().contains("unknown key"), p.problem());
    assertTrue(p.problem().contains("peers"), "suggests the real key: " + p.problem());
  }

  @Test
  void valueOfTheWrongTypeIsLocatedAtItsLine() throws IOException {
    ConfigProblem p = problem("""
        { key = "patchstorm.overlay.timeline[0].fraction",
          values = [0.1,
                    lots] }
        """);
    assertEquals(7, p.line());
    assertEquals("patchstorm.overlay.timeline[0].fraction", p.key());
    assertTrue(p.problem().contains("fraction between 0 and 1"), p.problem());
  }

  @Test
  void rangeOutsideTheKeysBoundsIsLocatedAtTheRange() throws IOException {
    ConfigProblem p = problem("""
        { key = patchstorm.overlay.peers, from = -100, to = 100, step = 100 }
        """);
    assertEquals(5, p.line());
    assertEquals("patchstorm.overlay.peers", p.key());
  }

  @Test
  void timelineIndexTheFileDoesNotHaveIsLocated() throws IOException {
    ConfigProblem p = problem("""
        { key = "patchstorm.overlay.timeline[3].fraction", values = [0.1] }
        """);
    assertEquals(5, p.line());
    assertTrue(p.problem().contains("1 element"), p.problem());
  }

  @Test
  void figureARunDoesNotReportIsLocated() throws IOException {
    Path file = dir.resolve("f.conf");
    Files.writeString(file, """
        sweep {
          base = base.conf
          axes = [{ key = patchstorm.overlay.peers, values = [300] }]
          seeds = 1
          figures = [min_online_fraction, min_online_fractoin]
        }
        """);
    Sweep s = SweepFile.read(file);
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> SweepPlan.of(s, List.of(), DEFAULTS));
    assertEquals(5, p.line());
    assertEquals("sweep.figures[1]", p.key());
  }

  @Test
  void anAxisNamedLikeAFigureIsRefusedSoRunsCsvHasNoTwinColumns() throws IOException {
    ConfigProblem p = problem("""
        { key = patchstorm.overlay.peers, name = lost_user_minutes, values = [300] }
        """);
    assertEquals(5, p.line());
    assertTrue(p.problem().contains("another name"), p.problem());
  }

  @Test
  void settingsTheSummaryRepeatsAreNotFigures() throws IOException {
    SweepPlan plan = SweepPlan.of(sweep("""
        { key = patchstorm.overlay.peers, values = [300] }
        """), List.of(), DEFAULTS);
    assertTrue(!plan.figureNames().contains("peers") && !plan.figureNames().contains("seed"),
        plan.figureNames().toString());
  }

  @Test
  void objectValueReplacesTheWholeObject() throws IOException {
    SweepPlan plan = SweepPlan.of(sweep("""
        { key = patchstorm.overlay.login.retry, labels = [fixed],
          values = [{ policy = fixed, interval = 5s }] }
        """), List.of(), DEFAULTS);
    assertEquals("fixed", plan.points().get(0).merged().getString("patchstorm.overlay.login.retry.policy"));
  }
}
