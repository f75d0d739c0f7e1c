package org.patchstorm.core.overlay.defence;

/** Where a server-side defence runs. */
public enum Scope {
  LOGIN,
  SUPERNODES,
  ALL;

  public boolean coversLogin() {
    return this != SUPERNODES;
  }

  public boolean coversSupernodes() {
    return this != LOGIN;
  }
}
