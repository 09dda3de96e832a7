package dev.zonesync.config;

import java.net.URI;
import java.time.Duration;

/** The {@code route53} block: how every Route 53 request of one process is paced and retried. */
final class Route53Block {

  /** Least time a batch is assumed to need when the run decides whether it can still start one. */
  static final Duration DEFAULT_MIN_BATCH_TIME = Duration.ofSeconds(3);

  private Route53Block() {}

  static Route53Settings settings(ConfigFile.Route53Options o, Problems problems) {
    Route53Settings d = Route53Settings.DEFAULT;
    if (o == null) {
      return d;
    }
    URI endpoint = null;
    if (o.endpoint() != null) {
      try {
        endpoint = URI.create(o.endpoint());
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
          throw new IllegalArgumentException("needs scheme and host");
        }
      } catch (IllegalArgumentException e) {
        problems.add(
            "route53.endpoint: '" + o.endpoint() + "' is not a URL (" + e.getMessage() + ")");
        endpoint = null;
      }
    }
    try {
      return new Route53Settings(
          endpoint,
          Problems.or(o.requestsPerSecond(), d.requestsPerSecond()),
          Problems.or(o.burst(), d.burst()),
          Problems.or(o.maxAttempts(), d.maxAttempts()),
          d.baseBackoff(),
          d.maxBackoff(),
          Problems.or(o.changesPerSecond(), d.changesPerSecond()),
          Problems.or(o.changesBurst(), d.changesBurst()));
    } catch (IllegalArgumentException e) {
      // the record's own checks name the field (route53.<key>) and the range
      problems.add(e.getMessage());
      return d;
    }
  }

  static Duration minBatchTime(ConfigFile.Route53Options o, Problems problems) {
    return o == null || o.minBatchTime() == null
        ? DEFAULT_MIN_BATCH_TIME
        : problems.duration("route53.minBatchTime", o.minBatchTime(), DEFAULT_MIN_BATCH_TIME);
  }
}
