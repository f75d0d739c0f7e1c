package org.patchstorm.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP API over a fake run: what it answers, and how it refuses bad requests. */
class DashboardServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RunInfo INFO = new RunInfo("fake", 60, 3600, 3600, List.of(), List.of(), null);

  @TempDir Path dir;
  private Path folder;
  private FakeLiveControl live;
  private DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    folder = Files.createDirectories(dir.resolve("run-1"));
    Files.writeString(folder.resolve("metrics.csv"), "time_s,online\n60,5\n");
    Files.writeString(dir.resolve("secret.txt"), "outside the results folder");
    live = new FakeLiveControl(List.of("online", "connected"), 7200, folder);
    server = DashboardServer.start(live, INFO, "127.0.0.1", 0, ControlAccess.forBind("127.0.0.1", null))
        .awaitServing();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  /** A refusal: the status, one line of plain text, no trace. */
  private static void refused(int status, HttpResponse<String> r, String mentions) {
    assertEquals(status, r.statusCode(), r.body());
    String body = r.body().strip();
    assertFalse(body.isEmpty());
    assertFalse(body.contains("\n"), "one line: " + body);
    assertFalse(body.contains("Exception") || body.contains("\tat "), "no trace: " + body);
    assertTrue(body.contains(mentions), body);
  }

  @Test
  void aTakenAddressIsRefusedAtOnceInOneLine() throws IOException {
    // The server comes up in the background; the address must be taken before start returns.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DashboardServer.BindFailure refused = assertThrows(DashboardServer.BindFailure.class,
          () -> DashboardServer.start(live, INFO, "127.0.0.1", taken.getLocalPort(),
              ControlAccess.forBind("127.0.0.1", null)));
      assertTrue(refused.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          refused.getMessage());
      assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
    }
  }

  @Test
  void theAddressPrintedIsTheOneThatAnswers() throws Exception {
    assertEquals("http://127.0.0.1:" + server.address().getPort() + "/", server.url());
    assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/status")).GET()
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void rowsSinceAnIndexAndStatus() throws Exception {
    live.addRow(60, 10, 8);
    live.addRow(120, 12, Double.NaN);
    live.addRow(180, 14, 9);
    JsonNode all = JSON.readTree(get("/api/rows").body());
    assertEquals(3, all.get("t").size());
    assertEquals(3, all.get("next").asInt());
    JsonNode late = JSON.readTree(get("/api/rows?since=1").body());
    assertEquals(List.of(120.0, 180.0), List.of(late.get("t").get(0).asDouble(), late.get("t").get(1).asDouble()));
    assertTrue(late.get("v").get(0).get(1).isNull(), "NaN is null in JSON");
    JsonNode none = JSON.readTree(get("/api/rows?since=3").body());
    assertEquals(0, none.get("t").size());
    JsonNode status = JSON.readTree(get("/api/status").body());
    assertEquals("RUNNING", status.get("state").asText());
    assertEquals(180.0, status.get("virtualSeconds").asDouble());
    assertEquals(3, status.get("rows").asInt());
    assertEquals("[\"online\",\"connected\"]", get("/api/columns").body());
  }

  @Test
  void badRowIndexIsRefused() throws Exception {
    refused(400, get("/api/rows?since=-3"), "since");
    refused(400, get("/api/rows?since=abc"), "since");
  }

  @Test
  void acceptedInjectionIsListed() throws Exception {
    HttpResponse<String> r = post("/api/inject", "{ type = restart-burst, fraction = 0.1 }");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("restart-burst", JSON.readTree(r.body()).get("label").asText());
    JsonNode list = JSON.readTree(get("/api/injections").body());
    assertEquals(1, list.size());
    assertEquals(1, JSON.readTree(get("/api/status").body()).get("injections").asInt());
  }

  @Test
  void malformedBodyUnknownTypeAndOutOfRangeAreRefusedInOneLine() throws Exception {
    refused(400, post("/api/inject", "{ type = restart-burst, fraction = "), "HOCON");
    refused(400, post("/api/inject", ""), "body");
    refused(400, post("/api/inject", "{ type = reboot-everything }"), "reboot-everything");
    refused(400, post("/api/inject", "{ type = restart-burst, fraction = 1.5 }"), "fraction");
    refused(400, post("/api/pace", "{\"pace\": -5}"), "pace");
    refused(400, post("/api/pace", "{\"pace\": \"fast\"}"), "pace");
    refused(400, post("/api/pace", "not json"), "JSON");
    refused(400, post("/api/pace", "{\"pace\": 1, \"speed\": 2}"), "pace");
    assertEquals(0, live.injected().size(), "nothing refused reached the run");
    assertEquals(0, JSON.readTree(get("/api/status").body()).get("pace").asDouble());
  }

  @Test
  void oversizedBodyIsRefused() throws Exception {
    refused(413, post("/api/inject", "x".repeat(100_000)), "KB");
  }

  @Test
  void controlsAfterTheRunEndedAreConflicts() throws Exception {
    live.end(LiveControl.State.FINISHED);
    refused(409, post("/api/inject", "{ type = restart-burst, fraction = 0.1 }"), "ended");
    refused(409, post("/api/pause", ""), "ended");
    refused(409, post("/api/pace", "{\"pace\": 10}"), "ended");
  }

  @Test
  void paceAndPauseReachTheRun() throws Exception {
    assertEquals(200, post("/api/pace", "{\"pace\": 600}").statusCode());
    assertEquals(600.0, live.status().pace());
    assertEquals("PAUSED", JSON.readTree(post("/api/pause", "").body()).get("state").asText());
    assertEquals("RUNNING", JSON.readTree(post("/api/resume", "").body()).get("state").asText());
    assertEquals("STOPPED", JSON.readTree(post("/api/stop", "").body()).get("state").asText());
  }

  @Test
  void controlFromAnotherSitesPageIsRefused() throws Exception {
    refused(403, post("/api/pause", "", "Origin", "http://evil.example"), "Origin");
    assertEquals(LiveControl.State.RUNNING, live.status().state());
  }

  @Test
  void controlWithoutTheTokenIsRefusedWhenTheBindIsNotLoopback() throws Exception {
    // The rule of a server bound to all interfaces, served here on loopback only.
    ControlAccess wide = ControlAccess.forBind("0.0.0.0", null);
    assertTrue(wide.token().isPresent(), "a non-loopback bind always has a token");
    server.close();
    server = DashboardServer.start(live, INFO, "127.0.0.1", 0, wide).awaitServing();
    assertTrue(server.url().contains("?token=" + wide.token().get()), server.url());
    refused(403, post("/api/pause", ""), "token");
    refused(403, post("/api/inject", "{ type = restart-burst }", "Authorization", "Bearer wrong"), "token");
    assertEquals(LiveControl.State.RUNNING, live.status().state());
    assertEquals(0, live.injected().size());
    assertEquals(200, get("/api/status").statusCode(), "watching needs no token");
    HttpResponse<String> ok = post("/api/pause", "", "Authorization", "Bearer " + wide.token().get());
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(LiveControl.State.PAUSED, live.status().state());
  }

  @Test
  void resultsFilesAreServedReadOnlyWithoutTraversal() throws Exception {
    HttpResponse<String> csv = get("/files/metrics.csv");
    assertEquals(200, csv.statusCode());
    assertEquals("time_s,online\n60,5\n", csv.body());
    for (String path : List.of("/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/..%2fsecret.txt",
        "/files/%2Fetc%2Fpasswd", "/files/nope.csv")) {
      HttpResponse<String> r = get(path);
      assertFalse(r.body().contains("outside the results folder"), path);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
    }
    refused(405, post("/files/metrics.csv", "overwritten"), "method");
    assertEquals("time_s,online\n60,5\n", Files.readString(folder.resolve("metrics.csv")));
    JsonNode list = JSON.readTree(get("/api/files").body());
    assertEquals("run-1", list.get("folder").asText());
    assertEquals("metrics.csv", list.get("files").get(0).asText());
  }

  @Test
  void pageAndChartLibraryComeFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/lib/uPlot.iife.min.js"));
    assertFalse(page.body().contains("https://"), "nothing from a CDN");
    HttpResponse<String> uplot = get("/lib/uPlot.iife.min.js");
    assertEquals(200, uplot.statusCode());
    assertTrue(uplot.body().contains("uPlot"));
    assertEquals(200, get("/static/dashboard.js").statusCode());
  }

  @Test
  void unknownPathIsA404() throws Exception {
    assertEquals(404, get("/api/nothing").statusCode());
  }
}
