package org.patchstorm.core.engine;

/** An entity threw while handling its events; the run cannot go on without it. */
public final class EntityFailure extends RuntimeException {
  private final int entityId;
  private final long epochStartMicros;

  public EntityFailure(int entityId, long epochStartMicros, Throwable cause) {
    super("entity " + entityId + " failed at virtual time " + epochStartMicros / 1e6 + " s: "
        + cause, cause);
    this.entityId = entityId;
    this.epochStartMicros = epochStartMicros;
  }

  public int entityId() {
    return entityId;
  }

  public long epochStartMicros() {
    return epochStartMicros;
  }
}
