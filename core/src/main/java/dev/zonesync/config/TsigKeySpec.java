package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import java.util.Objects;

/** A configured TSIG key: its name, algorithm and where its secret lives (never the secret). */
public record TsigKeySpec(DnsName name, String algorithm, ConfigFile.SecretRef secret) {
  public TsigKeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
  }
}
