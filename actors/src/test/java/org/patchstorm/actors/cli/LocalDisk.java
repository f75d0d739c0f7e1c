package org.patchstorm.actors.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.patchstorm.core.results.ResultsDisk;

/** The local disk, for test disks to override the operations they make fail or slow. */
class LocalDisk implements ResultsDisk {
  @Override
  public Appender append(Path file) throws IOException {
    return LOCAL.append(file);
  }

  @Override
  public void write(Path file, byte[] bytes) throws IOException {
    LOCAL.write(file, bytes);
  }

  @Override
  public void overwrite(Path file, byte[] bytes) throws IOException {
    LOCAL.overwrite(file, bytes);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    LOCAL.move(from, to);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    LOCAL.deleteIfExists(file);
  }
}
