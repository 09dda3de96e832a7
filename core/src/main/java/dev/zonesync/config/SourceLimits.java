package dev.zonesync.config;

import java.time.Duration;

/**
 * Bounds on what one master can make zonesync wait for or hold.
 *
 * @param queryTimeout per master, for the SOA query
 * @param transferTimeout per master, for a whole transfer (always capped by the run's deadline)
 * @param maxRecords records in one transfer
 * @param maxBytes bytes in one transfer
 */
public record SourceLimits(
    Duration queryTimeout, Duration transferTimeout, long maxRecords, long maxBytes) {

  public static final SourceLimits DEFAULT =
      new SourceLimits(Duration.ofSeconds(3), Duration.ofSeconds(60), 2_000_000, 512L << 20);

  public SourceLimits {
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("query timeout must be positive");
    }
    if (transferTimeout.isNegative() || transferTimeout.isZero()) {
      throw new IllegalArgumentException("transfer timeout must be positive");
    }
    if (maxRecords < 2 || maxBytes < 512) {
      throw new IllegalArgumentException("maxRecords >= 2 and maxBytes >= 512 required");
    }
  }
}
