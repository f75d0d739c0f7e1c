package org.patchstorm.core.overlay;

import java.util.List;
import org.patchstorm.core.overlay.TimelineEvent.AddSupernodes;
import org.patchstorm.core.overlay.attack.AttackParams;
import org.patchstorm.core.overlay.attack.Botnet;

/**
 * Which entity is what, by id: login servers [0, L), bootstrap supernodes [L, L+B), dedicated
 * supernodes [L+B, L+B+D) (dormant until an add-supernodes event wakes them), peers
 * [L+B+D, P), bots [P, C) (botnet after botnet, dormant until their attack starts), the
 * coordinator C (the last id, so that it is one entity in any partitioning and moves no other).
 */
public final class IdLayout {

  private final int loginServers;
  private final int bootstrap;
  private final int dedicated;
  private final int peers;
  /** First bot id of each botnet, then the coordinator's id. */
  private final int[] botnetFirst;
  private final List<Botnet> botnets;

  IdLayout(OverlayParams params, AttackParams attack) {
    this.loginServers = params.login().servers();
    this.bootstrap = params.infrastructure().bootstrapSupernodes();
    int adds = params.timeline().addSupernodes().stream().mapToInt(AddSupernodes::count).sum();
    this.dedicated = Math.max(adds, params.infrastructure().dedicatedPool());
    this.peers = params.population().peers();
    this.botnets = attack.botnets();
    this.botnetFirst = new int[botnets.size() + 1];
    int first = firstPeer() + peers;
    for (int b = 0; b < botnets.size(); b++) {
      botnetFirst[b] = first;
      first += botnets.get(b).bots();
    }
    botnetFirst[botnets.size()] = first;
  }

  public int loginServers() {
    return loginServers;
  }

  public int firstBootstrap() {
    return loginServers;
  }

  public int bootstrapCount() {
    return bootstrap;
  }

  public int firstDedicated() {
    return loginServers + bootstrap;
  }

  public int dedicatedCount() {
    return dedicated;
  }

  public int firstPeer() {
    return loginServers + bootstrap + dedicated;
  }

  public int peerCount() {
    return peers;
  }

  public int firstAttacker() {
    return firstPeer() + peers;
  }

  /** The coordinator, which carries out the timeline: the last entity. */
  public int coordinator() {
    return botnetFirst[botnetFirst.length - 1];
  }

  public int entityCount() {
    return coordinator() + 1;
  }

  public boolean isLoginServer(int id) {
    return id < loginServers;
  }

  public boolean isBootstrap(int id) {
    return id >= loginServers && id < loginServers + bootstrap;
  }

  public boolean isDedicated(int id) {
    return id >= firstDedicated() && id < firstPeer();
  }

  public boolean isPeer(int id) {
    return id >= firstPeer() && id < firstAttacker();
  }

  public boolean isAttacker(int id) {
    return id >= firstAttacker() && id < coordinator();
  }

  public boolean isCoordinator(int id) {
    return id == coordinator();
  }

  /** The index of the botnet bot {@code id} belongs to. */
  public int botnetOf(int id) {
    int b = 0;
    while (botnetFirst[b + 1] <= id) {
      b++;
    }
    return b;
  }

  /** The 0-based index of bot {@code id} within its botnet. */
  public int botIndex(int id) {
    return id - botnetFirst[botnetOf(id)];
  }

  /** The first bot id of botnet {@code b}. */
  public int firstBot(int b) {
    return botnetFirst[b];
  }

  /** The index of the declared botnet of that name, or -1. */
  public int botnetIndex(String name) {
    for (int b = 0; b < botnets.size(); b++) {
      if (botnets.get(b).name().equals(name)) {
        return b;
      }
    }
    return -1;
  }
}
