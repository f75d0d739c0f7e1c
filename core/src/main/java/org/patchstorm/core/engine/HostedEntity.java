package org.patchstorm.core.engine;

import org.patchstorm.core.metrics.MetricsLog;

/**
 * An entity that runs on its own, away from its partition (the actor-per-entity hosting): it owns
 * its slot (the entity with its state, random stream and send sequence) and runs its start, its
 * epochs and its samples exactly as {@link PartitionCore} would, except that what it sends,
 * records and asks for goes into a {@link Turn} of its own. Its partition merges the turns of an
 * epoch in entity-id order, which is the order in which it runs its own entities, so both
 * hostings give the same results. A {@link Sampled} entity that wants sampling adds its gauges to
 * every turn: only a turn changes its state, so the gauges of its last turn before a reporting
 * boundary are those at the boundary, and the partition never has to ask.
 */
public final class HostedEntity {
  private final EntitySlot slot;
  private final long lookahead;
  private final boolean sampleable;
  private boolean sampledOn;

  /**
   * What one turn produced: the sends and later timers, the metrics recorded, whether the entity
   * wants sampling from now on ({@code null}: unchanged), and its gauges after the turn ({@code
   * null} unless it wants sampling).
   */
  public record Turn(EventBuffer sent, MetricsLog metrics, Boolean sampling, MetricsLog gauges) {}

  HostedEntity(EntitySlot slot, long lookaheadMicros) {
    this.slot = slot;
    this.lookahead = lookaheadMicros;
    this.sampleable = slot.entity instanceof Sampled;
    this.sampledOn = sampleable;
  }

  public int id() {
    return slot.id;
  }

  /** The entity itself (for tests and for naming its actor). */
  public Entity entity() {
    return slot.entity;
  }

  /**
   * Starts the entity at virtual time 0, running the timers it sets before {@code epochEnd}.
   *
   * @throws IllegalStateException naming the entity, if it throws
   */
  public Turn start(long epochEnd) {
    Recording turn = new Recording();
    try {
      turn.execution(epochEnd, new EventBuffer(1), 0, 0).runStart();
    } catch (RuntimeException | Error e) {
      throw new IllegalStateException("entity " + slot.id + " failed at start: " + e, e);
    }
    return turn.done();
  }

  /**
   * Delivers events {@code [from, to)} of {@code due} (canonically sorted, all for this entity) of
   * {@code epoch}, which ends at {@code epochEnd}. Only reads {@code due}.
   *
   * @throws EntityFailure if the entity throws
   */
  public Turn run(EventBuffer due, int from, int to, long epoch, long epochEnd) {
    Recording turn = new Recording();
    try {
      turn.execution(epochEnd, due, from, to).run();
    } catch (RuntimeException | Error e) {
      throw new EntityFailure(slot.id, epoch * lookahead, e);
    }
    return turn.done();
  }

  /** Collects one turn's output. */
  private final class Recording implements SamplingSwitch {
    private final EventBuffer sent = new EventBuffer(2);
    private final MetricsLog metrics = new MetricsLog();
    private Boolean sampling;

    EpochExecution execution(long epochEnd, EventBuffer events, int from, int to) {
      return new EpochExecution(slot, metrics, lookahead, epochEnd, sent, this, events, from, to);
    }

    @Override
    public void set(EntitySlot which, boolean on) {
      if (sampleable) {
        sampling = on;
      }
    }

    Turn done() {
      if (sampling != null) {
        sampledOn = sampling;
      }
      MetricsLog gauges = null;
      if (sampledOn) {
        gauges = new MetricsLog();
        ((Sampled) slot.entity).sample(gauges);
      }
      return new Turn(sent, metrics, sampling, gauges);
    }
  }
}
