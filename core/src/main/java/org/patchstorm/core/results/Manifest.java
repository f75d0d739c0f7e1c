package org.patchstorm.core.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What a results folder holds and how it came about: enough to reproduce the run ({@code
 * hosting} says where the entities ran: "partitioned" or "actor-per-entity"). The wall-clock
 * times are for humans only and never enter the metrics.
 */
@JsonPropertyOrder({
  "experimentName", "experimentFile", "seed", "codeVersion", "javaVersion", "javaVendor",
  "jvmArgs", "members", "partitions", "hosting", "status", "failureReason", "startedAt", "finishedAt",
  "virtualTimeReachedSeconds", "injected"
})
public record Manifest(
    String experimentName,
    String experimentFile,
    long seed,
    String codeVersion,
    String javaVersion,
    String javaVendor,
    List<String> jvmArgs,
    List<String> members,
    int partitions,
    String hosting,
    Status status,
    String failureReason,
    String startedAt,
    String finishedAt,
    double virtualTimeReachedSeconds,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Injection> injected) {

  /**
   * An event injected while the run went: its virtual time (seconds), its label, and its entry
   * as appended to the timeline of the folder's experiment.conf.
   */
  public record Injection(double at, String label, String entry) {}

  /** Written in lower case in the JSON: {@code running}, {@code complete}, {@code failed}. */
  public enum Status {
    RUNNING, COMPLETE, FAILED;

    @JsonValue
    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** At most this many JVM arguments are kept; the manifest is a summary, not a dump. */
  static final int MAX_JVM_ARGS = 12;

  @JsonCreator
  public Manifest {
    jvmArgs = List.copyOf(jvmArgs);
    members = List.copyOf(members);
    injected = injected == null ? List.of() : List.copyOf(injected);
  }

  /**
   * The manifest of a run that starts now: this JVM's version, vendor and memory/GC flags, and
   * the code version.
   */
  public static Manifest starting(
      String experimentName,
      String experimentFile,
      long seed,
      List<String> members,
      int partitions,
      String hosting,
      Clock wallClock) {
    return new Manifest(
        experimentName,
        experimentFile,
        seed,
        CodeVersion.current(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        relevantJvmArgs(ManagementFactory.getRuntimeMXBean().getInputArguments()),
        members,
        partitions,
        hosting,
        Status.RUNNING,
        null,
        timestamp(wallClock),
        null,
        0.0,
        List.of());
  }

  /** Keeps the flags that affect speed (-Xmx, -Xms, -XX:...); -D may hold paths or secrets. */
  static List<String> relevantJvmArgs(List<String> args) {
    return args.stream()
        .filter(a -> a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-XX:"))
        .limit(MAX_JVM_ARGS)
        .toList();
  }

  /** The same run, finished now (by the wall clock) having reached the given virtual time. */
  public Manifest finished(Clock wallClock, double virtualTimeReachedSeconds) {
    return new Manifest(
        experimentName, experimentFile, seed, codeVersion, javaVersion, javaVendor, jvmArgs,
        members, partitions, hosting, status, failureReason, startedAt, timestamp(wallClock),
        virtualTimeReachedSeconds, injected);
  }

  public Manifest withStatus(Status newStatus, String newFailureReason) {
    return new Manifest(
        experimentName, experimentFile, seed, codeVersion, javaVersion, javaVendor, jvmArgs,
        members, partitions, hosting, newStatus, newFailureReason, startedAt, finishedAt,
        virtualTimeReachedSeconds, injected);
  }

  /** The same run with {@code events} injected so far. */
  public Manifest withInjected(List<Injection> events) {
    return new Manifest(
        experimentName, experimentFile, seed, codeVersion, javaVersion, javaVendor, jvmArgs,
        members, partitions, hosting, status, failureReason, startedAt, finishedAt,
        virtualTimeReachedSeconds, events);
  }

  /** ISO-8601 in UTC, to the second, e.g. {@code 2007-08-16T09:00:00Z}. */
  static String timestamp(Clock wallClock) {
    return Instant.now(wallClock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
