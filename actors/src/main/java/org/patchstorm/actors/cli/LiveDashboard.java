package org.patchstorm.actors.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.patchstorm.actors.live.ControlAccess;
import org.patchstorm.actors.live.DashboardServer;
import org.patchstorm.actors.live.LiveControl;
import org.patchstorm.actors.live.LiveControlSlot;
import org.patchstorm.actors.live.RunInfo;
import org.patchstorm.core.experiment.Experiment;

/**
 * {@code --live}: the dashboard of one run. It takes its address before the run (a taken port
 * stops the command before anything is written) and comes up while the run sets up, gets the
 * run's control when the run begins, and stays up after the run ends for {@code --linger}
 * seconds (default: until Ctrl-C), so the end, the verdict and the results can be looked at.
 */
final class LiveDashboard implements AutoCloseable {
  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_BIND = "127.0.0.1";

  /** The options of a live run, checked. {@code lingerSeconds} < 0: until Ctrl-C. */
  record Options(int port, String bindHost, String token, int lingerSeconds) {}

  private final DashboardServer server;
  private final LiveControlSlot slot;
  private final Options options;
  private final PrintStream out;
  private LiveControl attached;
  private boolean unserved;
  /** The server is up and its address printed, or it failed and said so. */
  private CompletableFuture<Void> settled;

  private LiveDashboard(DashboardServer server, LiveControlSlot slot, Options options, PrintStream out) {
    this.server = server;
    this.slot = slot;
    this.options = options;
    this.out = out;
  }

  /**
   * Checks the options of {@code --live}: each one present only with it, in range.
   *
   * @throws Main.BadArgument naming the option
   */
  static Options options(
      boolean live, Integer port, String bind, boolean clusterBind, String token, Integer linger) {
    if (!live) {
      String stray = port != null ? "--port" : token != null ? "--token"
          : linger != null ? "--linger" : null;
      if (stray != null) {
        throw new Main.BadArgument(stray + " belongs to a live run (the dashboard); add --live, or"
            + " leave " + stray + " away.");
      }
      return null;
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new Main.BadArgument("--port takes the dashboard's port, 0 to 65535 (0: any free port,"
          + " printed at the start), got " + port + ".");
    }
    if (token != null && (token.length() < 8 || !token.matches("[A-Za-z0-9._~-]+"))) {
      throw new Main.BadArgument("--token takes at least 8 characters of letters, digits and . _ ~ -"
          + " (it goes into a URL and an HTTP header), got \"" + token + "\".");
    }
    if (linger != null && linger < 0) {
      throw new Main.BadArgument("--linger takes the seconds the dashboard stays after the run"
          + " ends, 0 or more (without it: until Ctrl-C), got " + linger + ".");
    }
    String host = DEFAULT_BIND;
    if (bind != null) {
      host = bind.trim();
      int colon = host.lastIndexOf(':');
      boolean hasPort = colon > 0 && host.indexOf(':') == colon && !host.startsWith("[");
      if (host.startsWith("[") && host.contains("]:")) {
        hasPort = true;
        colon = host.lastIndexOf("]:") + 1;
      }
      if (hasPort) {
        if (!clusterBind) {
          throw new Main.BadArgument("--bind " + bind + ": with --live, --bind is the address the"
              + " dashboard listens on, without a port (the port is --port N), e.g. --bind 0.0.0.0"
              + " --port 8080.");
        }
        host = host.substring(0, colon); // a cluster runner's HOST:PORT: the dashboard takes the host
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new Main.BadArgument("--bind takes an address of this machine, e.g. 127.0.0.1 or"
            + " 0.0.0.0, got \"" + bind + "\".");
      }
    }
    return new Options(port == null ? DEFAULT_PORT : port, host, token, linger == null ? -1 : linger);
  }

  /**
   * Serves the dashboard of the run of {@code experiment}, whose results folder {@code folder}
   * gives once it exists (null before). Returns as soon as the address is taken; the server comes
   * up while the run sets up, and prints where once it answers. Should it fail to come up after
   * all (another program took the address in between), it says so on {@code err} and the run
   * stops.
   *
   * @throws Main.BadArgument if it cannot listen (a taken port, an address not of this machine)
   */
  static LiveDashboard start(
      Options options, Experiment experiment, Supplier<Path> folder, PrintStream out, PrintStream err) {
    LiveControlSlot slot = new LiveControlSlot(
        experiment.model().schema().columns(), experiment.durationMicros() / 1e6, folder);
    ControlAccess access = ControlAccess.forBind(options.bindHost(), options.token());
    DashboardServer server;
    try {
      server = DashboardServer.start(slot, RunInfo.of(experiment), options.bindHost(), options.port(), access);
    } catch (DashboardServer.BindFailure e) {
      throw new Main.BadArgument(unusable(e.getMessage()));
    }
    LiveDashboard dashboard = new LiveDashboard(server, slot, options, out);
    dashboard.settled = server.serving().whenComplete((serving, failure) -> {
      if (failure == null) {
        dashboard.announce(access);
      } else {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        err.println("Error: " + unusable(cause instanceof DashboardServer.BindFailure
            ? cause.getMessage() : "the dashboard could not start: " + cause) + " The run stops.");
        err.flush();
        dashboard.stopUnserved();
      }
    });
    return dashboard;
  }

  private static String unusable(String reason) {
    return reason + ". Choose another with --port N (0: any free port) or --bind ADDRESS (an"
        + " address of this machine).";
  }

  private void announce(ControlAccess access) {
    out.println("Dashboard: " + server.url());
    if (access.token().isPresent() && options.token() == null) {
      out.println("Control requests (inject, pace, pause, resume, stop) need the header"
          + " 'Authorization: Bearer " + access.token().get() + "' (the page takes it from its address).");
    }
    out.flush();
  }

  /** The run has begun: the dashboard now shows and steers it. */
  synchronized void attach(LiveControl control) {
    slot.attach(control);
    attached = control;
    if (unserved) {
      control.stop();
    }
  }

  /** The server could not come up: a live run nobody can watch stops. */
  private synchronized void stopUnserved() {
    unserved = true;
    if (attached != null) {
      attached.stop();
    }
  }

  /**
   * After the run: keeps the dashboard up for --linger seconds or until Ctrl-C, then closes it;
   * returns {@code exitCode} (also when Ctrl-C ends the wait: the run is already settled).
   */
  int linger(int exitCode) {
    int seconds = options.lingerSeconds();
    if (seconds == 0 || neverServed()) {
      return exitCode;
    }
    CountDownLatch never = new CountDownLatch(1);
    Thread keepCode = new Thread(() -> Runtime.getRuntime().halt(exitCode), "patchstorm-dashboard-exit");
    Runtime.getRuntime().addShutdownHook(keepCode);
    out.println(String.format(Locale.ROOT, "The run has ended; the dashboard stays at %s %s.",
        server.url(), seconds < 0 ? "until Ctrl-C" : "for " + seconds + " s"));
    out.flush();
    try {
      if (seconds < 0) {
        never.await();
      } else {
        never.await(seconds, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(keepCode);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C meanwhile: the hook ends the process with the run's code.
    }
    return exitCode;
  }

  private synchronized boolean neverServed() {
    return unserved;
  }

  @Override
  public void close() {
    try {
      settled.get(60, TimeUnit.SECONDS); // a short run: its dashboard's address is still printed
    } catch (ExecutionException | TimeoutException e) {
      // Said on stderr already, or the server is stopped below all the same.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
