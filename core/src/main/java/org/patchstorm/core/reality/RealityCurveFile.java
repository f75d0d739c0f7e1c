package org.patchstorm.core.reality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.patchstorm.core.config.ConfigProblem;

/**
 * Reads a reality curve: a CSV file with '#' comment lines and the header {@value #HEADER}, one
 * point per line, e.g. {@code 19.25,0.019,D,"150 k of ~8 M online at 22:15 GMT"}. The source
 * text is quoted when it holds commas. Every mistake is a {@link ConfigProblem} naming the file
 * and line.
 */
public final class RealityCurveFile {

  /** The header line every curve starts with (after comments). */
  public static final String HEADER = "hours_after_trigger,fraction_of_normal,tag,source";

  private static final List<String> COLUMNS = List.of(HEADER.split(","));
  /** Fractions above this are a typo (a percentage written as a fraction), never a real level. */
  static final double MAX_FRACTION = 2;

  private RealityCurveFile() {}

  public static RealityCurve read(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw ConfigProblem.inFile(name, -1, null, "the reality curve file does not exist or is not readable");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ConfigProblem.inFile(name, -1, null, "cannot read the file: " + e.getMessage());
    }
    List<RealityCurve.Point> points = new ArrayList<>();
    boolean headerSeen = false;
    // Line by line, so that every problem names its line; the CSV reader splits one line (with
    // quoted commas) at a time.
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank() || text.stripLeading().startsWith("#")) {
        continue;
      }
      int line = i + 1;
      String[] row = split(text, name, line);
      if (!headerSeen) {
        if (!List.of(row).equals(COLUMNS)) {
          throw ConfigProblem.inFile(name, line, null,
              "expected the header \"" + HEADER + "\", got \"" + text.strip() + "\"");
        }
        headerSeen = true;
        continue;
      }
      points.add(point(row, name, line, points));
    }
    if (!headerSeen) {
      throw ConfigProblem.inFile(name, -1, null, "the file is empty: expected the header \"" + HEADER + "\" and points");
    }
    if (points.isEmpty()) {
      throw ConfigProblem.inFile(name, -1, null, "the file has a header but no points");
    }
    return new RealityCurve(file.getFileName().toString(), points);
  }

  private static final ObjectReader ROW = new CsvMapper()
      .enable(CsvParser.Feature.TRIM_SPACES)
      .readerFor(String[].class)
      .with(CsvSchema.emptySchema());

  private static String[] split(String text, String file, int line) {
    try {
      return ROW.readValue(text);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw ConfigProblem.inFile(file, line, null, "not a valid CSV line: " + why);
    }
  }

  private static RealityCurve.Point point(String[] row, String file, int line, List<RealityCurve.Point> before) {
    if (row.length != COLUMNS.size()) {
      throw ConfigProblem.inFile(file, line, null, "expected " + COLUMNS.size() + " values (" + HEADER
          + "), got " + row.length + "; quote a source text that holds commas");
    }
    double hours = number(row[0], COLUMNS.get(0), file, line);
    if (hours < 0) {
      throw ConfigProblem.inFile(file, line, null, COLUMNS.get(0) + " must be at least 0, got " + row[0]);
    }
    if (!before.isEmpty() && hours <= before.get(before.size() - 1).hoursAfterTrigger()) {
      throw ConfigProblem.inFile(file, line, null, COLUMNS.get(0) + " must increase from line to line, got "
          + row[0] + " after " + before.get(before.size() - 1).hoursAfterTrigger());
    }
    double fraction = number(row[1], COLUMNS.get(1), file, line);
    if (fraction < 0 || fraction > MAX_FRACTION) {
      throw ConfigProblem.inFile(file, line, null, COLUMNS.get(1) + " must be between 0 and " + MAX_FRACTION
          + " (a fraction, not a percentage), got " + row[1]);
    }
    RealityCurve.Tag tag = tag(row[2], file, line);
    if (row[3].isBlank()) {
      throw ConfigProblem.inFile(file, line, null, "the source is empty: say where the value comes from");
    }
    return new RealityCurve.Point(hours, fraction, tag, row[3]);
  }

  /** A plain decimal number: Java's parser would also take "1d", "0x1p3" or "Infinity". */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private static double number(String text, String column, String file, int line) {
    if (!DECIMAL.matcher(text).matches()) {
      throw ConfigProblem.inFile(file, line, null, column + " must be a number, got \"" + text + "\"");
    }
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigProblem.inFile(file, line, null, column + " must be a number, got \"" + text + "\"");
  }

  private static RealityCurve.Tag tag(String text, String file, int line) {
    for (RealityCurve.Tag tag : RealityCurve.Tag.values()) {
      if (tag.name().equals(text)) {
        return tag;
      }
    }
    throw ConfigProblem.inFile(file, line, null,
        "tag must be one of M (measured), S (press), D (derived), A (assumption), got \"" + text + "\"");
  }
}
