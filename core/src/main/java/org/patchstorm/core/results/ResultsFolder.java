package org.patchstorm.core.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folder one run writes its results to. While the run goes it is named {@code
 * <final>.incomplete}; only {@link #complete} renames it to its final name, so a killed or failed
 * run never leaves a folder that looks complete. Default final name: {@code
 * <resultsRoot>/<experiment>-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}, ... if taken; or the
 * user's {@code --out DIR}, which must not exist or be empty.
 */
public final class ResultsFolder {

  public static final String INCOMPLETE_SUFFIX = ".incomplete";
  public static final String MANIFEST_FILE = "manifest.json";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /** Pretty JSON with "\n" line ends on every OS and map keys sorted, so files are stable. */
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private final Path workingDir;
  private final Path finalDir;
  private final List<CsvWriter> openCsvs = new ArrayList<>();
  private boolean finished;

  private ResultsFolder(Path workingDir, Path finalDir) {
    this.workingDir = workingDir;
    this.finalDir = finalDir;
  }

  /**
   * Creates the working folder. {@code wallClock} only names the folder; nothing measured reads
   * it.
   */
  public static ResultsFolder create(
      Path outOrNull, Path resultsRoot, String experimentName, Clock wallClock) {
    try {
      return outOrNull != null
          ? createAt(outOrNull)
          : createUnder(resultsRoot, experimentName, wallClock);
    } catch (IOException e) {
      throw new ResultsProblem("Cannot create the results folder: " + e, e);
    }
  }

  private static ResultsFolder createAt(Path out) throws IOException {
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new ResultsProblem(
          "The output folder "
              + out
              + (Files.isDirectory(out) ? " is not empty" : " exists and is not a folder")
              + "; choose another --out, or leave --out away to get a new folder under results/.");
    }
    Path working = incompleteName(out);
    if (Files.exists(working)) {
      throw new ResultsProblem(
          "The folder "
              + working
              + " is left over from an earlier run that did not finish; delete it or choose "
              + "another --out.");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.createDirectory(working);
    return new ResultsFolder(working, out);
  }

  private static ResultsFolder createUnder(Path root, String experimentName, Clock wallClock)
      throws IOException {
    Files.createDirectories(root);
    String base = safeName(experimentName) + "-" + LocalDateTime.now(wallClock).format(STAMP);
    for (int attempt = 1; ; attempt++) {
      Path candidate = root.resolve(attempt == 1 ? base : base + "-" + attempt);
      Path working = incompleteName(candidate);
      if (Files.exists(candidate) || Files.exists(working)) {
        continue;
      }
      try {
        // createDirectory is atomic, so two runs started in the same second get different names.
        Files.createDirectory(working);
        return new ResultsFolder(working, candidate);
      } catch (FileAlreadyExistsException taken) {
        // Lost the race for this name; try the next suffix.
      }
    }
  }

  /** Letters, digits, '.', '_' and '-' survive; anything else becomes '-'. */
  static String safeName(String experimentName) {
    String safe = experimentName.replaceAll("[^A-Za-z0-9._-]", "-");
    return safe.isEmpty() || safe.startsWith(".") ? "experiment" + safe : safe;
  }

  private static Path incompleteName(Path finalDir) {
    return finalDir.resolveSibling(finalDir.getFileName() + INCOMPLETE_SUFFIX);
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  /** Where files go while the run is going ({@code <final>.incomplete}). */
  public Path workingDir() {
    return workingDir;
  }

  /** The name the folder gets when the run completes. */
  public Path finalDir() {
    return finalDir;
  }

  /** Writes a UTF-8 text file atomically: readers see the old file or the whole new one. */
  public void writeString(String fileName, String content) {
    writeAtomically(fileName, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a value (record, map, list or JsonNode) as pretty-printed JSON, atomically. */
  public void writeJson(String fileName, Object valueOrJsonNode) {
    try {
      writeString(fileName, JSON.writeValueAsString(valueOrJsonNode) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + fileName + " as JSON: " + e, e);
    }
  }

  /** Opens a CSV for streaming rows; written in place (the folder's name marks it unfinished). */
  public CsvWriter openCsv(String fileName, List<String> header) {
    Path file = resolve(fileName);
    try {
      CsvWriter csv = new CsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), header);
      openCsvs.add(csv);
      return csv;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeManifest(Manifest manifest) {
    writeJson(MANIFEST_FILE, manifest);
  }

  /**
   * Closes open CSVs, writes the manifest with status {@code complete} and renames the folder to
   * its final name, which it returns.
   */
  public Path complete(Manifest finalManifest) {
    checkNotFinished();
    closeCsvs();
    writeManifest(finalManifest.withStatus(Manifest.Status.COMPLETE, null));
    try {
      if (Files.exists(finalDir)) {
        // Only an empty --out folder can be here (checked at creation); make room for the rename.
        if (!isEmptyDirectory(finalDir)) {
          throw new ResultsProblem(
              "Cannot complete the run: "
                  + finalDir
                  + " was filled by something else while the run was going; the results are in "
                  + workingDir
                  + ".");
        }
        Files.delete(finalDir);
      }
      Files.move(workingDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ResultsProblem(
          "Cannot rename " + workingDir + " to " + finalDir + ": " + e, e);
    }
    finished = true;
    return finalDir;
  }

  /**
   * Closes open CSVs and writes the manifest with status {@code failed} and the reason; the folder
   * keeps its {@code .incomplete} name.
   */
  public void fail(Manifest manifest, String reason) {
    checkNotFinished();
    closeCsvs();
    writeManifest(manifest.withStatus(Manifest.Status.FAILED, reason));
    finished = true;
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("the results folder is already completed or failed");
    }
  }

  private void closeCsvs() {
    for (CsvWriter csv : openCsvs) {
      csv.close();
    }
    openCsvs.clear();
  }

  private void writeAtomically(String fileName, byte[] bytes) {
    Path target = resolve(fileName);
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file inside the working folder; subfolders are created, escaping the folder is refused. */
  private Path resolve(String fileName) {
    if (finished) {
      throw new IllegalStateException("the results folder is already completed or failed");
    }
    Path relative = Path.of(fileName).normalize();
    if (relative.isAbsolute() || relative.toString().isEmpty() || relative.startsWith("..")) {
      throw new IllegalArgumentException("not a file name inside the results folder: " + fileName);
    }
    Path file = workingDir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
