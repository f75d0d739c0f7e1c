package org.patchstorm.actors.live;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
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
 */
public final class DashboardServer implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final ExecutorService controls;
  private final ControlAccess access;

  private DashboardServer(
      ActorSystem<Void> system, ServerBinding binding, ExecutorService controls, ControlAccess access) {
    this.system = system;
    this.binding = binding;
    this.controls = controls;
    this.access = access;
  }

  /**
   * Serves the dashboard of {@code live} at {@code host}:{@code port} (0: a free port).
   *
   * @throws BindFailure with one line (the address is taken, not local, ...) if it cannot listen
   */
  public static DashboardServer start(
      LiveControl live, RunInfo info, String host, int port, ControlAccess access) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "patchstorm-dashboard", config());
    ExecutorService controls = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "patchstorm-dashboard-control");
      t.setDaemon(true);
      return t;
    });
    DashboardRoutes routes = new DashboardRoutes(live, info, access, controls);
    try {
      ServerBinding binding = Http.get(system).newServerAt(host, port).bind(routes.route())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new DashboardServer(system, binding, controls, access);
    } catch (ExecutionException | TimeoutException e) {
      stop(system, controls);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      // "[/127.0.0.1:8080] Address already in use": the address is said already.
      String reason = LiveJson.firstLine(String.valueOf(cause.getMessage())).replaceFirst("^\\[[^]]*\\]\\s*", "");
      throw new BindFailure("the dashboard cannot listen on " + host + ":" + port + ": " + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(system, controls);
      throw new BindFailure("interrupted while the dashboard started");
    }
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** The page's address, with the token when control requests need one. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + a.getPort() + "/" + access.token().map(t -> "?token=" + t).orElse("");
  }

  @Override
  public void close() {
    try {
      binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing anyway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(system, controls);
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
