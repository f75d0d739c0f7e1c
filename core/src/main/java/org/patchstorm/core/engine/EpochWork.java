package org.patchstorm.core.engine;

import java.util.List;

/** The deliveries of one epoch in one partition: one execution per entity with due events. */
public record EpochWork(long epoch, EventBuffer events, List<Delivery> deliveries) {

  /** Events {@code [from, to)} of the epoch's sorted events go to {@code execution}'s entity. */
  public record Delivery(EntitySlot slot, EpochExecution execution, int from, int to) {
    public void run(EventBuffer events) {
      execution.run(events, from, to);
    }
  }
}
