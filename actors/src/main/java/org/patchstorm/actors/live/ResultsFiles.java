package org.patchstorm.actors.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The run's results folder, read-only, for the dashboard's links: a file is served only if its
 * name, resolved inside the folder, stays inside it (no "..", no absolute path, no symbolic link
 * out of it). The folder is asked for each time, since it is renamed when the run completes.
 */
final class ResultsFiles {
  private static final String INCOMPLETE = ".incomplete";
  private final Supplier<Path> folder;

  ResultsFiles(Supplier<Path> folder) {
    this.folder = folder;
  }

  /**
   * The folder as it is named now (the completed name once the working name is gone); before
   * the run has made it, a path that does not exist.
   */
  Path folder() {
    Path given = folder.get();
    if (given == null) {
      return Path.of("results-folder-not-created-yet").toAbsolutePath();
    }
    Path dir = given.toAbsolutePath().normalize();
    String name = dir.getFileName().toString();
    if (!Files.isDirectory(dir) && name.endsWith(INCOMPLETE)) {
      Path completed = dir.resolveSibling(name.substring(0, name.length() - INCOMPLETE.length()));
      if (Files.isDirectory(completed)) {
        return completed;
      }
    }
    return dir;
  }

  /** Regular files in the folder and its subfolders, as relative names with '/'. */
  List<String> list() throws IOException {
    Path dir = folder();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(name -> !name.contains(".tmp"))
          .sorted()
          .toList();
    }
  }

  /** The file {@code name} inside the folder, if it is a regular file there. */
  Optional<Path> resolve(String name) throws IOException {
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.startsWith("/") || name.contains("\\")) {
      return Optional.empty();
    }
    Path dir = folder();
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    // A symbolic link on the way (a linked subfolder) could lead out: compare real paths.
    if (!file.toRealPath().startsWith(dir.toRealPath())) {
      return Optional.empty();
    }
    return Optional.of(file);
  }
}
