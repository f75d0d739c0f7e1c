package org.patchstorm.actors.live;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may change a live run. Watching is open to anyone who reaches the server; a control
 * request (inject, pace, pause, resume, stop) needs the token whenever there is one, and there
 * is always one on a non-loopback bind. A request that a browser sends from another site's page
 * (its Origin is not this server) is refused too, so a page elsewhere cannot poke a run on
 * 127.0.0.1.
 */
public final class ControlAccess {
  private final String token;

  private ControlAccess(String token) {
    this.token = token;
  }

  /**
   * The access rule for a server bound to {@code bindAddress}: {@code token} if given; else on
   * loopback none, and elsewhere a generated one.
   */
  public static ControlAccess forBind(String bindAddress, String token) {
    if (token != null) {
      return new ControlAccess(token);
    }
    return new ControlAccess(isLoopback(bindAddress) ? null : generatedToken());
  }

  /** The token control requests must carry, if any. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /**
   * Null if the request may control the run, else the one-line reason it may not.
   *
   * @param authorization the Authorization header, or null
   * @param origin the Origin header, or null (not sent by curl)
   * @param host the Host header, or null
   */
  public String refusal(String authorization, String origin, String host) {
    if (origin != null && !sameSite(origin, host)) {
      return "a control request from another site's page (Origin " + origin + ") is refused";
    }
    if (token == null) {
      return null;
    }
    String prefix = "Bearer ";
    if (authorization == null || !authorization.startsWith(prefix)) {
      return "this run needs its token for control requests: send the header"
          + " 'Authorization: Bearer TOKEN' (the token was printed when the run started)";
    }
    byte[] given = authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
      return "the token does not match the one printed when the run started";
    }
    return null;
  }

  /** True if {@code address} (a host name or literal) resolves to loopback only. */
  public static boolean isLoopback(String address) {
    try {
      for (InetAddress a : InetAddress.getAllByName(address)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean sameSite(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String generatedToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
