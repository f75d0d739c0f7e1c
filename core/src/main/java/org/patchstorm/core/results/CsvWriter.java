package org.patchstorm.core.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Streams rows of a CSV file (RFC 4180 quoting, {@code \n} line ends, UTF-8). Numbers are written
 * by {@link #formatNumber(double)} so the same values always give the same bytes, whatever the
 * locale or JVM. Each row is flushed as it is written, so a reader (or a killed process) finds
 * whole rows only.
 */
public final class CsvWriter implements AutoCloseable {

  /** Significant digits kept for non-integral numbers (whole-number digits are never dropped). */
  public static final int SIGNIFICANT_DIGITS = 6;

  private final Writer out;
  private final String fileName;
  private final int columns;
  private final StringBuilder line = new StringBuilder(256);
  private boolean closed;

  CsvWriter(Writer out, List<String> header) {
    this(out, header, "the CSV file");
  }

  CsvWriter(Writer out, List<String> header, String fileName) {
    this.fileName = fileName;
    if (header.isEmpty()) {
      throw new IllegalArgumentException("a CSV needs at least one column");
    }
    this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
    this.columns = header.size();
    row(header);
  }

  /** A row whose first column is the (virtual) time in seconds, followed by the values. */
  public void row(double timeSeconds, double[] values) {
    checkWidth(values.length + 1);
    line.setLength(0);
    line.append(formatNumber(timeSeconds));
    for (double value : values) {
      line.append(',').append(formatNumber(value));
    }
    write();
  }

  /** A row of text cells, quoted where needed. */
  public void row(List<String> cells) {
    checkWidth(cells.size());
    line.setLength(0);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(quote(cells.get(i)));
    }
    write();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new ResultsWriteFailure(fileName, e);
    }
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * The number rule: integral values are written without decimals ({@code 3.0 -> 3}, {@code
   * 1e20 -> 100000000000000000000}); other values are rounded half-up to {@value
   * #SIGNIFICANT_DIGITS} significant digits, or to whole-number precision if they have more
   * integer digits than that ({@code 1234567.89 -> 1234568}), with trailing zeros removed. Never
   * scientific notation, never a locale's decimal comma; {@code -0} becomes {@code 0}. NaN and
   * infinities are written {@code NaN}, {@code inf}, {@code -inf}.
   */
  public static String formatNumber(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(value);
    int integerDigits = exact.precision() - exact.scale();
    int precision = Math.max(SIGNIFICANT_DIGITS, integerDigits);
    BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_UP));
    String text = rounded.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** RFC 4180: a cell with a comma, quote or line break is quoted, inner quotes doubled. */
  public static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }

  private void checkWidth(int width) {
    if (closed) {
      throw new IllegalStateException("CSV writer is closed");
    }
    if (width != columns) {
      throw new IllegalArgumentException(
          "row has " + width + " columns but the header has " + columns);
    }
  }

  private void write() {
    line.append('\n');
    try {
      out.write(line.toString());
      out.flush();
    } catch (IOException e) {
      throw new ResultsWriteFailure(fileName, e);
    }
  }
}
