package org.patchstorm.core.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The binary form of a batch of events that crosses JVMs: a count, then per event its time,
 * target, sender and sender sequence, then the payload as the model's codec writes it. Times and
 * sequences are delta-free fixed-width longs: simple, and batches are short-lived.
 */
public final class BatchCodec {
  private static final int VERSION = 1;

  private BatchCodec() {}

  /** Encodes {@code events} ({@code null} means none). */
  public static byte[] encode(EventBuffer events, PayloadCodec codec) {
    int size = events == null ? 0 : events.size();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + size * 26);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeLong(events.time(i));
        out.writeInt(events.target(i));
        out.writeInt(events.sender(i));
        out.writeLong(events.seq(i));
        codec.write(events.payload(i), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a batch of " + size + " events", e);
    }
    return bytes.toByteArray();
  }

  /** Decodes what {@link #encode} wrote; an empty batch decodes to an empty buffer. */
  public static EventBuffer decode(byte[] encoded, PayloadCodec codec) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("batch format version " + version + ", expected " + VERSION
            + " (are all members running the same Patchstorm version?)");
      }
      int size = in.readInt();
      EventBuffer events = new EventBuffer(size);
      for (int i = 0; i < size; i++) {
        long time = in.readLong();
        int target = in.readInt();
        int sender = in.readInt();
        long seq = in.readLong();
        events.add(time, target, sender, seq, codec.read(in));
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes after " + size + " events");
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a batch of " + encoded.length + " bytes", e);
    }
  }
}
