package org.patchstorm.core.overlay.attack;

import java.util.List;
import org.patchstorm.core.overlay.crash.WarmUp;
import org.patchstorm.core.overlay.defence.Defences;

/**
 * Everything of the attack and failure studies that the base overlay does not have: the
 * botnets, the operator's server-side defences (their changes over time are timeline events),
 * the user-visible service probes (presence / call-indicator updates and directory searches that
 * clients make, measured end to end), and the crash model (which share of peers runs the
 * affected client version; how long a restarted or new supernode needs before it is fully
 * useful; whether a crashed supernode comes back in that role).
 */
public record AttackParams(List<Botnet> botnets, Defences defences, Service service, Crash crash) {

  public AttackParams {
    botnets = List.copyOf(botnets);
  }

  /**
   * User traffic whose success users see: {@code statusPerHour} presence/call-indicator updates
   * per online client, each to one contact, lost if not there within {@code statusDeadline};
   * {@code searchesPerHour} directory searches (contact adds) per online client, each costing a
   * supernode {@code searchCost} units of work at each of two hops; a user whose search gets no
   * answer within {@code searchTimeout} asks again, {@code searchTries} times in all, before giving
   * up (its latency counts from the first try).
   */
  public record Service(double statusPerHour, long statusDeadline, double searchesPerHour, long searchTimeout,
      int searchCost, int searchTries) {
    public Service {
      require(statusPerHour >= 0 && searchesPerHour >= 0, "service: rates >= 0");
      require(statusDeadline > 0 && searchTimeout > 0, "service: status-deadline and search-timeout > 0");
      require(searchCost >= 1, "service: search-cost >= 1");
      require(searchTries >= 1 && searchTries <= MAX_SEARCH_TRIES, "service: 1 <= search-tries <= " + MAX_SEARCH_TRIES);
    }

    /** A user's patience, and what the probes' one-byte count of tries holds. */
    public static final int MAX_SEARCH_TRIES = 100;

    public Service withSearchTries(int tries) {
      return new Service(statusPerHour, statusDeadline, searchesPerHour, searchTimeout, searchCost, tries);
    }

    /** No probes (the deadlines keep their usual values for when rates are set). */
    public static Service off() {
      return new Service(0, 5_000_000L, 0, 10_000_000L, 3, 1);
    }
  }

  /** The crash model; see the record's description. */
  /**
   * {@code syncCost}: work units the first connection after a crash costs a supernode (the client
   * syncs contacts, presence and offline messages); 0 = the ordinary connect cost.
   */
  /**
   * {@code shedLoad}: an overloaded supernode sheds load before it quits (it answers newcomers
   * "full" cheaply while overloaded, and drops the clients beyond its nominal count at the first
   * sustained overload; only a second one shuts it down).
   */
  public record Crash(double affectedVersionShare, WarmUp warmUp, boolean resumeSupernodeRole, int syncCost,
      boolean shedLoad) {
    public Crash {
      require(affectedVersionShare >= 0 && affectedVersionShare <= 1, "crash: affected-version-share in [0, 1]");
      require(syncCost >= 0, "crash: sync-cost >= 0");
    }
  }

  /**
   * No botnets, no defences, no service probes, no warm-up: the plain overlay, bit for bit
   * (probes draw random numbers and cost supernodes work, so they are off unless asked for).
   */
  public static AttackParams none() {
    return new AttackParams(List.of(), Defences.none(), Service.off(), new Crash(0.5, WarmUp.none(), false, 0, false));
  }

  /** The attack studies' probes: two presence updates and half a directory search per hour. */
  public static Service lightProbes() {
    return new Service(2, 5_000_000L, 0.5, 10_000_000L, 3, 1);
  }

  public AttackParams withBotnets(List<Botnet> b) {
    return new AttackParams(b, defences, service, crash);
  }

  public AttackParams withDefences(Defences d) {
    return new AttackParams(botnets, d, service, crash);
  }

  public AttackParams withService(Service s) {
    return new AttackParams(botnets, defences, s, crash);
  }

  public AttackParams withCrash(Crash c) {
    return new AttackParams(botnets, defences, service, c);
  }

  public int totalBots() {
    return botnets.stream().mapToInt(Botnet::bots).sum();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
