package dev.zonesync.config;

import java.net.URI;
import java.time.Duration;

/**
 * How zonesync talks to Route 53.
 *
 * @param endpoint explicit endpoint, or null to let the SDK decide (it honours {@code
 *     AWS_ENDPOINT_URL_ROUTE_53} and {@code AWS_ENDPOINT_URL})
 * @param requestsPerSecond pacing of all requests from this process (default 8: Route 53 allows 10
 *     per second per account, the rest is left to other tools)
 * @param burst requests allowed back to back before pacing starts
 * @param maxAttempts attempts per call on Throttling, PriorRequestNotComplete and 5xx
 * @param baseBackoff first retry delay (exponential with full jitter after that)
 * @param maxBackoff longest retry delay
 */
public record Route53Settings(
    URI endpoint,
    double requestsPerSecond,
    int burst,
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff) {

  public static final Route53Settings DEFAULT =
      new Route53Settings(null, 8, 10, 8, Duration.ofMillis(200), Duration.ofSeconds(20));

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
  }

  public Route53Settings withEndpoint(URI uri) {
    return new Route53Settings(uri, requestsPerSecond, burst, maxAttempts, baseBackoff, maxBackoff);
  }
}
