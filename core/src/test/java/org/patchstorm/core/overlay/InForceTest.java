package org.patchstorm.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patchstorm.core.overlay.OverlayMessage.Activate;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.defence.Defences;

class InForceTest {

  private final OverlayWorld world = new OverlayWorld(OverlayScenarios.skype2007(1000), 1);
  private final ChangeParameter selfShutdownOff =
      new ChangeParameter(OverlayParams.SETTABLE.find("healing.self-shutdown").code(), 0);

  @Test
  void everyEntityStartsWithTheRunsOwnSettingsInOneObject() {
    InForce start = world.initialInForce();
    assertSame(world.params(), start.params());
    assertSame(world.defences(), start.defences());
    assertNull(start.dedicatedCapacity());
    assertSame(start, PeerIdentity.of(world, world.ids().firstPeer()).inForceForTest());
    assertSame(start, PeerIdentity.of(world, world.ids().firstPeer() + 1).inForceForTest());
  }

  @Test
  void aChangeTakesEffectAtTheEntityThatReceivesItAndIsSharedByAllThatDo() {
    PeerIdentity a = PeerIdentity.of(world, world.ids().firstPeer());
    PeerIdentity b = PeerIdentity.of(world, world.ids().firstPeer() + 1);
    PeerIdentity untouched = PeerIdentity.of(world, world.ids().firstPeer() + 2);
    assertTrue(a.params().healing().selfShutdown());
    a.apply(selfShutdownOff);
    b.apply(selfShutdownOff);
    assertFalse(a.params().healing().selfShutdown());
    assertSame(a.inForceForTest(), b.inForceForTest(), "one copy for every entity that took the same change");
    assertTrue(untouched.params().healing().selfShutdown(), "others keep theirs until their command arrives");

    ChangeDefence admission = new ChangeDefence(Defences.SETTABLE.find("admission.enabled").code(), 1);
    a.apply(admission);
    assertTrue(a.defences().admission().enabled());
    assertFalse(a.params().healing().selfShutdown(), "a defence change keeps the parameters changed before");
    assertEquals(world.defences(), untouched.defences());
    assertEquals(world.defences(), b.defences());
  }

  @Test
  void aParameterAndADefenceWithTheSameCodeAreDifferentChanges() {
    int code = OverlayParams.SETTABLE.find("healing.self-shutdown").code();
    InForce start = world.initialInForce();
    InForce parameter = start.with(world, new ChangeParameter(code, 0));
    InForce defence = start.with(world, new ChangeDefence(code, 0));
    assertNotSame(parameter, defence);
    assertSame(start.params(), defence.params());
    assertSame(start.defences(), parameter.defences());
  }

  @Test
  void aWokenDedicatedSupernodeKeepsItsCapacityThroughLaterChanges() {
    Activate capacity = new Activate(5000, 500);
    InForce woken = world.initialInForce().with(capacity);
    assertSame(capacity, woken.dedicatedCapacity());
    assertNull(world.initialInForce().dedicatedCapacity(), "the shared settings keep none");
    InForce changed = woken.with(world, selfShutdownOff);
    assertSame(capacity, changed.dedicatedCapacity());
    assertFalse(changed.params().healing().selfShutdown());
  }
}
