package dev.zonesync.config;

import java.net.URI;
import java.time.Duration;

/**
 * How zonesync talks to Route 53.
 *
 * @param endpoint explicit endpoint, or null to let the SDK decide (it honours {@code
 *     AWS_ENDPOINT_URL_ROUTE_53} and {@code AWS_ENDPOINT_URL})
 * @param requestsPerSecond the ceiling of the request rate of this process (default 8: Route 53
 *     allows 10 per second per account, the rest is left to other tools); the rate it paces itself
 *     to is learned below it from Route 53's Throttling answers, starting at half of it
 * @param burst requests allowed back to back before pacing starts
 * @param maxAttempts attempts per call on PriorRequestNotComplete, 5xx (not 501 or 505, which no
 *     retry cures) and network errors (a Throttling answer lowers the learned rate and is retried
 *     without spending an attempt)
 * @param baseBackoff first retry delay (exponential with full jitter after that)
 * @param maxBackoff longest retry delay
 * @param changesPerSecond the ceiling of the rate of individual record changes (Change elements of
 *     ChangeResourceRecordSets) from this process: Route 53 has a second, per-account bucket for
 *     them besides the request rate, whose size we could not read. The rate actually used is
 *     learned below this ceiling from Route 53's Throttling answers (starting at half of it), so
 *     the default (2000/s) bounds zonesync's share of the bucket rather than guessing its size
 * @param changesBurst changes allowed back to back before pacing starts (default 1000: one full
 *     batch at the default {@code batch.maxChanges}); a batch of N changes goes once the bucket has
 *     refilled to N, and a batch larger than the burst waits for N changes' worth of refill, so it
 *     never waits forever
 */
public record Route53Settings(
    URI endpoint,
    double requestsPerSecond,
    int burst,
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff,
    double changesPerSecond,
    int changesBurst) {

  public static final double DEFAULT_CHANGES_PER_SECOND = 2000;
  public static final int DEFAULT_CHANGES_BURST = 1000;

  public static final Route53Settings DEFAULT =
      new Route53Settings(
          null,
          8,
          10,
          8,
          Duration.ofMillis(200),
          Duration.ofSeconds(20),
          DEFAULT_CHANGES_PER_SECOND,
          DEFAULT_CHANGES_BURST);

  public Route53Settings {
    if (requestsPerSecond <= 0 || requestsPerSecond > 50) {
      throw new IllegalArgumentException(
          "route53.requestsPerSecond must be within (0, 50], got " + requestsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("route53.burst must be >= 1");
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("route53.maxAttempts must be within 1..20");
    }
    if (!(changesPerSecond > 0) || Double.isInfinite(changesPerSecond)) {
      throw new IllegalArgumentException(
          "route53.changesPerSecond must be a positive number of record changes per second, got "
              + changesPerSecond);
    }
    if (changesBurst < 1) {
      throw new IllegalArgumentException(
          "route53.changesBurst must be >= 1 (record changes sent back to back before pacing),"
              + " got "
              + changesBurst);
    }
  }

  public Route53Settings withEndpoint(URI uri) {
    return new Route53Settings(
        uri,
        requestsPerSecond,
        burst,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        changesPerSecond,
        changesBurst);
  }

  /** The same settings with other change-throughput pacing (tests, benchmarks). */
  public Route53Settings withChangePacing(double perSecond, int burstChanges) {
    return new Route53Settings(
        endpoint,
        requestsPerSecond,
        burst,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        perSecond,
        burstChanges);
  }
}
