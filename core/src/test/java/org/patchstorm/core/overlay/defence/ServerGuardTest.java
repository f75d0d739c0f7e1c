package org.patchstorm.core.overlay.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.defence.ServerGuard.Verdict;

class ServerGuardTest {

  private final SplittableRandom random = new SplittableRandom(1);

  @Test
  void nothingIsEnabledByDefault() {
    ServerGuard guard = ServerGuard.forLoginServer();
    for (int i = 0; i < 100; i++) {
      assertEquals(Verdict.PASS, guard.check(1, true, 0, 99, 100, Defences.none(), random));
    }
  }

  @Test
  void admissionShedsAtTheThreshold() {
    Defences d = Defences.none().with("admission.enabled", 1).with("admission.threshold", 0.5);
    ServerGuard guard = ServerGuard.forSupernode();
    assertEquals(Verdict.PASS, guard.check(1, false, 0, 49, 100, d, random));
    assertEquals(Verdict.SHED, guard.check(1, false, 0, 50, 100, d, random));
  }

  @Test
  void blockingComesBeforeTheRateLimitAndScopesAreRespected() {
    Defences d = Defences.none()
        .with("blocking.enabled", 1).with("blocking.detection-delay", 0).with("blocking.bot-detection", 1)
        .with("rate-limit.enabled", 1).with("rate-limit.burst", 1);
    ServerGuard login = ServerGuard.forLoginServer();
    assertEquals(Verdict.BLOCKED, login.check(1, true, 0, 0, 100, d, random));
    assertEquals(Verdict.PASS, login.check(2, false, 0, 0, 100, d, random));
    assertEquals(Verdict.RATE_LIMITED, login.check(2, false, 0, 0, 100, d, random));
    Defences loginOnly = d.withBlocking(new Defences.Blocking(true, Scope.LOGIN, 0, 0, 1_000_000, 1, 0, 0))
        .withRateLimit(new Defences.RateLimit(true, Scope.LOGIN, 1, 1));
    ServerGuard supernode = ServerGuard.forSupernode();
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.PASS, supernode.check(1, true, 0, 0, 100, loginOnly, random));
    }
  }

  @Test
  void unknownSettableKeyNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Defences.none().with("rate-limit.perSecond", 1));
    assertTrue(e.getMessage().contains("rate-limit.per-second"), e.getMessage());
  }
}
