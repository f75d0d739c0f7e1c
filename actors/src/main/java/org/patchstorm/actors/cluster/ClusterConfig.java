package org.patchstorm.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pekko settings of one cluster JVM: cluster provider, Artery TCP (or TLS with mutual
 * authentication) on the bound address, and its role. The rest (split brain resolver, failure
 * detector, serializers, queue sizes) is in application.conf, documented there.
 */
public final class ClusterConfig {
  public static final String SYSTEM_NAME = "patchstorm";
  public static final String ROLE_MEMBER = "member";
  public static final String ROLE_RUNNER = "runner";

  private ClusterConfig() {}

  /** {@code overrides} of this JVM on top of {@code base} (application + reference settings). */
  public static Config of(ClusterOptions options, String role, Config base) {
    Map<String, Object> values = new TreeMap<>();
    values.put("pekko.actor.provider", "cluster");
    values.put("pekko.remote.artery.canonical.hostname", options.bind().host());
    values.put("pekko.remote.artery.canonical.port", options.bind().port());
    values.put("pekko.cluster.roles", List.of(role));
    if (options.tlsDir() != null) {
      values.putAll(tls(options.tlsDir()));
    }
    return ConfigFactory.parseMap(values, "cluster options").withFallback(base);
  }

  private static Map<String, Object> tls(Path dir) {
    Path keyStore = dir.resolve(TlsMaterial.KEY_STORE);
    Path trustStore = dir.resolve(TlsMaterial.TRUST_STORE);
    // Checked (and any warning printed) by the command line before; here only read.
    String password = TlsMaterial.check(dir, warning -> { });
    String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
    Map<String, Object> values = new TreeMap<>();
    values.put("pekko.remote.artery.transport", "tls-tcp");
    values.put(engine + "key-store", keyStore.toAbsolutePath().toString());
    values.put(engine + "trust-store", trustStore.toAbsolutePath().toString());
    values.put(engine + "key-store-password", password);
    values.put(engine + "key-password", password);
    values.put(engine + "trust-store-password", password);
    // Both sides present a certificate the other's trust store must hold.
    values.put(engine + "require-mutual-authentication", true);
    // Members share one certificate and are addressed by IP: trust is the trust store's job.
    values.put(engine + "hostname-verification", false);
    return values;
  }

  static Object value(Object v) {
    return ConfigValueFactory.fromAnyRef(v);
  }
}
