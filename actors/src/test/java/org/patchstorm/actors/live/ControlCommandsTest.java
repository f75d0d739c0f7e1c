package org.patchstorm.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.engine.InjectionRefused;

class ControlCommandsTest {

  /** Notes what it was asked to do; refuses injections whose text contains "bad". */
  private static final class Recording implements LiveControl {
    final List<String> calls = new ArrayList<>();

    @Override
    public Status status() {
      return new Status(State.RUNNING, 0, 1, 0, 0, 0, null);
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public List<Row> rowsSince(int index) {
      return List.of();
    }

    @Override
    public List<Injected> injected() {
      return List.of();
    }

    @Override
    public Injected inject(String hocon) throws InjectionRefused {
      calls.add("inject " + hocon);
      if (hocon.contains("bad")) {
        throw new InjectionRefused("'fraction' must be 0 to 1");
      }
      return new Injected(5400, "restart-burst 10%", hocon);
    }

    @Override
    public void pace(double virtualSecondsPerWallSecond) {
      calls.add("pace " + virtualSecondsPerWallSecond);
    }

    @Override
    public void pause() {
      calls.add("pause");
    }

    @Override
    public void resume() {
      calls.add("resume");
    }

    @Override
    public void stop() {
      calls.add("stop");
    }

    @Override
    public Path resultsFolder() {
      return Path.of("results");
    }
  }

  @Test
  void eachCommandReachesTheControlWithItsArgument() throws Exception {
    Recording live = new Recording();
    ControlCommands commands = new ControlCommands(live);
    String injected = commands.execute("  inject { type = restart-burst, fraction = 0.1 }  ");
    assertEquals("injected restart-burst 10% at 5400s (virtual time; recorded in experiment.conf"
        + " and manifest.json)", injected);
    commands.execute("inject{ at = 2h }");
    commands.execute("PAUSE");
    commands.execute("pace 600");
    commands.execute("pace 0");
    commands.execute("resume");
    commands.execute("stop");
    assertEquals(List.of("inject { type = restart-burst, fraction = 0.1 }", "inject { at = 2h }",
        "pause", "pace 600.0", "pace 0.0", "resume", "stop"), live.calls);
  }

  @Test
  void blankAndCommentLinesDoNothing() throws Exception {
    Recording live = new Recording();
    ControlCommands commands = new ControlCommands(live);
    assertNull(commands.execute(""));
    assertNull(commands.execute("   "));
    assertNull(commands.execute("# pause"));
    assertTrue(live.calls.isEmpty());
  }

  @Test
  void badCommandsAreRefusedInOneLineAndDoNothing() {
    Recording live = new Recording();
    ControlCommands commands = new ControlCommands(live);
    for (String[] bad : new String[][] {
        {"paws", "unknown command \"paws\"; the commands are"},
        {"inject", "inject needs the event"},
        {"pace fast", "pace takes a number"},
        {"pace -1", "0 or more"},
        {"pace NaN", "0 or more"},
        {"pause now", "pause takes nothing after it"},
    }) {
      ControlCommands.Refused refused =
          assertThrows(ControlCommands.Refused.class, () -> commands.execute(bad[0]));
      assertTrue(refused.getMessage().contains(bad[1]), bad[0] + ": " + refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }
    assertTrue(live.calls.isEmpty(), live.calls.toString());
  }

  @Test
  void aRefusedInjectionSaysWhy() {
    ControlCommands commands = new ControlCommands(new Recording());
    ControlCommands.Refused refused = assertThrows(ControlCommands.Refused.class,
        () -> commands.execute("inject { fraction = bad }"));
    assertEquals("injection refused: 'fraction' must be 0 to 1", refused.getMessage());
  }
}
