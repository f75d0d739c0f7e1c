package org.patchstorm.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

  /** Payloads are strings; enough to see that the model's codec is used for every payload. */
  private static final PayloadCodec STRINGS =
      new PayloadCodec() {
        @Override
        public void write(Object message, DataOutput out) throws IOException {
          out.writeUTF((String) message);
        }

        @Override
        public Object read(DataInput in) throws IOException {
          return in.readUTF();
        }
      };

  @Test
  void everyFieldOfEveryEventSurvivesTheRoundTrip() {
    EventBuffer events = new EventBuffer(2);
    events.add(Long.MAX_VALUE - 1, 7, 3, 0, "hello");
    events.add(0, Integer.MAX_VALUE, -1, Long.MIN_VALUE, "");
    events.add(1_000_000, 0, 42, 5, "h\u00e9");

    EventBuffer back = BatchCodec.decode(BatchCodec.encode(events, STRINGS), STRINGS);

    assertEquals(3, back.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(events.time(i), back.time(i));
      assertEquals(events.target(i), back.target(i));
      assertEquals(events.sender(i), back.sender(i));
      assertEquals(events.seq(i), back.seq(i));
      assertEquals(events.payload(i), back.payload(i));
    }
  }

  @Test
  void noEventsAndNullEncodeTheSameEmptyBatch() {
    byte[] none = BatchCodec.encode(null, STRINGS);
    assertArrayEquals(none, BatchCodec.encode(new EventBuffer(4), STRINGS));
    // one version byte and a four-byte count of zero
    assertEquals(5, none.length);
    assertEquals(0, BatchCodec.decode(none, STRINGS).size());
  }

  @Test
  void eachEventCostsTwentyFourBytesPlusItsPayload() {
    EventBuffer events = new EventBuffer(1);
    events.add(1, 2, 3, 4, "ab"); // writeUTF: two length bytes + two characters
    assertEquals(5 + 24 + 4, BatchCodec.encode(events, STRINGS).length);
  }

  @Test
  void aTruncatedBatchIsRejected() {
    EventBuffer events = new EventBuffer(1);
    events.add(1, 2, 3, 4, "abc");
    byte[] encoded = BatchCodec.encode(events, STRINGS);
    byte[] cut = java.util.Arrays.copyOf(encoded, encoded.length - 1);
    assertThrows(UncheckedIOException.class, () -> BatchCodec.decode(cut, STRINGS));
  }
}
