package org.patchstorm.core.engine;

import java.util.List;

/** The work of one epoch in one partition: one execution per entity with due events. */
public record EpochWork(long epoch, List<EpochExecution> executions) {}
