package org.patchstorm.actors.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Feeds {@link ControlCommands} from a file the run watches (every line in it: those there at the
 * start, then those appended) or from standard input, in a daemon thread that ends with the run.
 * What each command did, or why it was refused, is one line on the error stream.
 */
public final class ControlInput {
  /** How often the file is looked at for appended lines. */
  private static final long POLL_MILLIS = 100;

  private final ControlCommands commands;
  private final LiveControl live;
  private final PrintStream err;
  private final String source;

  private ControlInput(LiveControl live, PrintStream err, String source) {
    this.commands = new ControlCommands(live);
    this.live = live;
    this.err = err;
    this.source = source;
  }

  /** Watches {@code file} for command lines while the run goes. */
  public static void watch(Path file, LiveControl live, PrintStream err) {
    ControlInput input = new ControlInput(live, err, file.toString());
    start(() -> input.follow(file));
  }

  /** Reads command lines from {@code in} (standard input) while the run goes. */
  public static void read(InputStream in, LiveControl live, PrintStream err) {
    ControlInput input = new ControlInput(live, err, "standard input");
    start(() -> input.readAll(in));
  }

  private static void start(Runnable body) {
    Thread thread = new Thread(body, "patchstorm-control");
    thread.setDaemon(true);
    thread.start();
  }

  private boolean over() {
    LiveControl.State state = live.status().state();
    return state == LiveControl.State.FINISHED || state == LiveControl.State.FAILED
        || state == LiveControl.State.STOPPED;
  }

  private void follow(Path file) {
    long position = 0;
    int lineNumber = 0;
    StringBuilder partial = new StringBuilder();
    byte[] chunk = new byte[8192];
    while (!over()) {
      try {
        if (Files.isRegularFile(file)) {
          try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < position) {
              position = 0; // replaced or cut: read it from the start
            }
            in.seek(position);
            java.io.ByteArrayOutputStream fresh = new java.io.ByteArrayOutputStream();
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
              fresh.write(chunk, 0, n);
            }
            position += fresh.size();
            partial.append(fresh.toString(StandardCharsets.UTF_8));
          }
          for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            carryOut(line, ++lineNumber);
          }
        }
        Thread.sleep(POLL_MILLIS);
      } catch (IOException e) {
        err.println("Error: the control file " + file + " cannot be read (" + e.getMessage()
            + "); the run goes on without it.");
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void readAll(InputStream in) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int lineNumber = 0;
      for (String line = lines.readLine(); line != null && !over(); line = lines.readLine()) {
        carryOut(line, ++lineNumber);
      }
    } catch (IOException e) {
      err.println("Error: standard input cannot be read (" + e.getMessage()
          + "); the run goes on without live commands.");
    }
  }

  private void carryOut(String line, int lineNumber) {
    try {
      String done = commands.execute(line);
      if (done != null) {
        err.println("Live: " + done);
      }
    } catch (ControlCommands.Refused refused) {
      err.println("Error: " + source + " line " + lineNumber + ": " + refused.getMessage()
          + "; the run goes on.");
    } catch (RuntimeException e) {
      err.println("Error: " + source + " line " + lineNumber + ": " + e.getMessage()
          + "; the run goes on.");
    }
  }
}
