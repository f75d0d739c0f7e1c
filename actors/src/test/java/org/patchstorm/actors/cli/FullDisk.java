package org.patchstorm.actors.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A disk that fills up at a chosen write: after {@code writesBefore} writes to {@code fileName}
 * the next one takes half its bytes and fails with "No space left on device", as a real full disk
 * does, and every later new byte fails too. Writing over bytes a file already has still works,
 * as on a real file system, unless {@code overwriteFails}.
 */
final class FullDisk extends LocalDisk {
  private final String fileName;
  private final boolean overwriteFails;
  private int writesBefore;
  private boolean full;

  FullDisk(String fileName, int writesBefore, boolean overwriteFails) {
    this.fileName = fileName;
    this.writesBefore = writesBefore;
    this.overwriteFails = overwriteFails;
  }

  /** Fails (after taking part of {@code bytes}) once the disk is full or fills up now. */
  private synchronized byte[] admit(Path file, byte[] bytes) {
    if (!full && file.getFileName().toString().startsWith(fileName) && writesBefore-- == 0) {
      full = true;
    }
    return full ? Arrays.copyOf(bytes, bytes.length / 2) : null;
  }

  private static IOException noSpace() {
    return new IOException("No space left on device");
  }

  @Override
  public Appender append(Path file) throws IOException {
    Appender local = LOCAL.append(file);
    return new Appender() {
      @Override
      public void append(byte[] bytes) throws IOException {
        byte[] part = admit(file, bytes);
        local.append(part == null ? bytes : part);
        if (part != null) {
          throw noSpace();
        }
      }

      @Override
      public void truncate(long length) throws IOException {
        local.truncate(length);
      }

      @Override
      public void close() throws IOException {
        local.close();
      }
    };
  }

  @Override
  public void write(Path file, byte[] bytes) throws IOException {
    byte[] part = admit(file, bytes);
    LOCAL.write(file, part == null ? bytes : part);
    if (part != null) {
      throw noSpace();
    }
  }

  @Override
  public void overwrite(Path file, byte[] bytes) throws IOException {
    if (overwriteFails) {
      throw new IOException("Input/output error");
    }
    super.overwrite(file, bytes);
  }
}
