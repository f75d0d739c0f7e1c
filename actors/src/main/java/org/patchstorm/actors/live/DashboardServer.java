package org.patchstorm.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The live dashboard's HTTP server (Pekko HTTP) over a {@link LiveControl}, on an actor system
 * of its own so that a busy run and the server do not share threads.
 *
 * <p>Starting it takes seconds of CPU (an actor system, Pekko HTTP's classes), which a run that
 * nobody watches should not wait for: {@link #start} only takes the address, with a plain socket
 * (so a taken port is refused at once), and brings the server up in the background while the
 * run sets up; {@link #serving} says when it answers.
 */
public final class DashboardServer implements AutoCloseable {
  private final InetSocketAddress address;
  private final ControlAccess access;
  private final CompletableFuture<Running> running;

  /** What serves once started: the actor system, its binding and the control requests' thread. */
  private record Running(ActorSystem<Void> system, ServerBinding binding, ExecutorService controls) {}

  private DashboardServer(
      InetSocketAddress address, ControlAccess access, CompletableFuture<Running> running) {
    this.address = address;
    this.access = access;
    this.running = running;
  }

  /**
   * Takes {@code host}:{@code port} (0: a free port) for the dashboard of {@code live} and starts
   * serving there in the background.
   *
   * @throws BindFailure with one line (the address is taken, not local, ...) if it cannot listen
   */
  public static DashboardServer start(
      LiveControl live, RunInfo info, String host, int port, ControlAccess access) {
    ServerSocket held = hold(host, port);
    InetSocketAddress address = (InetSocketAddress) held.getLocalSocketAddress();
    CompletableFuture<Running> running = new CompletableFuture<>();
    Thread starting = new Thread(() -> {
      try {
        running.complete(serve(live, info, held, access));
      } catch (Throwable e) {
        running.completeExceptionally(e);
      }
    }, "patchstorm-dashboard-start");
    starting.setDaemon(true);
    starting.start();
    return new DashboardServer(address, access, running);
  }

  /** Listens with a plain socket, so that the address is ours until the server takes it over. */
  private static ServerSocket hold(String host, int port) {
    InetSocketAddress wanted = new InetSocketAddress(host, port);
    if (wanted.isUnresolved()) {
      throw new BindFailure("the dashboard cannot listen on " + host + ":" + port
          + ": no such host");
    }
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(wanted, 1);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      return socket;
    } catch (IOException e) {
      throw new BindFailure("the dashboard cannot listen on " + host + ":" + port + ": "
          + LiveJson.firstLine(String.valueOf(e.getMessage())));
    }
  }

  /** Brings the server up on the address {@code held} has, handing it over at the last moment. */
  private static Running serve(LiveControl live, RunInfo info, ServerSocket held, ControlAccess access) {
    InetSocketAddress address = (InetSocketAddress) held.getLocalSocketAddress();
    String where = address.getAddress().getHostAddress() + ":" + address.getPort();
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), "patchstorm-dashboard", config());
    } finally {
      closeQuietly(held);
    }
    ExecutorService controls = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "patchstorm-dashboard-control");
      t.setDaemon(true);
      return t;
    });
    DashboardRoutes routes = new DashboardRoutes(live, info, access, controls);
    try {
      ServerBinding binding = Http.get(system).newServerAt(address.getAddress().getHostAddress(), address.getPort())
          .bind(routes.route()).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new Running(system, binding, controls);
    } catch (ExecutionException | TimeoutException e) {
      stop(system, controls);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      // "[/127.0.0.1:8080] Address already in use": the address is said already.
      String reason = LiveJson.firstLine(String.valueOf(cause.getMessage())).replaceFirst("^\\[[^]]*\\]\\s*", "");
      throw new BindFailure("the dashboard cannot listen on " + where + ": " + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(system, controls);
      throw new BindFailure("interrupted while the dashboard started");
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that never accepted: nothing is lost.
    }
  }

  /**
   * Completes once the dashboard answers, or exceptionally with a {@link BindFailure} if it
   * could not take its address over after all.
   */
  public CompletableFuture<Void> serving() {
    return running.thenApply(r -> null);
  }

  /** Waits until the dashboard answers; for callers that have nothing else to do meanwhile. */
  public DashboardServer awaitServing() {
    try {
      running.get();
      return this;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BindFailure failure ? failure : new BindFailure(
          "the dashboard could not start: " + LiveJson.firstLine(String.valueOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BindFailure("interrupted while the dashboard started");
    }
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The page's address, with the token when control requests need one. */
  public String url() {
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + address.getPort() + "/" + access.token().map(t -> "?token=" + t).orElse("");
  }

  @Override
  public void close() {
    Running r;
    try {
      r = running.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return; // it never served, and what it had started it has stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      r.binding().terminate(Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing anyway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(r.system(), r.controls());
  }

  private static void stop(ActorSystem<Void> system, ExecutorService controls) {
    controls.shutdownNow();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The JVM exits anyway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's own runtime: local, quiet, no cluster whatever the run uses. */
  private static Config config() {
    return ConfigFactory.parseString(
            // A bind failure is reported to the user in one line; Pekko would log it with a trace.
            "pekko.loglevel = OFF\npekko.stdout-loglevel = OFF\n"
                + "pekko.actor.provider = local\n"
                + "pekko.http.server.server-header = \"\"\n"
                + "pekko.http.server.idle-timeout = 120s\n")
        .withFallback(ConfigFactory.load());
  }

  /** The server could not listen; the message is one line for the user. */
  public static final class BindFailure extends RuntimeException {
    public BindFailure(String message) {
      super(message, null, false, false);
    }
  }
}
