package org.patchstorm.core.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** Keys under a library's namespace, checked against a reference configuration of its own. */
class ReferenceKeysTest {

  private static final Config REFERENCE = ConfigFactory.parseString("""
      lib {
        level = "WARNING"
        on = off
        count = 64
        timeout = 10s
        frame = 256 KiB
        hosts = []
        optional = null
        actor.serializers { java = "x" }
      }
      """);

  /** What the user wrote, read from a file so that it counts as set by the user. */
  private static void check(String userText) {
    Config user = ConfigFactory.parseFile(write(userText));
    ReferenceKeys.check(user.withFallback(REFERENCE), REFERENCE, "lib");
  }

  private static java.io.File write(String text) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("reference-keys", ".conf");
      java.nio.file.Files.writeString(file, text);
      file.toFile().deleteOnExit();
      return file.toFile();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String refused(String userText) {
    return assertThrows(ConfigProblem.class, () -> check(userText)).describe();
  }

  @Test
  void valuesOfTheReferenceKindPass() {
    assertDoesNotThrow(() -> check("""
        lib { level = DEBUG, on = yes, count = "12", timeout = 500ms, frame = 1 MiB,
              hosts = [a], optional = 3, actor.serializers.mine = "y" }
        """));
  }

  @Test
  void anUnknownKeyIsRefusedWithTheClosestKnownOne() {
    String text = refused("lib.levle = INFO");
    assertTrue(text.contains("lib.levle"), text);
    assertTrue(text.contains("did you mean lib.level?"), text);
  }

  @Test
  void eachKindRefusesAValueOfAnotherKind() {
    assertTrue(refused("lib.count = many").contains("expected a number"));
    assertTrue(refused("lib.on = maybe").contains("expected on/off"));
    assertTrue(refused("lib.timeout = soon").contains("expected a duration"));
    assertTrue(refused("lib.frame = big").contains("expected a size"));
    assertTrue(refused("lib.hosts = a").contains("expected a list"));
    assertTrue(refused("lib.level = [1]").contains("expected a string"));
  }

  @Test
  void aDispatcherTheUserDefinesIsNotUnknown() {
    assertDoesNotThrow(() -> check("lib.my-dispatcher { executor = thread-pool-executor, throughput = 1 }"));
  }
}
