package org.patchstorm.core.engine;

/** An injected event that cannot be taken; the message is one line for the user. */
public final class InjectionRefused extends Exception {
  public InjectionRefused(String message) {
    super(message, null, false, false);
  }
}
