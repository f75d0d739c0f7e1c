package org.patchstorm.core.overlay;

/** Which supernodes a client asks and keeps, by region (client.region-choice). */
public enum RegionChoice {
  /** Any: the least loaded (or first) of those that accept. */
  ANY,
  /** One of its own region when one accepts (users are served where they live), else any. */
  OWN_FIRST,
  /**
   * Only its own region's supernodes, the bootstrap ones included: the operator routes a client
   * to its region's servers, so a client whose region cannot serve it stays off line.
   */
  OWN_ONLY
}
