package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.*;

class OverlayCodecTest {

  private final OverlayCodec codec = new OverlayCodec();

  private Object roundTrip(Object message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(message, new DataOutputStream(bytes));
    return codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void everyMessageTypeSurvivesARoundTrip() throws IOException {
    List<Object> messages = List.of(
        new ConnectRequest(123_456, true, false),
        new ConnectRequest(7, false, true),
        new ConnectReply(99, OverlayMessage.FULL, 812, new int[] {1, 2, Integer.MAX_VALUE}),
        new ConnectReply(5, OverlayMessage.NOT_SUPERNODE, 0, new int[0]),
        new Disconnect(42),
        new SupernodeGone(43),
        new KeepAlive(11, 200, true, new int[] {5, 6}),
        new NotYourClient(44),
        new Presence(45),
        new Im(1, 2, 86_400_000_000L, true),
        new ListExchange(8, false, new int[] {9, 10, 11}),
        new LoginRequest(1000, 17),
        new LoginReply(2, 17, false),
        PeerTimer.PENDING_RESTART.timer(-3, 12),
        new StatusUpdate(3, 4, 5_000_000L, true),
        new Search(6, 7_000_000L, 2),
        new SearchReply(8, 9_000_000L),
        new Flood(10, 11, 3),
        new OverlayMessage.Restart(90_000_000L, true, false, -1),
        new OverlayMessage.Activate(4000, 400.5),
        new OverlayMessage.ChangeParameter(OverlayParams.SETTABLE.find("healing.self-shutdown").code(), 0),
        new OverlayMessage.ChangeDefence(11, 0.25),
        new OverlayMessage.BotStart(3_600_000_000L),
        new OverlayMessage.BotStop(),
        new OverlayMessage.Injected("{\"type\":\"restart-burst\",\"at\":\"3h\"}"));
    // Every permitted subtype of the sealed interface is covered.
    assertEquals(OverlayMessage.class.getPermittedSubclasses().length,
        messages.stream().map(Object::getClass).distinct().count());
    for (Object m : messages) {
      assertEquals(m, roundTrip(m), "round trip of " + m);
    }
  }

  @Test
  void writesACompactFixedLayout() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(new LoginRequest(1, 2), new DataOutputStream(bytes));
    assertEquals(1 + 4 + 4, bytes.size()); // tag + two ints
  }

  @Test
  void rejectsForeignObjectsAndUnknownTags() {
    assertThrows(IllegalArgumentException.class,
        () -> codec.write("hello", new DataOutputStream(new ByteArrayOutputStream())));
    assertThrows(IOException.class,
        () -> codec.read(new DataInputStream(new ByteArrayInputStream(new byte[] {(byte) 200}))));
  }
}
