package dev.zonesync.config;

/**
 * How one invocation runs its zones.
 *
 * @param concurrency zones synced at once (1..32, default 4). Zones that share a hosted zone still
 *     run one after another; Route 53 requests stay paced by the one {@code route53} bucket however
 *     many zones run, so this overlaps the masters' side (SOA queries, transfers) only
 * @param unchangedCheckEvery how long the marker a container read or wrote stands for an unchanged
 *     zone before the next run reads it again (0: every run reads it, one Route 53 call)
 */
public record ExecutionSettings(int concurrency, java.time.Duration unchangedCheckEvery) {

  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int MAX_CONCURRENCY = 32;

  /** Longest {@code unchangedCheckEvery}: a deleted or rewritten marker must not go unseen long. */
  public static final java.time.Duration MAX_UNCHANGED_CHECK_EVERY = java.time.Duration.ofHours(1);

  public static final ExecutionSettings DEFAULT =
      new ExecutionSettings(DEFAULT_CONCURRENCY, java.time.Duration.ZERO);

  public ExecutionSettings(int concurrency) {
    this(concurrency, java.time.Duration.ZERO);
  }

  public ExecutionSettings {
    java.util.Objects.requireNonNull(unchangedCheckEvery, "unchangedCheckEvery");
    if (unchangedCheckEvery.isNegative()
        || unchangedCheckEvery.compareTo(MAX_UNCHANGED_CHECK_EVERY) > 0) {
      throw new IllegalArgumentException(
          "execution.unchangedCheckEvery must be within 0s..1h (how long the marker a run read"
              + " stands for an unchanged zone; 0s reads it every run), got "
              + Durations.format(unchangedCheckEvery.toSeconds()));
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "execution.concurrency must be within 1.."
              + MAX_CONCURRENCY
              + " (zones synced at once; 1 runs them one after another), got "
              + concurrency);
    }
  }
}
