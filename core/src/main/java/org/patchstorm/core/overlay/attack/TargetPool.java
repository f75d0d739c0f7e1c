package org.patchstorm.core.overlay.attack;

/**
 * What an attacker can know before the attack: the login servers, the bootstrap supernodes
 * (hard-coded in every client) and the supernodes it harvested by crawling, with how many
 * clients each held and its region. Arrays are ascending ids (loads and regions by index of
 * {@code supernodes}); they are not copied, callers must not change them.
 */
public record TargetPool(
    int[] loginServers, int[] bootstrap, int[] supernodes, int[] supernodeClients, int[] supernodeRegions) {

  public TargetPool {
    if (supernodeClients.length != supernodes.length || supernodeRegions.length != supernodes.length) {
      throw new IllegalArgumentException("target pool: one client count and region per supernode");
    }
  }
}
