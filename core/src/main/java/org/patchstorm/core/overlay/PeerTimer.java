package org.patchstorm.core.overlay;

import org.patchstorm.core.overlay.OverlayMessage.Timer;

/**
 * The timers a peer sets for itself. On the wire a timer is an {@link Timer} whose {@code kind}
 * is the code here (codes are fixed: they cross cluster members); {@code gen} names the session,
 * link, role or search the timer belongs to, so a stale one is ignored. (Codes 10 and 13 were
 * the restart and activation timers, now the coordinator's commands.)
 */
enum PeerTimer {
  SESSION_START(1),
  SESSION_END(2),
  CONNECT_TIMEOUT(3),
  CONNECT_RETRY(4),
  LOGIN_TIMEOUT(5),
  LOGIN_RETRY(6),
  WATCHDOG(7),
  IM_SEND(8),
  PROMOTION_CHECK(9),
  RESTART_RETURN(11),
  SN_TICK(12),
  PENDING_RESTART(14),
  CHOOSE(15),
  STATUS_SEND(30),
  SEARCH_SEND(31),
  SEARCH_TIMEOUT(32);

  private static final PeerTimer[] BY_CODE = new PeerTimer[33];

  static {
    for (PeerTimer t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  /**
   * Timers without an argument for the first generations are shared: a peer always has one or two
   * pending (1.3 M of them at 1 M peers, 24 B each), and a record is as good shared as new.
   */
  static final int SHARED_GENS = 256;

  final int code;
  private final Timer[] shared = new Timer[SHARED_GENS];

  PeerTimer(int code) {
    this.code = code;
    for (int gen = 0; gen < SHARED_GENS; gen++) {
      shared[gen] = new Timer(code, gen, 0);
    }
  }

  Timer timer(int gen, int arg) {
    return new Timer(code, gen, arg);
  }

  Timer timer(int gen) {
    return gen >= 0 && gen < SHARED_GENS ? shared[gen] : new Timer(code, gen, 0);
  }

  boolean is(Timer t) {
    return t.kind() == code;
  }

  static PeerTimer of(Timer t) {
    PeerTimer kind = t.kind() >= 0 && t.kind() < BY_CODE.length ? BY_CODE[t.kind()] : null;
    if (kind == null) {
      throw new IllegalStateException("unknown timer " + t);
    }
    return kind;
  }
}
