package org.patchstorm.actors.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.patchstorm.core.engine.InjectionRefused;

/**
 * The dashboard's routes: the page and its scripts (from the jar), uPlot (from its webjar), the
 * JSON API over a {@link LiveControl}, and the results folder read-only. Every refusal is a 4xx
 * with a one-line plain-text reason; an unexpected error is a 500 with one line, never a trace.
 */
final class DashboardRoutes extends AllDirectives {
  /** Control bodies (an injected event, a pace) are small. */
  static final long MAX_BODY_BYTES = 64 * 1024;
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";

  private final LiveControl live;
  private final RunInfo info;
  private final ControlAccess access;
  private final ResultsFiles files;
  private final Executor controls;

  DashboardRoutes(LiveControl live, RunInfo info, ControlAccess access, Executor controls) {
    this.live = live;
    this.info = info;
    this.access = access;
    this.files = new ResultsFiles(live::resultsFolder);
    this.controls = controls;
  }

  Route route() {
    return handleExceptions(exceptions(), () -> handleRejections(
        rejections(), () -> concat(page(), api(), results())));
  }

  private Route page() {
    return get(() -> concat(
        pathSingleSlash(() -> getFromResource("dashboard/index.html", ContentTypes.TEXT_HTML_UTF8)),
        pathPrefix("static", () -> getFromResourceDirectory("dashboard")),
        path(PathMatchers.segment("lib").slash("uPlot.iife.min.js"),
            () -> getFromResource(UPLOT + "uPlot.iife.min.js")),
        path(PathMatchers.segment("lib").slash("uPlot.min.css"),
            () -> getFromResource(UPLOT + "uPlot.min.css"))));
  }

  private Route api() {
    return pathPrefix("api", () -> concat(
        get(() -> concat(
            path("status", () -> json(this::status)),
            path("run", () -> json(() -> LiveJson.run(info, live.columns(),
                live.status().endSeconds(), access.token().isPresent()))),
            path("columns", () -> json(() -> LiveJson.strings(live.columns()))),
            path("injections", () -> json(() -> LiveJson.injections(live.injected()))),
            path("rows", () -> parameterOptional("since", since -> json(() -> rows(since)))),
            path("files", () -> json(this::fileList)),
            path("summary", this::summary))),
        post(() -> concat(
            path("inject", () -> control(() -> body(body -> act(() -> inject(body))))),
            path("pace", () -> control(() -> body(body -> act(() -> {
              double pace = LiveJson.pace(body);
              refuseIfEnded("pace");
              live.pace(pace);
              return status();
            })))),
            path("pause", () -> control(() -> act(() -> {
              refuseIfEnded("pause");
              live.pause();
              return status();
            }))),
            path("resume", () -> control(() -> act(() -> {
              refuseIfEnded("resume");
              live.resume();
              return status();
            }))),
            path("stop", () -> control(() -> act(() -> {
              refuseIfEnded("stop");
              live.stop();
              return status();
            })))))));
  }

  private Route results() {
    return get(() -> pathPrefix("files", () -> path(PathMatchers.remaining(), encoded -> {
      String name;
      try {
        name = URI.create("/" + encoded).getPath().substring(1);
      } catch (IllegalArgumentException e) {
        return reason(StatusCodes.BAD_REQUEST, "not a file name: " + encoded);
      }
      Optional<Path> file;
      try {
        file = files.resolve(name);
      } catch (IOException e) {
        file = Optional.empty();
      }
      if (file.isEmpty()) {
        return reason(StatusCodes.NOT_FOUND, "no file " + name + " in the results folder");
      }
      return getFromFile(file.get().toFile(), contentType(name));
    })));
  }

  private ObjectNode status() {
    return LiveJson.status(live.status(), live.injected().size(), files.folder().getFileName().toString());
  }

  private ObjectNode rows(Optional<String> since) {
    int from = 0;
    if (since.isPresent()) {
      try {
        from = Integer.parseInt(since.get().trim());
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0) {
        throw new LiveJson.BadRequest("'since' is a row index, a whole number from 0, got \""
            + since.get() + "\"");
      }
    }
    return LiveJson.rows(from, live.rowsSince(from), info);
  }

  private ObjectNode fileList() {
    ObjectNode o = LiveJson.MAPPER.createObjectNode();
    o.put("folder", files.folder().getFileName().toString());
    try {
      o.set("files", LiveJson.strings(files.list()));
    } catch (IOException e) {
      o.set("files", LiveJson.strings(java.util.List.of()));
    }
    return o;
  }

