package org.patchstorm.core.overlay.attack;

/** What a botnet aims at. */
public enum TargetKind {
  /** The central login servers: the one component every log-in needs. */
  LOGIN_SERVERS,
  /** The hard-coded bootstrap supernodes: where every client with an exhausted cache goes. */
  BOOTSTRAP,
  /** Supernodes the attacker harvested, picked at random. */
  RANDOM_SUPERNODES,
  /** The harvested supernodes with the most clients: the most users hurt per bot. */
  BUSIEST_SUPERNODES,
  /** Harvested supernodes in one region (a regional outage such as Europe in 2017). */
  REGION
}
