package org.patchstorm.core.engine;

/**
 * What a partition hands to the exchange after an epoch: the events bound for each other
 * partition ({@code null} where none) and the earliest epoch it holds or sent, from which every
 * partition computes the same next epoch.
 */
public record Outbound(EventBuffer[] toPartition, long earliestEpoch) {}
