package org.patchstorm.core.report;

/** A moment marked on every time chart of a run, e.g. a timeline event: a vertical line. */
public record ChartMarker(double timeSeconds, String label) {}
