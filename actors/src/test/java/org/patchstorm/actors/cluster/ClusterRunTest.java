package org.patchstorm.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchstorm.core.config.ExperimentFiles;
import org.patchstorm.core.engine.SequentialRunner;
import org.patchstorm.core.experiment.Experiment;
import org.patchstorm.core.experiment.Experiments;
import org.patchstorm.core.metrics.MetricsTable;
import org.patchstorm.core.results.CsvWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs experiments across member JVMs on loopback (started by {@code --cluster N} as child
 * processes of this test JVM) and checks what the user is promised: the same metrics.csv as in
 * one JVM, a clear failure when a member dies or cannot join, and TLS between members.
 */
class ClusterRunTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  /** 2,000 peers, a few seconds: small enough for seconds per run, with traffic between all partitions. */
  private Path experiment(String duration) throws IOException {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, """
        patchstorm {
          experiment { name = small, model = ping, seed = 11, duration = %s,
                       report-interval = 1s, partitions = 3 }
          ping { peers = 2000, out-degree = 8, period = 1s, latency-min = 10ms, latency-max = 60ms }
        }
        """.formatted(duration));
    return file;
  }

  private record Result(int code, String out, String err) {}

  private static Result main(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // Main.execute is package-private in the cli package; the test reaches it as the CLI would.
    Method execute =
        Class.forName("org.patchstorm.actors.cli.Main")
            .getDeclaredMethod("execute", PrintStream.class, PrintStream.class, String[].class);
    execute.setAccessible(true);
    int code =
        (Integer) execute.invoke(null, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A member JVM started by hand (not by --cluster), with {@code jvmFlags}; stdout discarded. */
  private static ProcessBuilder member(List<String> jvmFlags, String... memberArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "org.patchstorm.actors.cli.Main", "member"));
    command.addAll(List.of(memberArgs));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
  }

  private static List<ProcessHandle> memberChildren() {
    // The only JVMs this test JVM starts are members (keytool is not a java command).
    return ProcessHandle.current().children()
        .filter(p -> p.info().command().orElse("").endsWith("java"))
        .toList();
  }

  @AfterEach
  void noMemberJvmIsLeft() {
    for (Process p : started) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : memberChildren()) {
      p.destroyForcibly();
    }
  }

  @Test
  @Timeout(180)
  void metricsAreByteIdenticalInOneJvmAndOnTwoAndThreeMembers() throws Exception {
    Path conf = experiment("4s");
    Result one = main(conf.toString(), "--quiet", "--out", dir.resolve("one").toString());
    // On members, partitions = auto gives each member at least one (in one JVM: 1 here).
    String auto = "patchstorm.experiment.partitions=auto";
    Result two = main(conf.toString(), "--quiet", "--cluster", "2", "--set", auto, "--out",
        dir.resolve("two").toString());
    Result three = main(conf.toString(), "--quiet", "--cluster", "3", "--set", auto, "--out",
        dir.resolve("three").toString());

    assertEquals(0, one.code(), one.err());
    assertEquals(0, two.code(), two.err());
    assertEquals(0, three.code(), three.err());
    Path csv = Path.of("metrics.csv");
    assertEquals(-1, Files.mismatch(dir.resolve("one").resolve(csv), dir.resolve("two").resolve(csv)));
    assertEquals(-1, Files.mismatch(dir.resolve("one").resolve(csv), dir.resolve("three").resolve(csv)));
    // 4 rows of 1 s plus the header.
    List<String> rows = Files.readAllLines(dir.resolve("one").resolve(csv));
    assertEquals(5, rows.size());
    // The manifest names the members; with 3 partitions on 3 members each hosts one.
    String manifest = Files.readString(dir.resolve("three").resolve("manifest.json"));
    assertTrue(manifest.contains("\"partitions\" : 3"), manifest);
    assertTrue(Files.readString(dir.resolve("two").resolve("manifest.json"))
        .contains("\"partitions\" : 2"));
    assertEquals(3, Pattern.compile("\"pekko://patchstorm@127\\.0\\.0\\.1:\\d+\"")
        .matcher(manifest).results().count(), manifest);
    assertTrue(Files.readString(dir.resolve("one").resolve("manifest.json")).contains("\"local\""));
    // The cluster bench line adds the cross-member rate and how often the members met (ping has
    // one zone: every round is a meeting).
    assertTrue(three.out().contains("members=3 cross_member_msgs_per_s="), three.out());
    assertEquals(benchFigure(three.out(), "rounds"), benchFigure(three.out(), "member_meetings"),
        three.out());
    // The runner hosts no peers: its heap is no measure of them.
    assertTrue(three.out().contains("bytes_per_peer=NaN"), three.out());
    assertTrue(memberChildren().stream().noneMatch(ProcessHandle::isAlive));
  }

  /**
   * A shipped outage at small scale, as a file in {@code dir}: the shipped text, then {@code peers}
   * and {@code duration}, the timeline without its events from the end on (a run refuses events it
   * would never reach), no reality curve (it stays beside the shipped file), 3 partitions and
   * the hosting; {@code bots} bots in its botnet if it has one (the shipped count is for 100 k
   * peers).
   */
  private Path shippedOutage(String file, int peers, String duration, String hosting, int bots)
      throws IOException {
    Path shipped = Path.of("..", "config", file);
    Config config = ExperimentFiles.load(shipped, List.of(), ConfigFactory.defaultReference());
    long end = ConfigFactory.parseString("d = " + duration).getDuration("d").toNanos();
    List<ConfigValue> kept = new ArrayList<>();
    for (ConfigValue event : config.getList("patchstorm.overlay.timeline")) {
      if (((ConfigObject) event).toConfig().getDuration("at").toNanos() < end) {
        kept.add(event);
      }
    }
    String botnets = "";
    if (!config.getList("patchstorm.overlay.botnets").isEmpty()) {
      ConfigObject botnet = (ConfigObject) config.getList("patchstorm.overlay.botnets").get(0);
      botnets = "patchstorm.overlay.botnets = [" + botnet.withValue("bots",
          ConfigValueFactory.fromAnyRef(bots)).render(ConfigRenderOptions.concise()) + "]";
    }
    Path conf = dir.resolve(file);
    Files.writeString(conf, Files.readString(shipped) + """

        patchstorm.overlay.peers = %d
        patchstorm.experiment { duration = %s, partitions = 3, hosting = %s, reality.curve = "" }
        patchstorm.overlay.timeline = %s
        %s
        """.formatted(peers, duration, hosting,
            ConfigValueFactory.fromIterable(kept).render(ConfigRenderOptions.concise()), botnets));
    return conf;
  }

  @ParameterizedTest(name = "{0} on 2 members, {1}")
  @CsvSource({
      "skype-2007.conf, partitioned", "skype-2007.conf, actor-per-entity",
      "skype-2010.conf, partitioned", "skype-2010.conf, actor-per-entity",
      "ddos-2017.conf, partitioned", "ddos-2017.conf, actor-per-entity"})
  @Timeout(240)
  void theOutagesOnTwoMembersGiveTheSequentialMetricsInEitherHosting(String file, String hosting)
      throws Exception {
    // 2007: the reboot wave at 3 h; 2010: the crash at 1 h; 2017: 15 bots flood from 1 h.
    Path conf = switch (file) {
      case "skype-2007.conf" -> shippedOutage(file, 2000, "4h", hosting, 0);
      case "skype-2010.conf" -> shippedOutage(file, 1500, "90m", hosting, 0);
      default -> shippedOutage(file, 1500, "90m", hosting, 15);
    };
    Config outage = ExperimentFiles.load(conf, List.of(), ConfigFactory.defaultReference());
    Experiment experiment = Experiments.read(outage, OptionalLong.empty());
    MetricsTable reference = new SequentialRunner(experiment.model(), experiment.seed())
        .run(experiment.durationMicros(), experiment.reportIntervalMicros());

    Result run = main(conf.toString(), "--quiet", "--cluster", "2", "--out", dir.resolve("run").toString());

    assertEquals(0, run.code(), run.err());
    List<String> lines = Files.readAllLines(dir.resolve("run/metrics.csv"));
    assertEquals(reference.rowCount() + 1, lines.size());
    assertEquals("time_s," + String.join(",", reference.columns()), lines.get(0));
    for (int r = 0; r < reference.rowCount(); r++) {
      StringBuilder expected = new StringBuilder(CsvWriter.formatNumber(reference.time(r)));
      for (double value : reference.row(r)) {
        expected.append(',').append(CsvWriter.formatNumber(value));
      }
      assertEquals(expected.toString(), lines.get(r + 1), "row " + (r + 1));
    }
    assertTrue(Files.readString(dir.resolve("run/manifest.json")).contains("\"hosting\" : \"" + hosting + "\""));
    assertTrue(reference.sum("login_attempts") > 100, "the outage moves peers");
    // Each region lives on one member: the members meet once per window, not every round.
    assertTrue(benchFigure(run.out(), "member_meetings") < benchFigure(run.out(), "rounds"),
        run.out());
  }

  /** A whole-number figure of the BENCH line in {@code out}. */
  private static long benchFigure(String out, String name) {
    Matcher m = Pattern.compile(" " + name + "=(\\d+)( |$)", Pattern.MULTILINE)
        .matcher(out);
    assertTrue(m.find(), name + " missing: " + out);
    return Long.parseLong(m.group(1));
  }

  @Test
  @Timeout(180)
  void aLiveRunOnTwoMembersIsPausedPacedAndResumedWithoutChangingItsMetrics() throws Exception {
    Path conf = experiment("6s");
    Path control = dir.resolve("ctl");
    // Paused from the start: the members get grants (and nothing else) from the runner.
    Files.writeString(control, "pause\npace 4\nresume\n");
    Result live = main(conf.toString(), "--quiet", "--cluster", "2", "--control-file",
        control.toString(), "--join-timeout", "240", "--out", dir.resolve("live").toString());
    Result one = main(conf.toString(), "--quiet", "--out", dir.resolve("one").toString());
    assertEquals(0, live.code(), live.err());
    assertEquals(0, one.code(), one.err());
    assertTrue(live.err().contains("Live: resumed"), live.err());
    Path csv = Path.of("metrics.csv");
    assertEquals(-1, Files.mismatch(dir.resolve("one").resolve(csv), dir.resolve("live").resolve(csv)));
  }

  @Test
  @Timeout(240)
  void aBurstInjectedIntoARunOnTwoMembersReplaysInOneJvm() throws Exception {
    Path conf = dir.resolve("overlay.conf");
    Files.writeString(conf, """
        patchstorm {
          experiment { name = overlay, model = overlay, seed = 5, duration = 1h,
                       report-interval = 1m, partitions = 3 }
          overlay.peers = 2000
        }
        """);
    Path control = dir.resolve("ctl");
    Files.writeString(control, "pause\ninject { at = 20m, type = restart-burst, window = 5m,"
        + " fraction = 0.4, selector = all, downtime { type = uniform, min = 1m, max = 3m },"
        + " exit = crash, include-supernodes = true }\nresume\n");
    Result live = main(conf.toString(), "--quiet", "--cluster", "2", "--control-file",
        control.toString(), "--join-timeout", "240", "--out", dir.resolve("live").toString());
    assertEquals(0, live.code(), live.err());
    assertTrue(live.err().contains("Live: injected restart burst (40%) at 1200s"), live.err());
    Result replay = main(dir.resolve("live").resolve("experiment.conf").toString(), "--quiet",
        "--out", dir.resolve("replay").toString());
    assertEquals(0, replay.code(), replay.err());
    Path csv = Path.of("metrics.csv");
    assertEquals(-1, Files.mismatch(dir.resolve("live").resolve(csv),
        dir.resolve("replay").resolve(csv)));
  }

  @Test
  @Timeout(150)
  void aMemberThatDiesEndsTheRunNamingItWithinThirtySeconds() throws Exception {
    Path conf = experiment("2h"); // far longer than the test: the kill comes mid-run
    Path out = dir.resolve("killed");
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> {
      try {
        return main(conf.toString(), "--quiet", "--cluster", "2", "--out", out.toString());
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Path csv = Path.of(out + ".incomplete").resolve("metrics.csv");
    while (!(Files.exists(csv) && Files.readAllLines(csv).size() >= 2)) {
      assertFalse(run.isDone(), () -> "the run ended before the kill: " + run.join());
      Thread.sleep(200);
    }
    List<ProcessHandle> members = memberChildren();
    assertEquals(2, members.size());
    members.get(0).destroyForcibly();

    Result result = run.get(30, TimeUnit.SECONDS);

    assertEquals(1, result.code(), result.err());
    assertTrue(Pattern.compile("the run stopped at virtual time \\S+.*member pekko://patchstorm@127\\.0\\.0\\.1:\\d+ became unreachable")
        .matcher(result.err()).find(), result.err());
    assertTrue(Files.readString(Path.of(out + ".incomplete").resolve("manifest.json"))
        .contains("\"status\" : \"failed\""));
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    for (ProcessHandle member : members) {
      member.onExit().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(60)
  void aMemberThatCannotReachItsSeedSaysSoAndExits() throws Exception {
    int nobody;
    try (ServerSocket probe = new ServerSocket(0)) {
      nobody = probe.getLocalPort();
    }
    Process member = member(List.of(), "--join", "127.0.0.1:" + nobody, "--bind", "127.0.0.1:0",
        "--join-timeout", "5")
        .start();
    started.add(member);
    String err = new String(member.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(member.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, member.exitValue(), err);
    assertTrue(err.contains("Could not join the cluster through 127.0.0.1:" + nobody + " within 5 s"), err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
  }

  @Test
  @Timeout(120)
  void aMemberTooSmallForItsShareSaysSoBeforeTheRunStarts() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    // An old generation of 192 MiB, of which the guard lets a run fill 90%; the share below is
    // estimated at 232 MiB (600 k ping peers).
    Process member = member(List.of("-Xmx256m", "-Xmn64m", "-XX:+UseParallelGC"),
        "--bind", "127.0.0.1:" + port)
        .redirectError(dir.resolve("member.txt").toFile())
        .start();
    started.add(member);
    Path conf = dir.resolve("big.conf");
    Files.writeString(conf, """
        patchstorm {
          experiment { name = big, model = ping, seed = 3, duration = 10s, report-interval = 1s,
                       partitions = 2 }
          ping { peers = 600000 }
        }
        """);
    Path out = dir.resolve("big");

    Result result = main(conf.toString(), "--quiet", "--members", "1", "--join",
        "127.0.0.1:" + port, "--bind", "127.0.0.1:0", "--out", out.toString());

    assertEquals(1, result.code(), result.err());
    assertTrue(result.err().contains("not enough memory on member pekko://patchstorm@127.0.0.1:"
        + port + " for its partitions [0, 1]: the run needs about 232 MB of heap (600,000"
        + " entities of the ping model"), result.err());
    assertFalse(result.err().contains(".."), "one sentence end: " + result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    assertTrue(Files.readString(Path.of(out + ".incomplete").resolve("manifest.json"))
        .contains("\"status\" : \"failed\""));
    assertTrue(member.waitFor(30, TimeUnit.SECONDS), "the member stops after a failed run");
  }

  @Test
  @Timeout(60)
  void aTakenPortIsAClearError() throws Exception {
    Path conf = experiment("1s");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Result result = main(conf.toString(), "--members", "1", "--bind",
          "127.0.0.1:" + taken.getLocalPort(), "--out", dir.resolve("never").toString());

      assertEquals(2, result.code());
      assertTrue(result.err().startsWith("Error: Cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": the port is taken"), result.err());
      assertFalse(result.err().contains("\tat "), result.err());
      assertFalse(Files.exists(dir.resolve("never")), "no results folder for a run that never ran");
    }
  }

  @Test
  @Timeout(120)
  void membersTalkingTlsWithMutualAuthenticationGiveTheSameMetrics() throws Exception {
    Path keys = keys("test-only-secret");
    Path conf = experiment("3s");

    Result one = main(conf.toString(), "--quiet", "--out", dir.resolve("one").toString());
    Result tls = main(conf.toString(), "--quiet", "--cluster", "2", "--tls", keys.toString(),
        "--out", dir.resolve("tls").toString());

    assertEquals(0, one.code(), one.err());
    assertEquals(0, tls.code(), tls.err());
    assertEquals(-1, Files.mismatch(dir.resolve("one/metrics.csv"), dir.resolve("tls/metrics.csv")));
  }

  @Test
  @Timeout(30)
  void tlsWithoutKeysIsAClearError() throws Exception {
    Result result = main(experiment("1s").toString(), "--cluster", "2", "--tls",
        dir.resolve("missing").toString(), "--out", dir.resolve("never").toString());

    assertEquals(2, result.code());
    assertTrue(result.err().contains("keystore.p12 is missing"), result.err());
  }

  @Test
  @Timeout(60)
  void aWrongTlsPasswordIsOneParagraphBeforeAnyMemberStarts() throws Exception {
    Path keys = keys("the-right-one");
    Files.writeString(keys.resolve("password"), "a-wrong-one\n");
    Files.setPosixFilePermissions(keys.resolve("password"), PosixFilePermissions.fromString("rw-r--r--"));

    Result result = main(experiment("1s").toString(), "--cluster", "2", "--tls", keys.toString(),
        "--out", dir.resolve("never").toString());

    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("does not open keystore.p12"), result.err());
    assertTrue(result.err().contains("can be read by other users"), "warns: " + result.err());
    assertFalse(result.err().contains("\tat "), result.err());
    assertFalse(Files.exists(Path.of(dir.resolve("never") + ".incomplete")));
    assertTrue(memberChildren().isEmpty(), "no member was started");
  }

  @Test
  @Timeout(60)
  void aRunnerThatCannotJoinGivesUpAfterItsJoinTimeout() throws Exception {
    int nobody;
    try (ServerSocket probe = new ServerSocket(0)) {
      nobody = probe.getLocalPort();
    }
    Result result = main(experiment("1s").toString(), "--members", "1", "--join",
        "127.0.0.1:" + nobody, "--join-timeout", "3", "--out", dir.resolve("never").toString());

    assertEquals(2, result.code(), result.err());
    assertTrue(result.err().contains("Could not join the cluster through 127.0.0.1:" + nobody
        + " within 3 s"), result.err());
    assertFalse(Files.exists(dir.resolve("never")));
  }

  /** A key store and trust store for one shared key pair, made with {@code password}. */
  private Path keys(String password) throws Exception {
    Path keys = Files.createDirectory(dir.resolve("keys"));
    keytool(keys, "-genkeypair", "-alias", "patchstorm", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=patchstorm", "-keystore", "keystore.p12",
        "-storetype", "PKCS12", "-storepass", password);
    keytool(keys, "-exportcert", "-alias", "patchstorm", "-keystore", "keystore.p12",
        "-storepass", password, "-file", "patchstorm.crt");
    keytool(keys, "-importcert", "-noprompt", "-alias", "patchstorm", "-file", "patchstorm.crt",
        "-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", password);
    Files.writeString(keys.resolve("password"), password + "\n");
    Files.setPosixFilePermissions(keys.resolve("password"), PosixFilePermissions.fromString("rw-------"));
    return keys;
  }

  private static void keytool(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
  }
}
