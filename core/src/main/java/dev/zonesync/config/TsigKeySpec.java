package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import java.util.Locale;
import java.util.Objects;

/** A configured TSIG key: its name, algorithm and where its secret lives (never the secret). */
public record TsigKeySpec(DnsName name, String algorithm, ConfigFile.SecretRef secret) {
  public TsigKeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
  }

  /**
   * Why this key's algorithm should be replaced, or null when it is fine. RFC 8945 section 6 says
   * HMAC-MD5 must not be used and HMAC-SHA1 is not recommended; hmac-sha256 is mandatory to
   * implement, so every master can take a hmac-sha256 key. Still accepted: a master that knows only
   * the old key keeps syncing while its operator rotates it.
   */
  public String weakAlgorithm() {
    return switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "hmac-md5" ->
          "hmac-md5 must not be used for TSIG (RFC 8945 section 6: HMAC-MD5 is deprecated);"
              + " create a hmac-sha256 key on the masters (tsig-keygen -a hmac-sha256), which"
              + " every TSIG implementation must support, and switch this key to it";
      case "hmac-sha1" ->
          "hmac-sha1 is not recommended for TSIG (RFC 8945 section 6: HMAC-SHA1 is deprecated);"
              + " create a hmac-sha256 key on the masters (tsig-keygen -a hmac-sha256), which"
              + " every TSIG implementation must support, and switch this key to it";
      default -> null;
    };
  }
}
