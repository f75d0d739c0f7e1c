package org.patchstorm.core.overlay.attack;

/** The requests a bot sends; each costs its target work. */
public enum RequestKind {
  /** Connection attempts to a supernode: connect work, and a client slot while held. */
  CONNECT,
  /** Log-in requests to a login server: a worker's service time each. */
  LOGIN,
  /** Directory searches at a supernode: the expensive lookup behind adding a contact. */
  SEARCH,
  /** Traffic a supernode must relay to a peer (units of work per request). */
  RELAY;

  /** Whether the request makes sense against a target kind. */
  public boolean fits(TargetKind target) {
    return (this == LOGIN) == (target == TargetKind.LOGIN_SERVERS);
  }
}
