package org.patchstorm.core.reality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchstorm.core.config.ConfigProblem;

class RealityCurveFileTest {

  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("curve.csv");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private ConfigProblem problem(String... lines) throws IOException {
    Path f = file(lines);
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> RealityCurveFile.read(f));
    assertEquals(f.toString(), p.file(), p.describe());
    return p;
  }

  @Test
  void readsCommentsHeaderAndQuotedSources() throws IOException {
    Path f = file(
        "# a comment, with a comma",
        "",
        RealityCurveFile.HEADER,
        "0,1.0,A,normal",
        "19.25, 0.01875 ,D,\"150 k of ~8 M, at 22:15\"",
        "# between points",
        "48,0.9,M,\"day three\"");
    RealityCurve curve = RealityCurveFile.read(f);
    assertEquals("curve.csv", curve.name());
    assertEquals(List.of(
        new RealityCurve.Point(0, 1.0, RealityCurve.Tag.A, "normal"),
        new RealityCurve.Point(19.25, 0.01875, RealityCurve.Tag.D, "150 k of ~8 M, at 22:15"),
        new RealityCurve.Point(48, 0.9, RealityCurve.Tag.M, "day three")), curve.points());
  }

  @Test
  void everyShippedCurveReadsAndStartsNormalAtTheTrigger() throws IOException {
    List<Path> shipped;
    try (Stream<Path> files = Files.list(Path.of("..", "config", "reality"))) {
      shipped = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    assertEquals(List.of("ddos-2017.csv", "skype-2007.csv", "skype-2010.csv"),
        shipped.stream().map(p -> p.getFileName().toString()).toList());
    for (Path p : shipped) {
      RealityCurve curve = RealityCurveFile.read(p);
      assertEquals(new RealityCurve.Point(0, 1.0, RealityCurve.Tag.A, curve.points().get(0).source()),
          curve.points().get(0), p + ": normal at the trigger, an assumption");
      for (RealityCurve.Point point : curve.points()) {
        assertTrue(point.fractionOfNormal() <= 1, p + ": " + point);
        if (point.tag() == RealityCurve.Tag.D) {
          assertTrue(point.source().contains("/"), p + ": a derived value says how: " + point);
        }
      }
    }
  }

  @Test
  void aWrongHeaderIsNamedWithItsLine() throws IOException {
    ConfigProblem p = problem("# c", "hours,fraction,tag,source", "0,1,A,x");
    assertEquals(2, p.line(), p.describe());
    assertTrue(p.describe().contains(RealityCurveFile.HEADER), p.describe());
  }

  @Test
  void aValueThatIsNotANumberIsNamedWithItsLineAndColumn() throws IOException {
    ConfigProblem p = problem(RealityCurveFile.HEADER, "0,1,A,x", "3,half,D,y");
    assertEquals(3, p.line(), p.describe());
    assertTrue(p.describe().contains("fraction_of_normal must be a number, got \"half\""), p.describe());
  }

  @Test
  void javaNumberFormsThatAreNotPlainDecimalsAreRefused() throws IOException {
    for (String odd : new String[] {"1d", "0x1p3", "Infinity", "2f", "1_0"}) {
      ConfigProblem p = problem(RealityCurveFile.HEADER, odd + ",1,A,x");
      assertTrue(p.describe().contains("hours_after_trigger must be a number, got \"" + odd + "\""),
          p.describe());
    }
    assertEquals(2, RealityCurveFile.read(file(RealityCurveFile.HEADER, "0,1,A,x", "1.5e1,.5,A,y"))
        .points().size(), "plain decimals, exponents and a leading point are numbers");
  }

  @Test
  void aPercentageWrittenAsAFractionIsRefused() throws IOException {
    ConfigProblem p = problem(RealityCurveFile.HEADER, "0,40,A,x");
    assertEquals(2, p.line());
    assertTrue(p.describe().contains("not a percentage"), p.describe());
  }

  @Test
  void negativeOrNonIncreasingTimesAreRefused() throws IOException {
    assertTrue(problem(RealityCurveFile.HEADER, "-1,1,A,x").describe().contains("at least 0"));
    ConfigProblem p = problem(RealityCurveFile.HEADER, "2,1,A,x", "2,0.5,A,y");
    assertEquals(3, p.line());
    assertTrue(p.describe().contains("must increase"), p.describe());
  }

  @Test
  void anUnknownTagOrEmptySourceIsRefused() throws IOException {
    assertTrue(problem(RealityCurveFile.HEADER, "0,1,X,x").describe().contains("tag must be one of M"));
    assertTrue(problem(RealityCurveFile.HEADER, "0,1,A,\"\"").describe().contains("source is empty"));
  }

  @Test
  void aLineWithTheWrongNumberOfValuesSaysToQuoteCommas() throws IOException {
    ConfigProblem p = problem(RealityCurveFile.HEADER, "0,1,A,a, b");
    assertEquals(2, p.line());
    assertTrue(p.describe().contains("got 5") && p.describe().contains("quote"), p.describe());
  }

  @Test
  void anUnclosedQuoteIsNamedWithItsLine() throws IOException {
    ConfigProblem p = problem(RealityCurveFile.HEADER, "0,1,A,x", "1,0.5,A,\"never closed");
    assertEquals(3, p.line(), p.describe());
    assertTrue(p.describe().contains("not a valid CSV line"), p.describe());
    assertTrue(!p.describe().contains("Exception"), p.describe());
  }

  @Test
  void emptyOrHeaderOnlyFilesAreRefused() throws IOException {
    assertTrue(problem("# only a comment").describe().contains("empty"));
    assertTrue(problem(RealityCurveFile.HEADER).describe().contains("no points"));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.csv");
    ConfigProblem p = assertThrows(ConfigProblem.class, () -> RealityCurveFile.read(missing));
    assertEquals(missing.toString(), p.file());
    assertTrue(p.describe().contains("does not exist"), p.describe());
  }
}
