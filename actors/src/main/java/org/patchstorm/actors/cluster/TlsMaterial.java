package org.patchstorm.actors.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The key material of {@code --tls DIR}, checked before any actor system starts: the three files
 * are there, the password opens both stores, and the password file is not readable by others.
 * Pekko would otherwise find a wrong password only while connecting, as pages of stack traces.
 */
public final class TlsMaterial {
  static final String KEY_STORE = "keystore.p12";
  static final String TRUST_STORE = "truststore.p12";
  static final String PASSWORD = "password";

  private TlsMaterial() {}

  /** Checks {@code dir} (a {@link ClusterProblem} if unusable) and returns the password. */
  public static String check(Path dir, Consumer<String> warning) {
    for (String name : List.of(KEY_STORE, TRUST_STORE, PASSWORD)) {
      if (!Files.isReadable(dir.resolve(name))) {
        throw new ClusterProblem(
            "--tls " + dir + ": " + name + " is missing or unreadable there."
                + " The folder needs keystore.p12, truststore.p12 and a file 'password' holding"
                + " their password; README.md (Running on several hosts) shows how to make them.");
      }
    }
    Path passwordFile = dir.resolve(PASSWORD);
    warnIfOthersCanRead(passwordFile, warning);
    String password;
    try {
      password = Files.readString(passwordFile).strip();
    } catch (IOException e) {
      throw new ClusterProblem("--tls " + dir + ": cannot read the password file: " + e.getMessage());
    }
    open(dir, KEY_STORE, password);
    open(dir, TRUST_STORE, password);
    return password;
  }

  private static void warnIfOthersCanRead(Path file, Consumer<String> warning) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        warning.accept("Warning: " + file + " can be read by other users of this host, who could"
            + " then join or read the cluster; make it yours only with: chmod 600 " + file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // No POSIX permissions here (e.g. Windows): nothing to check.
    }
  }

  private static void open(Path dir, String name, String password) {
    try (InputStream in = Files.newInputStream(dir.resolve(name))) {
      KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new ClusterProblem("--tls " + dir + ": the password in " + dir.resolve(PASSWORD)
            + " does not open " + name + "; put the password the stores were made with there"
            + " (README.md, Running on several hosts).");
      }
      throw new ClusterProblem("--tls " + dir + ": " + name + " is not a PKCS12 key store or is"
          + " damaged (" + e.getMessage() + "); make the stores again as README.md shows.");
    } catch (GeneralSecurityException e) {
      throw new ClusterProblem("--tls " + dir + ": " + name + " cannot be read ("
          + e.getMessage() + "); make the stores again as README.md shows.");
    }
  }
}
