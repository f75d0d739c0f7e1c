package org.patchstorm.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {

  private static final Clock START = Clock.fixed(Instant.parse("2007-08-16T09:05:03.250Z"), ZoneOffset.UTC);
  private static final Clock END = Clock.fixed(Instant.parse("2007-08-16T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void startingRunIsRunningWithSecondPrecisionStart() {
    Manifest m = Manifest.starting("storm", "config/storm.conf", 42, List.of("local"), 4, "actor-per-entity", START);
    assertEquals(Manifest.Status.RUNNING, m.status());
    assertEquals("2007-08-16T09:05:03Z", m.startedAt());
    assertNull(m.finishedAt());
    assertEquals(System.getProperty("java.version"), m.javaVersion());
    Manifest done = m.finished(END, 3600.0);
    assertEquals("2007-08-16T10:00:00Z", done.finishedAt());
    assertEquals(3600.0, done.virtualTimeReachedSeconds());
    assertEquals("actor-per-entity", done.withStatus(Manifest.Status.COMPLETE, null).hosting());
  }

  @Test
  void keepsOnlyMemoryAndVmFlags() {
    assertEquals(
        List.of("-Xmx2g", "-XX:+UseParallelGC"),
        Manifest.relevantJvmArgs(
            List.of("-Xmx2g", "-Dsecret.path=somewhere", "-XX:+UseParallelGC", "-ea")));
  }

  @Test
  void jsonRoundTripsAndWritesStatusInLowerCase() throws Exception {
    Manifest m =
        new Manifest("storm", "storm.conf", 7, "0.1.0", "17", "vendor", List.of(), List.of("a", "b"),
            2, "partitioned", Manifest.Status.FAILED, "boom", "2007-08-16T09:05:03Z", null, 12.5,
            List.of());
    JsonMapper mapper = new JsonMapper();
    String json = mapper.writeValueAsString(m);
    assertEquals("failed", mapper.readTree(json).get("status").asText());
    assertEquals(m, mapper.readValue(json, Manifest.class));
  }

  @Test
  void injectedEventsAreListedAndReadBack() throws Exception {
    Manifest m = Manifest.starting("storm", "storm.conf", 7, List.of("local"), 1, "partitioned", START)
        .withInjected(List.of(new Manifest.Injection(5400, "kick 3 x2",
            "{ at = 5400s, target = 3, amount = 2 }")));
    JsonMapper mapper = new JsonMapper();
    String json = mapper.writeValueAsString(m.withStatus(Manifest.Status.COMPLETE, null));
    var injected = mapper.readTree(json).get("injected");
    assertEquals(1, injected.size());
    assertEquals(5400.0, injected.get(0).get("at").asDouble());
    assertEquals("kick 3 x2", injected.get(0).get("label").asText());
    assertEquals("{ at = 5400s, target = 3, amount = 2 }", injected.get(0).get("entry").asText());
    assertEquals(m.injected(), mapper.readValue(json, Manifest.class).injected());
  }

  @Test
  void aRunWithoutInjectionsWritesNoInjectedList() throws Exception {
    String json = new JsonMapper().writeValueAsString(
        Manifest.starting("storm", "storm.conf", 7, List.of("local"), 1, "partitioned", START));
    assertNull(new JsonMapper().readTree(json).get("injected"));
  }
}
