package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.defence.Defences;

class InForceTest {

  private final OverlayWorld world = new OverlayWorld(OverlayScenarios.skype2007(1000), 1);

  @Test
  void aChangeTakesEffectAtTheEntityThatReceivesItAndIsSharedByAllThatDo() {
    InForce a = new InForce(world);
    InForce b = new InForce(world);
    InForce untouched = new InForce(world);
    ChangeParameter off = new ChangeParameter(OverlayParams.SETTABLE.find("healing.self-shutdown").code(), 0);
    assertTrue(a.params().healing().selfShutdown());
    a.apply(world, off);
    b.apply(world, off);
    assertFalse(a.params().healing().selfShutdown());
    assertSame(a.params(), b.params(), "one copy for every entity that took the same change");
    assertTrue(untouched.params().healing().selfShutdown(), "others keep theirs until their command arrives");

    ChangeDefence admission = new ChangeDefence(Defences.SETTABLE.find("admission.enabled").code(), 1);
    a.apply(world, admission);
    assertTrue(a.defences().admission().enabled());
    assertEquals(world.defences(), untouched.defences());
  }
}
