package org.patchstorm.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlAccessTest {

  @Test
  void loopbackNeedsNoTokenUnlessOneIsGiven() {
    assertTrue(ControlAccess.forBind("127.0.0.1", null).token().isEmpty());
    assertTrue(ControlAccess.forBind("::1", null).token().isEmpty());
    assertTrue(ControlAccess.forBind("localhost", null).token().isEmpty());
    assertNull(ControlAccess.forBind("127.0.0.1", null).refusal(null, null, "127.0.0.1:8080"));
    assertEquals("t0k", ControlAccess.forBind("127.0.0.1", "t0k").token().get());
    assertNotNull(ControlAccess.forBind("127.0.0.1", "t0k").refusal(null, null, "127.0.0.1:8080"));
  }

  @Test
  void otherBindsGetAGeneratedTokenThatIsChecked() {
    ControlAccess a = ControlAccess.forBind("0.0.0.0", null);
    ControlAccess b = ControlAccess.forBind("0.0.0.0", null);
    String token = a.token().orElseThrow();
    assertNotEquals(token, b.token().orElseThrow(), "generated, not fixed");
    assertTrue(token.length() >= 32);
    assertNotNull(a.refusal(null, null, "h:1"));
    assertNotNull(a.refusal("Bearer " + token + "x", null, "h:1"));
    assertNotNull(a.refusal(token, null, "h:1"));
    assertNull(a.refusal("Bearer " + token, null, "h:1"));
  }

  @Test
  void aPageFromAnotherSiteIsRefusedItsOwnIsNot() {
    ControlAccess a = ControlAccess.forBind("127.0.0.1", null);
    assertNull(a.refusal(null, "http://127.0.0.1:8080", "127.0.0.1:8080"));
    assertNotNull(a.refusal(null, "http://127.0.0.1:9999", "127.0.0.1:8080"));
    assertNotNull(a.refusal(null, "https://example.org", "127.0.0.1:8080"));
    assertNotNull(a.refusal(null, "null", "127.0.0.1:8080"));
  }
}
