package dev.zonesync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Secrets from environment variables and files (the CLI's usual sources); Secrets Manager ARNs go
 * to the delegate when there is one.
 */
public final class LocalSecretResolver implements SecretResolver {

  private final Map<String, String> env;
  private final SecretResolver secretsManager;

  /**
   * @param secretsManager resolves {@code secretsManagerArn} references, or null
   */
  public LocalSecretResolver(Map<String, String> env, SecretResolver secretsManager) {
    this.env = env;
    this.secretsManager = secretsManager;
  }

  @Override
  public String base64Secret(TsigKeySpec key) {
    ConfigFile.SecretRef ref = key.secret();
    String where;
    String stored;
    if (ref.env() != null) {
      where = "environment variable " + ref.env();
      stored = env.get(ref.env());
      if (stored == null) {
        throw new SecretUnavailableException(
            "TSIG key " + key.name() + ": " + where + " is not set");
      }
    } else if (ref.file() != null) {
      where = "file " + ref.file();
      try {
        stored = Files.readString(Path.of(ref.file()));
      } catch (IOException e) {
        throw new SecretUnavailableException(
            "TSIG key "
                + key.name()
                + ": cannot read "
                + where
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
    } else if (secretsManager != null) {
      return secretsManager.base64Secret(key);
    } else {
      throw new SecretUnavailableException(
          "TSIG key "
              + key.name()
              + ": secret is in Secrets Manager ("
              + ref.secretsManagerArn()
              + ") but no Secrets Manager client is available");
    }
    String b64 = SecretText.extract(stored);
    if (b64 == null) {
      throw new SecretUnavailableException(
          "TSIG key "
              + key.name()
              + ": "
              + where
              + " holds no base64 secret (expected the secret, a tsig-keygen key statement, or"
              + " {\"secret\": ...})");
    }
    return b64;
  }
}
