package org.patchstorm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigProblemTest {

  @Test
  void describesFileLineAndKeyInOneSentence() {
    ConfigProblem problem =
        ConfigProblem.inFile(
            "config/x.conf",
            12,
            "patchstorm.overlay.peers",
            "expected an integer between 10 and 100000000, got \"abc\"");
    assertEquals(
        "Error in experiment file config/x.conf, line 12, key patchstorm.overlay.peers: "
            + "expected an integer between 10 and 100000000, got \"abc\".",
        problem.describe());
    assertEquals(problem.describe(), problem.getMessage());
  }

  @Test
  void leavesOutUnknownLineAndKey() {
    assertEquals(
        "Error in experiment file x.conf: the file does not exist.",
        ConfigProblem.inFile("x.conf", -1, null, "the file does not exist").describe());
  }

  @Test
  void describesOverrideByItsText() {
    ConfigProblem problem =
        ConfigProblem.inOverride("patchstorm.x=abc", "patchstorm.x", "expected a number, got \"abc\"");
    assertEquals(ConfigProblem.COMMAND_LINE, problem.file());
    assertEquals(-1, problem.line());
    assertEquals(
        "Error in --set patchstorm.x=abc: expected a number, got \"abc\".", problem.describe());
  }

  @Test
  void doesNotDoubleTheFinalPeriod() {
    assertEquals(
        "Error in the experiment, key a.b: missing.",
        ConfigProblem.unlocated("a.b", "missing.").describe());
  }
}
