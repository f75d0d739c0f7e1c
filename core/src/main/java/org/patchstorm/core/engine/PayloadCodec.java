package org.patchstorm.core.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Compact binary form of a model's messages, for batches that cross JVMs. Writes a type tag and
 * the fields; {@code read(write(m))} must equal {@code m}.
 */
public interface PayloadCodec {
  void write(Object message, DataOutput out) throws IOException;

  Object read(DataInput in) throws IOException;
}
