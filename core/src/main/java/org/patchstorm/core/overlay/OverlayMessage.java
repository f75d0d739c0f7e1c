package org.patchstorm.core.overlay;

import java.util.Arrays;

/**
 * Every message of the overlay: small records of primitives and int arrays, so that {@link
 * OverlayCodec} can write them compactly. Records holding arrays compare them by content.
 */
public sealed interface OverlayMessage {

  int ACCEPTED = 0;
  int FULL = 1;
  int NOT_SUPERNODE = 2;

  /** A client asks a supernode to take it; {@code resume} = it is already logged in. */
  /**
   * {@code resume}: the client keeps its session (no log-in needed). {@code sync}: the client
   * comes back from a crash and must sync its state through the supernode (crash.sync-cost).
   */
  record ConnectRequest(int client, boolean resume, boolean sync) implements OverlayMessage {}

  /** Status ACCEPTED, FULL or NOT_SUPERNODE, the supernode's client count and a list sample. */
  record ConnectReply(int supernode, int status, int clients, int[] supernodes) implements OverlayMessage {
    @Override
    public boolean equals(Object o) {
      return o instanceof ConnectReply r && r.supernode == supernode && r.status == status
          && r.clients == clients && Arrays.equals(r.supernodes, supernodes);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * supernode + status) + Arrays.hashCode(supernodes);
    }

    @Override
    public String toString() {
      return "ConnectReply[" + supernode + ", " + status + ", " + clients + ", " + Arrays.toString(supernodes) + "]";
    }
  }

  /** A client leaves its supernode (log-out, clean exit, or an extra accepted connection). */
  record Disconnect(int client) implements OverlayMessage {}

  /** A supernode tells its clients it stops serving (clean exit, demotion, shutdown). */
  record SupernodeGone(int supernode) implements OverlayMessage {}

  /** Periodic supernode-to-client keep-alive, carrying load and a supernode-list sample. */
  record KeepAlive(int supernode, int clients, boolean overloaded, int[] supernodes) implements OverlayMessage {
    @Override
    public boolean equals(Object o) {
      return o instanceof KeepAlive k && k.supernode == supernode && k.clients == clients
          && k.overloaded == overloaded && Arrays.equals(k.supernodes, supernodes);
    }

    @Override
    public int hashCode() {
      return 31 * supernode + Arrays.hashCode(supernodes);
    }

    @Override
    public String toString() {
      return "KeepAlive[" + supernode + ", " + clients + ", " + overloaded + ", " + Arrays.toString(supernodes) + "]";
    }
  }

  /** A peer answers a keep-alive from a supernode it no longer uses (stale client entry). */
  record NotYourClient(int client) implements OverlayMessage {}

  /** Presence announcement to the own supernode after log-in. */
  record Presence(int client) implements OverlayMessage {}

  /** An instant message; {@code relayed} once the sender's supernode forwarded it. */
  record Im(int from, int to, long sentAt, boolean relayed) implements OverlayMessage {}

  /** Supernode-list gossip between supernodes. */
  record ListExchange(int from, boolean reply, int[] supernodes) implements OverlayMessage {
    @Override
    public boolean equals(Object o) {
      return o instanceof ListExchange l && l.from == from && l.reply == reply
          && Arrays.equals(l.supernodes, supernodes);
    }

    @Override
    public int hashCode() {
      return 31 * from + Arrays.hashCode(supernodes);
    }

    @Override
    public String toString() {
      return "ListExchange[" + from + ", " + reply + ", " + Arrays.toString(supernodes) + "]";
    }
  }

  record LoginRequest(int client, int attempt) implements OverlayMessage {}

  /** {@code ok} false means rejected (queue full or admission limit). */
  record LoginReply(int server, int attempt, boolean ok) implements OverlayMessage {}

  /**
   * A timer an entity set for itself. {@code gen} lets a peer ignore timers of a connection or
   * session it has since left; {@code arg} is kind-specific.
   */
  record Timer(int kind, int gen, int arg) implements OverlayMessage {}

  /**
   * A presence change (e.g. "call in progress") for one contact; {@code relayed} once the
   * sender's supernode forwarded it. The user sees it only if it arrives within the deadline.
   */
  record StatusUpdate(int from, int to, long sentAt, boolean relayed) implements OverlayMessage {}

  /**
   * A directory search (adding a contact): the client's supernode does the lookup work and
   * answers; {@code hops} is kept for multi-hop lookups (0 today).
   */
  record Search(int client, long sentAt, int hops) implements OverlayMessage {}

  record SearchReply(int supernode, long sentAt) implements OverlayMessage {}

  /** Junk a bot makes a supernode relay to a peer: {@code units} of work for the supernode. */
  record Flood(int from, int to, int units) implements OverlayMessage {}

  // ---------------------------------------------------------------- the coordinator's commands

  /**
   * Restart now (or crash, if {@code crash}), down for {@code downtime} µs. A serving peer obeys
   * only if {@code includeSupernodes}; a peer that is off restarts {@code missedDelay} µs after
   * its next start (never if negative).
   */
  record Restart(long downtime, boolean crash, boolean includeSupernodes, long missedDelay) implements OverlayMessage {}

  /** A dormant dedicated supernode starts serving with this capacity. */
  record Activate(int maxClients, double messageRate) implements OverlayMessage {}

  /** From now on, the parameter of {@link OverlayParams#SETTABLE} code {@code code} is {@code value}. */
  record ChangeParameter(int code, double value) implements OverlayMessage {}

  /** From now on, the defence of {@code Defences.SETTABLE} code {@code code} is {@code value}. */
  record ChangeDefence(int code, double value) implements OverlayMessage {}

  /** A bot joins its botnet's attack now; the attack's waves count from {@code campaignStart}. */
  record BotStart(long campaignStart) implements OverlayMessage {}

  /** A bot stops attacking. */
  record BotStop() implements OverlayMessage {}

  /** An event injected while the run goes, for the coordinator: one timeline entry (HOCON text). */
  record Injected(String timelineEntry) implements OverlayMessage {}
}
