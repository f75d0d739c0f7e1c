package org.patchstorm.core.metrics;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The binary form of an {@link IntervalSnapshot} that crosses JVMs: row, events delivered, the
 * counter totals, then each histogram in HdrHistogram's compressed encoding (which keeps every
 * count, so merged rows are exactly those of one JVM).
 */
public final class SnapshotCodec {

  private SnapshotCodec() {}

  public static byte[] encode(IntervalSnapshot snapshot) {
    Histogram[] histograms = snapshot.histograms();
    byte[][] compressed = new byte[histograms.length][];
    int size = 4 + 8 + 4 + 8 * snapshot.counterTotals().length + 4;
    for (int i = 0; i < histograms.length; i++) {
      ByteBuffer target = ByteBuffer.allocate(histograms[i].getNeededByteBufferCapacity());
      int length = histograms[i].encodeIntoCompressedByteBuffer(target);
      compressed[i] = java.util.Arrays.copyOf(target.array(), length);
      size += 4 + length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(snapshot.row());
    out.putLong(snapshot.eventsDelivered());
    out.putInt(snapshot.counterTotals().length);
    for (long total : snapshot.counterTotals()) {
      out.putLong(total);
    }
    out.putInt(compressed.length);
    for (byte[] h : compressed) {
      out.putInt(h.length);
      out.put(h);
    }
    return out.array();
  }

  public static IntervalSnapshot decode(byte[] encoded) {
    ByteBuffer in = ByteBuffer.wrap(encoded);
    int row = in.getInt();
    long events = in.getLong();
    long[] totals = new long[in.getInt()];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = in.getLong();
    }
    Histogram[] histograms = new Histogram[in.getInt()];
    for (int i = 0; i < histograms.length; i++) {
      int length = in.getInt();
      // A buffer of its own: HdrHistogram's decoder reads the backing array from offset zero.
      byte[] bytes = new byte[length];
      in.get(bytes);
      ByteBuffer h = ByteBuffer.wrap(bytes);
      try {
        histograms[i] = Histogram.decodeFromCompressedByteBuffer(h, 2);
      } catch (DataFormatException e) {
        throw new IllegalArgumentException("histogram " + i + " of row " + row + " is corrupt", e);
      }
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " trailing bytes after row " + row);
    }
    return new IntervalSnapshot(row, totals, histograms, events);
  }
}
