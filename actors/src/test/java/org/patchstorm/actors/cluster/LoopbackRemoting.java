package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Test kits whose actor systems talk over Artery on 127.0.0.1, for the tests of what crosses
 * JVMs: every message between them goes through the real serializers.
 */
final class LoopbackRemoting {
  private LoopbackRemoting() {}

  /** A test kit named {@code name} with remoting on a free loopback port. */
  static ActorTestKit testKit(String name) {
    Config remote = ConfigFactory.parseString(
            "pekko.actor.provider = remote\n"
                + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.remote.artery.canonical.port = 0\n")
        .withFallback(ConfigFactory.load());
    return ActorTestKit.create(name, remote);
  }

  /** {@code ref}, an actor of {@code owner}'s system, as {@code viewer}'s system sees it. */
  static <T> ActorRef<T> seenFrom(ActorTestKit viewer, ActorTestKit owner, ActorRef<T> ref) {
    String path = ActorRefResolver.get(owner.system()).toSerializationFormat(ref);
    return ActorRefResolver.get(viewer.system()).resolveActorRef(path);
  }
}
