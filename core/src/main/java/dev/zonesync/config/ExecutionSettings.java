package dev.zonesync.config;

/**
 * How one invocation runs its zones.
 *
 * @param concurrency zones synced at once (1..32, default 4). Zones that share a hosted zone still
 *     run one after another; Route 53 requests stay paced by the one {@code route53} bucket however
 *     many zones run, so this overlaps the masters' side (SOA queries, transfers) only
 */
public record ExecutionSettings(int concurrency) {

  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int MAX_CONCURRENCY = 32;

  public static final ExecutionSettings DEFAULT = new ExecutionSettings(DEFAULT_CONCURRENCY);

  public ExecutionSettings {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "execution.concurrency must be within 1.."
              + MAX_CONCURRENCY
              + " (zones synced at once; 1 runs them one after another), got "
              + concurrency);
    }
  }
}
