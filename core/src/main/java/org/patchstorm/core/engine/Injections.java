package org.patchstorm.core.engine;

import java.util.List;

/**
 * How a model takes an event injected into a run while it goes. The runner decides the virtual
 * time at which it takes effect (an epoch boundary that no partition has passed), records the
 * event's timeline entry in the run's experiment, and delivers the engine events to their
 * targets at that time. Running the recorded experiment again must give the same metrics.
 */
public interface Injections {

  /**
   * Reads one event in the model's timeline form (HOCON text of one timeline entry; its time
   * {@code at} may be left out, meaning "as soon as possible") and checks it by the same rules
   * as the experiment reader.
   *
   * @param origin names where the text came from, for the refusal message
   * @throws InjectionRefused with one clear line, naming the key, if the event is not valid
   */
  Prepared prepare(String hocon, String origin) throws InjectionRefused;

  /** A checked event, ready to be placed at a time. */
  interface Prepared {

    /** The virtual time the event asked for (µs), or -1 for the next possible moment. */
    long requestedAtMicros();

    /** A short label for charts and logs, e.g. "restart-burst 10% auto-update". */
    String label();

    /**
     * The event as one timeline entry (HOCON object text) that, placed in the experiment's
     * timeline, makes the model do what {@link #deliveries}{@code (atMicros)} does. Its time is
     * {@code atMicros + leadMicros()}.
     */
    String timelineEntry(long atMicros);

    /** The engine events that carry it out, each delivered to its target at {@code atMicros}. */
    List<Delivery> deliveries(long atMicros);

    /**
     * How long after its delivery the event takes effect, and so how much earlier than the time
     * it asked for it must be delivered (0 unless the model says otherwise). The overlay's
     * coordinator sends commands, which take at least one lookahead to arrive: an event
     * delivered at {@code t} takes effect, and is recorded, at {@code t + leadMicros()}; one
     * that asks for time {@code T} is best delivered at {@code T - leadMicros()}, and one whose
     * recorded time would be at or after the end of the run cannot be taken.
     */
    default long leadMicros() {
      return 0;
    }
  }

  /** One engine event: {@code payload} for entity {@code target}. */
  record Delivery(int target, Object payload) {}
}
