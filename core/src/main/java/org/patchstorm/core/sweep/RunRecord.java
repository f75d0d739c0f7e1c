package org.patchstorm.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.patchstorm.core.experiment.SummaryFigures;
import org.patchstorm.core.results.ResultsFolder;

/**
 * One run of a sweep as runs.csv shows it: which point and seed, whether it completed, its
 * verdict and summary figures (empty when it failed), its folder and, if it failed, why.
 */
public record RunRecord(
    int point,
    long seed,
    boolean completed,
    String verdict,
    Map<String, Double> figures,
    String folder,
    String failure) {

  public RunRecord {
    figures = Map.copyOf(figures);
  }

  /** A run that failed before its folder could say anything. */
  public static RunRecord failed(int point, long seed, String folder, String failure) {
    return new RunRecord(point, seed, false, null, Map.of(), folder, failure);
  }

  /**
   * What the run's results folder says: complete (under its final name, with a summary) or
   * failed (left {@code .incomplete}, the reason in its manifest). Null if neither folder
   * exists: the run never started.
   *
   * @param folder the run's final folder, relative to {@code sweepDir}
   */
  public static RunRecord read(int point, long seed, Path sweepDir, String folder) {
    ObjectMapper json = new ObjectMapper();
    Path done = sweepDir.resolve(folder);
    Path incomplete = sweepDir.resolve(folder + ResultsFolder.INCOMPLETE_SUFFIX);
    try {
      if (Files.isRegularFile(done.resolve("summary.json"))) {
        JsonNode summary = json.readTree(done.resolve("summary.json").toFile());
        JsonNode verdict = summary.get(SummaryFigures.VERDICT);
        return new RunRecord(point, seed, true, verdict == null ? null : verdict.asText(),
            SummaryFigures.flatten(summary), folder, null);
      }
      if (Files.isDirectory(incomplete)) {
        Path manifest = incomplete.resolve(ResultsFolder.MANIFEST_FILE);
        String reason = "the run did not finish";
        if (Files.isRegularFile(manifest)) {
          JsonNode failure = json.readTree(manifest.toFile()).get("failureReason");
          if (failure != null && !failure.isNull()) {
            reason = failure.asText();
          }
        }
        return failed(point, seed, folder + ResultsFolder.INCOMPLETE_SUFFIX, reason);
      }
    } catch (IOException e) {
      return failed(point, seed, folder, "its results could not be read: " + e.getMessage());
    }
    return null;
  }

  /** The figure, NaN when the run failed or did not report it. */
  public double figure(String name) {
    Double value = figures.get(name);
    return value == null ? Double.NaN : value;
  }
}
