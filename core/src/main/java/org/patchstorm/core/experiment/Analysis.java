package org.patchstorm.core.experiment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.patchstorm.core.reality.RealityCurve;

/**
 * How an overlay run is analysed besides its metrics ({@code patchstorm.experiment.incident-start}
 * and {@code patchstorm.experiment.reality}).
 *
 * @param incidentStartMicros when the incident starts; empty: at the scenario's first trigger
 * @param reality the real outage's curve the run is compared with, if the experiment names one
 */
public record Analysis(OptionalLong incidentStartMicros, Optional<Reality> reality) {

  /** A curve and the file it was read from (copied into the results folder). */
  public record Reality(Path file, RealityCurve curve) {}

  public static Analysis none() {
    return new Analysis(OptionalLong.empty(), Optional.empty());
  }
}
