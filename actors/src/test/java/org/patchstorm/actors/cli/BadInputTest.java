package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input the command line can be given, refused before the run starts: exit 2,
 * one paragraph that names what is wrong, no stack trace, and no results folder left behind.
 * (Failures after the start are ExperimentRunnerTest's; cluster start-up is ClusterRunTest's.)
 */
class BadInputTest {

  @TempDir static Path dir;

  private static final String GOOD = """
      patchstorm {
        experiment { name = small, model = ping, duration = 3s, report-interval = 1s }
        ping.peers = 300
      }
      """;

  /** Files the cases refer to by name; written once. */
  private static final Map<String, String> FILES = Map.ofEntries(
      Map.entry("good.conf", GOOD),
      Map.entry("unclosed.conf", "patchstorm {\n  experiment.model = ping\n"),
      Map.entry("include-missing.conf", GOOD + "include \"commn.conf\"\n"),
      Map.entry("cycle-a.conf", "include \"cycle-b.conf\"\n" + GOOD),
      Map.entry("cycle-b.conf", "include \"cycle-a.conf\"\n"),
      Map.entry("deep.conf", "patchstorm.x = " + "{ a = ".repeat(20_000) + "1" + "}".repeat(20_000)),
      Map.entry("empty.conf", "# nothing set\n"),
      Map.entry("top-level.conf", GOOD + "peers = 1000\n"),
      Map.entry("misspelt.conf", GOOD + "patchstorm.ping.out-degre = 5\n"),
      Map.entry("wrong-type.conf", GOOD + "patchstorm.ping.peers = many\n"),
      Map.entry("substitution.conf", GOOD + "patchstorm.ping.period = ${nowhere}\n"),
      Map.entry("model.conf", GOOD + "patchstorm.experiment.model = pong\n"),
      Map.entry("name.conf", GOOD + "patchstorm.experiment.name = \"my run\"\n"),
      Map.entry("hosting.conf", GOOD + "patchstorm.experiment.hosting = actor-per-peer\n"),
      Map.entry("late-event.conf", """
          patchstorm {
            experiment { name = late, model = overlay, duration = 1h, report-interval = 1m }
            overlay { peers = 1000, timeline = [ { type = throttle-logins, at = 2h, per-second = 5 } ] }
          }
          """));

