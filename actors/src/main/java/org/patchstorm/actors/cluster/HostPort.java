package org.patchstorm.actors.cluster;

/** A member's network address as the user writes it: {@code HOST:PORT} (port 0: any free one). */
public record HostPort(String host, int port) {

  /** Parses {@code HOST:PORT}; {@code what} names the option in the error. */
  public static HostPort parse(String text, String what) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ClusterProblem(what + " takes HOST:PORT (e.g. 10.0.0.5:2552), got \"" + text + "\".");
    }
    String host = text.substring(0, colon).trim();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1).trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw new ClusterProblem(
          what + " takes HOST:PORT with a port from 0 to 65535, got \"" + text + "\".");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
