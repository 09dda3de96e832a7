package dev.zonesync.config;

/** Fetches a TSIG secret. Implementations never log or echo the secret. */
public interface SecretResolver {

  /**
   * The base64 secret for the key.
   *
   * @throws SecretUnavailableException naming the key and the secret's location, never its value
   */
  String base64Secret(TsigKeySpec key);
}
