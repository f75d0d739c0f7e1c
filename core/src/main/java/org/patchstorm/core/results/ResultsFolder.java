package org.patchstorm.core.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The folder one run writes its results to. While the run goes it is named {@code
 * <final>.incomplete}; only {@link #complete} renames it to its final name, so a killed or failed
 * run never leaves a folder that looks complete. Default final name: {@code
 * <resultsRoot>/<experiment>-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}, ... if taken; or the
 * user's {@code --out DIR}, which must not exist or be empty.
 *
 * <p>Every write goes through a {@link ResultsDisk}. Files are written atomically (a temporary
 * file, then a rename), CSV rows one whole row at a time, and the manifest is padded to {@link
 * #MANIFEST_RESERVE} bytes so that marking the run failed can overwrite it in place when the disk
 * is full. Methods are synchronized: the interrupt hook and the run may both try to settle it.
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

  /**
   * Bytes the manifest occupies on disk at least (trailing spaces, which JSON ignores): room for
   * the failed manifest to be written over it without new space.
   */
  static final int MANIFEST_RESERVE = 8192;

  private final Path workingDir;
  private final Path finalDir;
  private final ResultsDisk disk;
  private final List<CsvWriter> openCsvs = new ArrayList<>();
  private boolean finished;

  private ResultsFolder(Path workingDir, Path finalDir, ResultsDisk disk) {
    this.workingDir = workingDir;
    this.finalDir = finalDir;
    this.disk = disk;
  }

  /**
   * Creates the working folder. {@code wallClock} only names the folder; nothing measured reads
   * it.
   */
  public static ResultsFolder create(
      Path outOrNull, Path resultsRoot, String experimentName, Clock wallClock) {
    return create(outOrNull, resultsRoot, experimentName, wallClock, ResultsDisk.LOCAL);
  }

  /** As {@link #create(Path, Path, String, Clock)}, writing its files through {@code disk}. */
  public static ResultsFolder create(
      Path outOrNull, Path resultsRoot, String experimentName, Clock wallClock, ResultsDisk disk) {
    try {
      return outOrNull != null
          ? createAt(outOrNull, disk)
          : createUnder(resultsRoot, experimentName, wallClock, disk);
    } catch (IOException e) {
      throw new ResultsProblem("Cannot create the results folder: " + e, e);
    }
  }

  private static ResultsFolder createAt(Path out, ResultsDisk disk) throws IOException {
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
    return new ResultsFolder(working, out, disk);
  }

  private static ResultsFolder createUnder(
      Path root, String experimentName, Clock wallClock, ResultsDisk disk) throws IOException {
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
        return new ResultsFolder(working, candidate, disk);
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
  public synchronized void writeString(String fileName, String content) {
    writeBytes(fileName, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file (e.g. a PNG) atomically; on failure no partial file or temporary is left. */
  public synchronized void writeBytes(String fileName, byte[] content) {
    Path target = resolve(fileName);
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      disk.write(temporary, content);
      disk.move(temporary, target);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new ResultsWriteFailure(fileName, e);
    }
  }

  /** Writes a value (record, map, list or JsonNode) as pretty-printed JSON, atomically. */
  public synchronized void writeJson(String fileName, Object valueOrJsonNode) {
    writeString(fileName, json(fileName, valueOrJsonNode));
  }

  private static String json(String fileName, Object valueOrJsonNode) {
    try {
      return JSON.writeValueAsString(valueOrJsonNode) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + fileName + " as JSON: " + e, e);
    }
  }

  /**
   * Opens a CSV for streaming rows; written in place (the folder's name marks it unfinished), one
   * whole row at a time: a row the disk cannot take is cut off again, so the file never ends in
   * part of a row.
   */
  public synchronized CsvWriter openCsv(String fileName, List<String> header) {
    Path file = resolve(fileName);
    try {
      Writer rows = new BufferedWriter(
          new OutputStreamWriter(new WholeRows(disk.append(file)), StandardCharsets.UTF_8));
      CsvWriter csv = new CsvWriter(rows, header, fileName);
      openCsvs.add(csv);
      return csv;
    } catch (IOException e) {
      throw new ResultsWriteFailure(fileName, e);
    }
  }

  public synchronized void writeManifest(Manifest manifest) {
    writeString(MANIFEST_FILE, padded(json(MANIFEST_FILE, manifest)));
  }

  /** The manifest's text followed by spaces up to {@link #MANIFEST_RESERVE} bytes. */
  private static String padded(String json) {
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    return bytes >= MANIFEST_RESERVE ? json : json + " ".repeat(MANIFEST_RESERVE - bytes);
  }

  /**
   * Closes open CSVs, writes the manifest with status {@code complete} and renames the folder to
   * its final name, which it returns.
   */
  public synchronized Path complete(Manifest finalManifest) {
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
   * keeps its {@code .incomplete} name. When the disk cannot take a new file (it is full), the
   * manifest is written over the old one in place; only if that fails too does this throw.
   */
  public synchronized void fail(Manifest manifest, String reason) {
    checkNotFinished();
    try {
      closeCsvs();
    } catch (ResultsWriteFailure e) {
      // The CSVs hold whole rows whatever happened; the manifest says why the run failed.
    }
    Manifest failed = manifest.withStatus(Manifest.Status.FAILED, reason);
    try {
      writeManifest(failed);
    } catch (ResultsWriteFailure noNewFile) {
      overwriteManifest(failed, noNewFile);
    }
    finished = true;
  }

  /** True once the folder is completed or marked failed. */
  public synchronized boolean isFinished() {
    return finished;
  }

  private void overwriteManifest(Manifest failed, ResultsWriteFailure first) {
    String text = json(MANIFEST_FILE, failed);
    if (text.getBytes(StandardCharsets.UTF_8).length > MANIFEST_RESERVE) {
      String reason = failed.failureReason();
      text = json(MANIFEST_FILE, failed.withStatus(Manifest.Status.FAILED,
          reason.substring(0, Math.min(reason.length(), MANIFEST_RESERVE / 4)) + " ..."));
    }
    try {
      disk.overwrite(workingDir.resolve(MANIFEST_FILE),
          padded(text).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      first.addSuppressed(e);
      throw first;
    }
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("the results folder is already completed or failed");
    }
  }

  private void closeCsvs() {
    List<CsvWriter> closing = new ArrayList<>(openCsvs);
    openCsvs.clear();
    ResultsWriteFailure failure = null;
    for (CsvWriter csv : closing) {
      try {
        csv.close();
      } catch (ResultsWriteFailure e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void deleteQuietly(Path file) {
    try {
      disk.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more can be done; the folder's name and manifest still say it is unfinished.
    }
  }

  /**
   * The bytes of a CSV as rows are flushed: a row counts once it is flushed whole. When a write
   * fails (a full disk may take part of a row), the file is cut back to the last whole row.
   */
  private static final class WholeRows extends OutputStream {
    private final ResultsDisk.Appender file;
    private long whole;
    private long written;

    WholeRows(ResultsDisk.Appender file) {
      this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        file.append(Arrays.copyOfRange(bytes, offset, offset + length));
        written += length;
      } catch (IOException e) {
        try {
          file.truncate(whole);
          written = whole;
        } catch (IOException cut) {
          e.addSuppressed(cut);
        }
        throw e;
      }
    }

    @Override
    public void flush() {
      whole = written;
    }

    @Override
    public void close() throws IOException {
      file.close();
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
