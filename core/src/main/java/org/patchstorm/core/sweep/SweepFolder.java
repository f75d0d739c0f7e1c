package org.patchstorm.core.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchstorm.core.results.ResultsDisk;
import org.patchstorm.core.results.ResultsProblem;
import org.patchstorm.core.results.ResultsWriteFailure;

/**
 * The folder of a sweep: {@code sweep.conf} (the sweep file as run), {@code sweep.json} (where it
 * came from, the {@code --set} overrides, status and counts), {@code runs/} with one results
 * folder per run, and, when runs have finished, {@code runs.csv}, {@code points.csv}, the charts
 * and {@code report.html}.
 */
public final class SweepFolder {
  public static final String SWEEP_COPY = "sweep.conf";
  public static final String STATUS_FILE = "sweep.json";
  public static final String RUNS_DIR = "runs";

  /** How far the sweep got. */
  public enum Status { RUNNING, COMPLETE, INTERRUPTED, FAILED }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Path dir;
  private final ResultsDisk disk;

  private SweepFolder(Path dir, ResultsDisk disk) {
    this.dir = dir;
    this.disk = disk;
  }

  /**
   * A new sweep folder: {@code out} (which must not exist or be empty), or {@code
   * results/sweep-<name>-<time>}. {@code wallClock} only names the folder.
   */
  public static SweepFolder create(Path out, Path resultsRoot, Sweep sweep, Clock wallClock) {
    return create(out, resultsRoot, sweep, wallClock, ResultsDisk.LOCAL);
  }

  /** As {@link #create(Path, Path, Sweep, Clock)}, writing its files through {@code disk}. */
  public static SweepFolder create(
      Path out, Path resultsRoot, Sweep sweep, Clock wallClock, ResultsDisk disk) {
    try {
      Path dir = out;
      if (dir == null) {
        String base = "sweep-" + sweep.name() + "-" + LocalDateTime.now(wallClock).format(STAMP);
        dir = resultsRoot.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
          dir = resultsRoot.resolve(base + "-" + n);
        }
      } else if (Files.exists(dir) && !isEmptyDirectory(dir)) {
        throw new ResultsProblem("The sweep folder " + dir + (Files.isDirectory(dir)
            ? " is not empty; choose another --out, or go on with a sweep there with --resume "
                + dir
            : " exists and is not a folder; choose another --out") + ".");
      }
      Files.createDirectories(dir.resolve(RUNS_DIR));
      SweepFolder folder = new SweepFolder(dir, disk);
      folder.write(SWEEP_COPY, sweep.text());
      return folder;
    } catch (IOException e) {
      throw new ResultsProblem("Cannot create the sweep folder: " + e, e);
    }
  }

  /** An existing sweep folder, to resume. */
  public static SweepFolder open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(STATUS_FILE)) || !Files.isRegularFile(dir.resolve(SWEEP_COPY))) {
      throw new ResultsProblem("--resume " + dir + ": not a sweep folder (it has no "
          + STATUS_FILE + " and " + SWEEP_COPY + ").");
    }
    return new SweepFolder(dir, ResultsDisk.LOCAL);
  }

  public Path dir() {
    return dir;
  }

  /** Where every file of the sweep goes through, its runs' folders included. */
  public ResultsDisk disk() {
    return disk;
  }

  /** What sweep.json recorded: the sweep file as the user named it, and the overrides. */
  public record Origin(Path sweepFile, List<String> overrides, String text) {}

  public Origin origin() {
    try {
      JsonNode status = JSON.readTree(dir.resolve(STATUS_FILE).toFile());
      List<String> overrides = new ArrayList<>();
      status.path("overrides").forEach(o -> overrides.add(o.asText()));
      return new Origin(Path.of(status.path("file").asText()), overrides,
          Files.readString(dir.resolve(SWEEP_COPY), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ResultsProblem("--resume " + dir + ": cannot read " + STATUS_FILE + ": " + e, e);
    }
  }

  /** The folder of one run, relative to the sweep folder: {@code runs/p03_fixed_0.15_seed7}. */
  public static String runFolder(Sweep sweep, SweepPoint point, long seed) {
    return RUNS_DIR + "/" + sweep.pointName(point) + "_seed" + seed;
  }

  /** sweep.json; {@code reason} says why a sweep that stopped short {@link Status#FAILED}. */
  public void writeStatus(SweepPlan plan, Status status, int completed, int failed,
      String reason) {
    ObjectNode json = JSON.createObjectNode();
    json.put("sweep", plan.sweep().name());
    json.put("file", plan.sweep().file().toString());
    json.putPOJO("overrides", plan.overrides());
    json.put("points", plan.points().size());
    json.putPOJO("seeds", plan.sweep().seeds());
    json.put("runs", plan.runCount());
    json.put("status", status.name().toLowerCase(Locale.ROOT));
    json.put("completed", completed);
    json.put("failed", failed);
    if (reason != null) {
      json.put("reason", reason);
    }
    try {
      write(STATUS_FILE, JSON.writeValueAsString(json) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sweep.json cannot be written as JSON", e);
    }
  }

  /**
   * runs.csv and points.csv of the runs finished so far; with {@code charts}, also the charts
   * and report.html.
   */
  public void writeOutputs(SweepPlan plan, List<RunRecord> records, boolean charts) {
    List<RunRecord> ordered = SweepTables.inSweepOrder(plan, records);
    List<PointSummary> points = SweepTables.summarise(plan, ordered);
    write("runs.csv", SweepTables.runsCsv(plan, ordered));
    write("points.csv", SweepTables.pointsCsv(plan, points));
    if (charts) {
      Map<String, byte[]> pngs = SweepCharts.renderAll(plan, points);
      pngs.forEach(this::write);
      write("report.html", SweepReport.html(plan, ordered, points, pngs));
    }
  }

  private void write(String name, String content) {
    write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a file atomically through the disk, so an interrupted write never leaves half a table;
   * a full disk is a {@link ResultsWriteFailure} naming the file, and leaves no temporary.
   */
  private void write(String name, byte[] content) {
    Path target = dir.resolve(name);
    Path temporary = dir.resolve(name + ".tmp");
    try {
      disk.write(temporary, content);
      disk.move(temporary, target);
    } catch (IOException e) {
      try {
        disk.deleteIfExists(temporary);
      } catch (IOException cannot) {
        e.addSuppressed(cannot);
      }
      throw new ResultsWriteFailure(name, e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
