package org.patchstorm.core.results;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every file operation of a results folder, in one place: the boundary where a full disk or a
 * failing file system shows up, and where tests put a stub that fails on purpose.
 */
public interface ResultsDisk {

  /** A file rows are appended to. */
  interface Appender extends Closeable {
    /** Appends all of {@code bytes} or throws. */
    void append(byte[] bytes) throws IOException;

    /** Cuts the file back to {@code length} bytes (to drop a partly written row). */
    void truncate(long length) throws IOException;
  }

  /** Creates (or empties) {@code file} for appending. */
  Appender append(Path file) throws IOException;

  /** Creates or replaces {@code file} with {@code bytes}. */
  void write(Path file, byte[] bytes) throws IOException;

  /**
   * Writes {@code bytes} over the start of the existing {@code file}, which is at least as long:
   * it needs no new space, so it can still succeed on a full disk.
   */
  void overwrite(Path file, byte[] bytes) throws IOException;

  /** Renames atomically, replacing {@code to} if it is a file. */
  void move(Path from, Path to) throws IOException;

  void deleteIfExists(Path file) throws IOException;

  /** The file system itself. */
  ResultsDisk LOCAL = new ResultsDisk() {
    @Override
    public Appender append(Path file) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      return new Appender() {
        @Override
        public void append(byte[] bytes) throws IOException {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }

        @Override
        public void truncate(long length) throws IOException {
          channel.truncate(length);
          channel.position(length);
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    }

    @Override
    public void write(Path file, byte[] bytes) throws IOException {
      Files.write(file, bytes);
    }

    @Override
    public void overwrite(Path file, byte[] bytes) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        if (channel.size() < bytes.length) {
          throw new IOException(file + " is shorter than what is to be written over it");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // A longer old text must not leave its tail behind (cutting needs no new space).
        channel.truncate(bytes.length);
        channel.force(true);
      }
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
      Files.deleteIfExists(file);
    }
  };
}
