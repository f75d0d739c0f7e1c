package org.patchstorm.actors.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.patchstorm.core.report.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./run.sh compare A B [C...] [--out DIR]}: results folders side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares runs: writes report.html and PNGs with each series of the runs overlaid, their"
          + " summary figures side by side with the differences from the first run, and the"
          + " settings in which their experiments differ.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the comparison was written",
      "2:bad input: a folder is not a run's, or cannot be read; --out is not empty",
      "4:the comparison could not be written, e.g. a full disk"
    },
    footer = {"", "Example:",
      "  ./run.sh compare results/skype-2007-20261202-101500 results/skype-2007-fixed-20261202-102000"})
final class CompareCommand implements Callable<Integer> {

  @ParentCommand private Main main;

  @Parameters(arity = "2..*", paramLabel = "FOLDER", description = "Results folders of runs.")
  private List<Path> folders;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write (must not exist or be empty). Default: results/compare-<time>.")
  private Path out;

  @Override
  public Integer call() {
    Path dir = out != null ? out : Path.of("results", "compare-" + LocalDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    Comparison comparison;
    try {
      if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
        throw new Main.BadArgument("The folder " + dir + " is not empty; choose another --out");
      }
      comparison = Comparison.of(folders);
    } catch (IllegalArgumentException | Main.BadArgument e) {
      main.stderr().println("Error: " + e.getMessage() + ".");
      return 2;
    } catch (IOException | UncheckedIOException e) {
      main.stderr().println("Error: cannot read the runs to compare: " + e.getMessage());
      return 2;
    }
    try {
      Path report = comparison.write(dir);
      main.stdout().println("Comparison: " + report);
      return 0;
    } catch (IOException | UncheckedIOException e) {
      main.stderr().println("Error: the comparison could not be written in " + dir + ": "
          + e.getMessage());
      return ExperimentRunner.EXIT_NOT_WRITTEN;
    }
  }
}
