package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.MetricsSchema;

/**
 * A model that only places: entities alternate between two zones (a third of them in zone 1),
 * 10 ms apart within a zone and {@code crossMicros} between zones.
 */
final class TwoZoneModel implements Model {
  private final int entities;
  private final long crossMicros;

  TwoZoneModel(int entities, long crossMicros) {
    this.entities = entities;
    this.crossMicros = crossMicros;
  }

  @Override
  public int entityCount() {
    return entities;
  }

  @Override
  public long lookaheadMicros() {
    return 10_000;
  }

  @Override
  public int zones() {
    return 2;
  }

  @Override
  public int zoneOf(int entityId) {
    return entityId % 3 == 0 ? 1 : 0;
  }

  @Override
  public long zoneLatencyMicros(int from, int to) {
    return from == to ? 10_000 : crossMicros;
  }

  @Override
  public MetricsSchema schema() {
    throw new UnsupportedOperationException("placement only");
  }

  @Override
  public EntityFactory factory() {
    throw new UnsupportedOperationException("placement only");
  }

  @Override
  public PayloadCodec codec() {
    throw new UnsupportedOperationException("placement only");
  }
}
