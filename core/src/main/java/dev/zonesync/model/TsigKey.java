package dev.zonesync.model;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A TSIG key. The secret never leaves this object in text form: {@link #toString()} redacts it, and
 * it is only handed to the transfer code as bytes.
 */
public final class TsigKey {

  public static final Set<String> ALGORITHMS =
      Set.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");

  private final DnsName name;
  private final String algorithm;
  private final byte[] secret;

  public TsigKey(DnsName name, String algorithm, byte[] secret) {
    this.name = Objects.requireNonNull(name, "name");
    String alg = Objects.requireNonNull(algorithm, "algorithm").toLowerCase(Locale.ROOT);
    if (!ALGORITHMS.contains(alg)) {
      throw new IllegalArgumentException(
          "TSIG algorithm '" + algorithm + "' not supported; use one of " + ALGORITHMS);
    }
    this.algorithm = alg;
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("TSIG key " + name + " has an empty secret");
    }
    this.secret = secret.clone();
  }

  /**
   * Decodes a base64 secret (as written by {@code tsig-keygen}). The error message never contains
   * the secret.
   */
  public static TsigKey fromBase64(DnsName name, String algorithm, String base64Secret) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Secret.strip());
    } catch (IllegalArgumentException e) {
      // deliberately no cause: the decoder's message may quote the input
      throw new IllegalArgumentException(
          "TSIG key " + name + ": the secret is not valid base64 (as printed by tsig-keygen)");
    }
    return new TsigKey(name, algorithm, bytes);
  }

  public DnsName name() {
    return name;
  }

  public String algorithm() {
    return algorithm;
  }

  /** A copy of the secret bytes. */
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TsigKey k
        && k.name.equals(name)
        && k.algorithm.equals(algorithm)
        && java.security.MessageDigest.isEqual(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm);
  }

  @Override
  public String toString() {
    return "TsigKey[" + name + " " + algorithm + " secret=<redacted>]";
  }
}