  static Stream<Arguments> badInputs() {
    return Stream.of(
        // The experiment file.
        bad("a missing experiment file", "nope.conf: the file does not exist", "nope.conf"),
        bad("an unclosed brace", "line 1: the '{' opened on this line is never closed", "unclosed.conf"),
        bad("a missing include", "include \"commn.conf\" names no file", "include-missing.conf"),
        bad("an include cycle", "the includes form a cycle", "cycle-a.conf"),
        bad("20,000 nested braces", "nested more than 100 levels", "deep.conf"),
        bad("an empty file", "holds no settings", "empty.conf"),
        bad("a top-level key of neither namespace", "key peers: unknown top-level key", "top-level.conf"),
        bad("a misspelt key", "did you mean patchstorm.ping.out-degree?", "misspelt.conf"),
        bad("a value of the wrong type", "key patchstorm.ping.peers: expected an integer between 2 and", "wrong-type.conf"),
        bad("an unresolved substitution", "line 5: Could not resolve substitution to a value: ${nowhere}",
            "substitution.conf"),
        bad("an unknown model", "patchstorm.experiment.model: expected one of ping, overlay", "model.conf"),
        bad("a name unfit for a folder", "use only letters, digits", "name.conf"),
        bad("an unknown hosting", "line 5, key patchstorm.experiment.hosting: expected one of"
            + " partitioned, actor-per-entity, got \"actor-per-peer\"", "hosting.conf"),
        bad("a timeline event after the end", "would never happen", "late-event.conf"),
        // Values that validate one by one but cannot work together.
        bad("partitions beyond the entities", "use at most 30", "good.conf", "--set",
            "patchstorm.experiment.partitions=3000"),
        bad("an out-degree beyond the peers", "only 300 peers", "good.conf", "--set",
            "patchstorm.ping.out-degree=500"),
        bad("a value out of range", "patchstorm.ping.peers=1: expected an integer between 2 and", "good.conf",
            "--set", "patchstorm.ping.peers=1"),
        bad("a run too big for the heap", "Not enough memory", "good.conf", "--set",
            "patchstorm.ping.peers=200000000"),
        // --set.
        bad("--set without '='", "expected path=value", "good.conf", "--set", "patchstorm.ping.peers"),
        bad("--set of neither namespace", "\"foo.bar\" is not a key Patchstorm reads", "good.conf",
            "--set", "foo.bar=3"),
        bad("--set of a shorthand", "did you mean patchstorm.overlay.peers or patchstorm.ping.peers?",
            "good.conf", "--set", "peers=1000000"),
        bad("--set of a broken value", "Error in --set patchstorm.ping.peers={", "good.conf", "--set",
            "patchstorm.ping.peers={"),
        bad("--set of a misspelt Pekko key", "did you mean pekko.loglevel?", "good.conf", "--set",
            "pekko.loglevl=INFO"),
        bad("--set of a Pekko number as text", "expected a number", "good.conf", "--set",
            "pekko.actor.default-dispatcher.throughput=abc"),
        bad("--set of a Pekko duration as text", "expected a duration", "good.conf", "--set",
            "pekko.cluster.failure-detector.acceptable-heartbeat-pause=lots"),
        bad("--set of a Pekko switch as text", "expected on/off", "good.conf", "--set",
            "pekko.log-dead-letters-during-shutdown=maybe"),
        // Options.
        bad("--seed that is no number", "--seed takes a whole number", "good.conf", "--seed", "abc"),
        bad("--seed with an address", "use --join 10.0.0.1:2552", "good.conf", "--seed", "10.0.0.1:2552"),
        bad("a negative --join-timeout", "--join-timeout takes a number of seconds from 1", "good.conf",
            "--join-timeout", "-5"),
        bad("a zero --join-timeout", "got 0", "good.conf", "--join-timeout", "0"),
        bad("--cluster 0", "--cluster takes a number of members from 1", "good.conf", "--cluster", "0"),
        bad("--join without --members", "say how many members", "good.conf", "--join", "10.0.0.1:2552"),
        bad("--bind that is no address", "--bind takes HOST:PORT", "good.conf", "--members", "1", "--bind", "nowhere"),
        bad("--tls without keys", "keystore.p12 is missing", "good.conf", "--cluster", "1", "--tls", "nokeys"),
        bad("an unknown option", "Unknown option: '--frobnicate'. See ./run.sh --help", "good.conf", "--frobnicate"),
        bad("a member given --seed", "use --join 10.0.0.1:2552", "member", "--seed", "10.0.0.1:2552"),
        bad("a member with a zero --join-timeout", "--join-timeout takes a number of seconds from 1", "member", "--join-timeout", "0"));
  }

  private static Arguments bad(String what, String message, String... args) {
    return Arguments.of(what, message, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void isRefusedBeforeTheRunStarts(String what, String message, String[] args) throws IOException {
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    List<String> full = new ArrayList<>();
    for (String arg : args) {
      full.add(arg.endsWith(".conf") || arg.equals("nokeys") ? dir.resolve(arg).toString() : arg);
    }
    Path out = dir.resolve("out-" + Math.abs(what.hashCode()));
    if (!args[0].equals("member")) {
      full.addAll(List.of("--out", out.toString()));
    }
    CliRun run = CliRun.of(full.toArray(String[]::new));
    int exit = run.exit();
    String text = run.err();

    assertEquals(2, exit, what + ": " + text);
    assertTrue(text.contains(message), what + ": expected \"" + message + "\" in: " + text);
    assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace: " + text);
    assertTrue(text.strip().lines().count() <= 2, "one paragraph (and a usage line): " + text);
    assertFalse(Files.exists(out), "no results folder for a run that never started");
    assertFalse(Files.exists(Path.of(out + ".incomplete")), "no half folder either");
  }

  @Test
  void aHeapSizeThatIsNoSizeIsRefusedByTheLauncher() throws Exception {
    Path runSh = Path.of("..", "run.sh");
    ProcessBuilder launch = new ProcessBuilder("bash", runSh.toString(), "--help");
    launch.environment().put("PATCHSTORM_HEAP", "lots");
    Process p = launch.redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));

    assertEquals(2, p.exitValue(), text);
    assertTrue(text.contains("PATCHSTORM_HEAP=lots is not a heap size"), text);
  }
}
