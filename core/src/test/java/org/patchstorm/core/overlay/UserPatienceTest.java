package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchstorm.core.overlay.OverlayParams.HOUR;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.dist.Distribution;

class UserPatienceTest {

  private final OverlayParams.Discouragement afterThree =
      new OverlayParams.Discouragement(3, Distribution.uniform(12 * 3600, 36 * 3600));

  @Test
  void aUserLosesHeartOnlyAtTheConfiguredGiveUpInARow() {
    UserPatience patience = new UserPatience();
    SplittableRandom random = new SplittableRandom(1);
    assertEquals(-1, patience.awayAfterGiveUp(afterThree, random), "first give-up: tries again as usual");
    assertEquals(-1, patience.awayAfterGiveUp(afterThree, random), "second give-up: tries again as usual");
    long away = patience.awayAfterGiveUp(afterThree, random);
    assertTrue(away >= 12 * HOUR && away <= 36 * HOUR, "third: away for the next day or so, " + away);
    assertTrue(patience.awayAfterGiveUp(afterThree, random) >= 12 * HOUR, "and every give-up after it");
  }

  @Test
  void withoutDiscouragementNoGiveUpKeepsAUserAwayAndNothingIsDrawn() {
    UserPatience patience = new UserPatience();
    SplittableRandom random = new SplittableRandom(3);
    SplittableRandom untouched = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      assertEquals(-1, patience.awayAfterGiveUp(OverlayParams.Discouragement.none(), random));
    }
    assertEquals(untouched.nextLong(), random.nextLong(), "other scenarios keep their random streams");
  }
}
