package org.patchstorm.actors.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --live} run of the command line in this JVM, in the background, as a user would start
 * it: the dashboard's address is read from what it prints. Waits are bounded only to end a
 * broken test, never to judge speed.
 */
final class LiveCliRun implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("Dashboard: (http://\\S+)\\s");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final StringBuilder out = new StringBuilder();
  private final CompletableFuture<String> url = new CompletableFuture<>();
  final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final HttpClient http = HttpClient.newHttpClient();

  LiveCliRun(String... args) {
    PrintStream stdout = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (out) {
          out.append((char) b);
          Matcher m = URL.matcher(out);
          if (!url.isDone() && m.find()) {
            url.complete(m.group(1));
          }
        }
      }
    }, true, StandardCharsets.UTF_8);
    Thread t = new Thread(() -> {
      try {
        exit.complete(Main.execute(stdout, new PrintStream(err, true, StandardCharsets.UTF_8), args));
      } catch (Throwable e) {
        exit.completeExceptionally(e);
      } finally {
        url.complete(null);
      }
    }, "live-cli-run");
    t.setDaemon(true);
    t.start();
  }

  /** The dashboard's address, e.g. http://127.0.0.1:40123/ (fails the test if none came). */
  String url() throws Exception {
    String u = url.get(120, TimeUnit.SECONDS);
    if (u == null) {
      throw new AssertionError("no dashboard address printed; stderr: " + err());
    }
    return u;
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String out() {
    synchronized (out) {
      return out.toString();
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until {@code condition} holds (checked every 100 ms), at most {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    if (!exit.isDone()) {
      try {
        post("api/stop", "");
      } catch (IOException e) {
        // Already gone.
      }
      exit.get(120, TimeUnit.SECONDS);
    }
  }
}