  private Route summary() {
    try {
      Optional<Path> file = files.resolve("summary.json");
      if (file.isPresent()) {
        return complete(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON,
            Files.readAllBytes(file.get())).addHeader(noStore()));
      }
    } catch (IOException e) {
      // Being written or renamed this instant: the page asks again.
    }
    return reason(StatusCodes.NOT_FOUND, "no summary yet: summary.json is written when the run completes");
  }

  private JsonNode inject(String body) {
    if (body.isBlank()) {
      throw new LiveJson.BadRequest("the request needs a body: one timeline event in HOCON or JSON,"
          + " e.g. {\"type\": \"throttle-logins\", \"per-second\": 50}");
    }
    refuseIfEnded("inject an event into");
    try {
      return LiveJson.injected(live.inject(body));
    } catch (InjectionRefused refused) {
      refuseIfEnded("inject an event into");
      throw new LiveJson.BadRequest(LiveJson.firstLine(refused.getMessage()));
    }
  }

  private void refuseIfEnded(String action) {
    LiveControl.State state = live.status().state();
    if (LiveJson.ended(state)) {
      throw new RunEnded("cannot " + action + " the run: it has ended ("
          + state.name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /** A control request: allowed by {@link ControlAccess}, else 403 with the reason. */
  private Route control(Supplier<Route> inner) {
    return optionalHeaderValueByName("Authorization", authorization ->
        optionalHeaderValueByName("Origin", origin ->
            optionalHeaderValueByName("Host", host -> {
              String refusal = access.refusal(
                  authorization.orElse(null), origin.orElse(null), host.orElse(null));
              return refusal == null ? inner.get() : reason(StatusCodes.FORBIDDEN, refusal);
            })));
  }

  private Route body(java.util.function.Function<String, Route> inner) {
    return withSizeLimit(MAX_BODY_BYTES, () -> entity(Unmarshaller.entityToString(), inner));
  }

  /** Runs a control off the HTTP threads (an injection waits for the run to take it). */
  private Route act(Supplier<JsonNode> action) {
    CompletableFuture<HttpResponse> response = CompletableFuture.supplyAsync(
        () -> {
          try {
            return jsonResponse(StatusCodes.OK, action.get());
          } catch (LiveJson.BadRequest e) {
            return reasonResponse(StatusCodes.BAD_REQUEST, e.getMessage());
          } catch (RunEnded e) {
            return reasonResponse(StatusCodes.CONFLICT, e.getMessage());
          } catch (IllegalArgumentException e) {
            return reasonResponse(StatusCodes.BAD_REQUEST, LiveJson.firstLine(e.getMessage()));
          } catch (IllegalStateException e) {
            return reasonResponse(StatusCodes.CONFLICT, LiveJson.firstLine(e.getMessage()));
          }
        },
        controls);
    return completeWithFuture(response);
  }

  private Route json(Supplier<JsonNode> value) {
    try {
      return complete(jsonResponse(StatusCodes.OK, value.get()));
    } catch (LiveJson.BadRequest e) {
      return reason(StatusCodes.BAD_REQUEST, e.getMessage());
    }
  }

  private static HttpResponse jsonResponse(StatusCode status, JsonNode value) {
    try {
      return HttpResponse.create()
          .withStatus(status)
          .withEntity(ContentTypes.APPLICATION_JSON, LiveJson.MAPPER.writeValueAsBytes(value))
          .addHeader(noStore());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return reasonResponse(StatusCodes.INTERNAL_SERVER_ERROR, "cannot write the answer: " + e.getOriginalMessage());
    }
  }

  private Route reason(StatusCode status, String reason) {
    return complete(reasonResponse(status, reason));
  }

  private static HttpResponse reasonResponse(StatusCode status, String reason) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(ContentTypes.TEXT_PLAIN_UTF8, oneLine(reason) + "\n")
        .addHeader(noStore());
  }

  private static String oneLine(String reason) {
    return reason == null ? "" : reason.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static CacheControl noStore() {
    return CacheControl.create(CacheDirectives.NO_STORE);
  }

  /** Pekko's own refusals (wrong method, bad request content), each in one line. */
  private RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, r -> r.getCause() instanceof EntityStreamSizeException
            ? complete(reasonResponse(StatusCodes.PAYLOAD_TOO_LARGE,
                "the body is larger than " + MAX_BODY_BYTES / 1024 + " KB"))
            : complete(reasonResponse(StatusCodes.BAD_REQUEST,
                "the body could not be read: " + LiveJson.firstLine(r.message()))))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(response -> response.entity() instanceof HttpEntity.Strict strict
            ? response.withEntity(ContentTypes.TEXT_PLAIN_UTF8,
                oneLine(strict.getData().utf8String()) + "\n")
            : response);
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(EntityStreamSizeException.class, e -> complete(reasonResponse(
            StatusCodes.PAYLOAD_TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES / 1024 + " KB")))
        .match(LiveJson.BadRequest.class, e -> complete(reasonResponse(StatusCodes.BAD_REQUEST, e.getMessage())))
        .match(RunEnded.class, e -> complete(reasonResponse(StatusCodes.CONFLICT, e.getMessage())))
        .matchAny(e -> complete(reasonResponse(StatusCodes.INTERNAL_SERVER_ERROR,
            "internal error: " + e.getClass().getSimpleName() + ": " + LiveJson.firstLine(e.getMessage()))))
        .build();
  }

  /** Results files as text in the browser where they are text. */
  private static ContentType contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".html")) {
      return ContentTypes.TEXT_HTML_UTF8;
    }
    if (lower.endsWith(".png")) {
      return MediaTypes.IMAGE_PNG.toContentType();
    }
    if (lower.endsWith(".json")) {
      return ContentTypes.APPLICATION_JSON;
    }
    return ContentTypes.TEXT_PLAIN_UTF8;
  }

  private static String uplotVersion() {
    try (InputStream in = DashboardRoutes.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the uPlot webjar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A control request for a run that is over: 409 with this reason. */
  static final class RunEnded extends RuntimeException {
    RunEnded(String reason) {
      super(reason, null, false, false);
    }
  }
}
