package org.patchstorm.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void integersHaveNoDecimals() {
    assertEquals("3", CsvWriter.formatNumber(3.0));
    assertEquals("-42", CsvWriter.formatNumber(-42.0));
    assertEquals("0", CsvWriter.formatNumber(-0.0));
    assertEquals("86400", CsvWriter.formatNumber(86400.0));
    // 1e20 is an integer; written out in full rather than as 1.0E20.
    assertEquals("100000000000000000000", CsvWriter.formatNumber(1e20));
  }

  @Test
  void fractionsKeepSixSignificantDigits() {
    assertEquals("0.1", CsvWriter.formatNumber(0.1));
    assertEquals("12.5", CsvWriter.formatNumber(12.5));
    assertEquals("-2.25", CsvWriter.formatNumber(-2.25));
    assertEquals("0.333333", CsvWriter.formatNumber(1.0 / 3));
    assertEquals("0.666667", CsvWriter.formatNumber(2.0 / 3));
    assertEquals("86400.1", CsvWriter.formatNumber(86400.123456));
    assertEquals("0.000123457", CsvWriter.formatNumber(0.000123456789));
    assertEquals("0.0000001", CsvWriter.formatNumber(1e-7));
    // More than six integer digits: rounded to a whole number, never to 1234570.
    assertEquals("1234568", CsvWriter.formatNumber(1234567.89));
    assertEquals("1000000", CsvWriter.formatNumber(999999.7));
  }

  @Test
  void nonFiniteValuesHaveFixedSpellings() {
    assertEquals("NaN", CsvWriter.formatNumber(Double.NaN));
    assertEquals("inf", CsvWriter.formatNumber(Double.POSITIVE_INFINITY));
    assertEquals("-inf", CsvWriter.formatNumber(Double.NEGATIVE_INFINITY));
  }

  @Test
  void formattingIgnoresTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // decimal comma
      assertEquals("0.5", CsvWriter.formatNumber(0.5));
      assertEquals("1234.5", CsvWriter.formatNumber(1234.5));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void writesHeaderAndRowsWithQuotingOnClose() {
    StringWriter out = new StringWriter();
    try (CsvWriter csv = new CsvWriter(out, List.of("time_s", "online", "note"))) {
      csv.row(0.5, new double[] {10, 0.25});
      csv.row(List.of("1", "a,b", "say \"hi\""));
    }
    assertEquals(
        "time_s,online,note\n0.5,10,0.25\n1,\"a,b\",\"say \"\"hi\"\"\"\n", out.toString());
  }

  @Test
  void rowWidthMustMatchHeader() {
    CsvWriter csv = new CsvWriter(new StringWriter(), List.of("time_s", "a"));
    assertThrows(IllegalArgumentException.class, () -> csv.row(1.0, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> csv.row(List.of("x")));
  }
}
