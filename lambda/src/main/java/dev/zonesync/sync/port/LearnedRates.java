package dev.zonesync.sync.port;

/**
 * The Route 53 rates the process paces itself to, as learned so far from Route 53's answers (they
 * live as long as the engine: a warm Lambda container keeps them from one invocation to the next).
 *
 * @param requestsPerSecond the learned request rate (at most {@code route53.requestsPerSecond})
 * @param changesPerSecond the learned record-change rate (at most {@code route53.changesPerSecond})
 * @param decreases how often a {@code Throttling} answer has lowered one of them since the engine
 *     was built
 */
public record LearnedRates(double requestsPerSecond, double changesPerSecond, int decreases) {

  public LearnedRates {
    if (!(requestsPerSecond > 0) || !(changesPerSecond > 0) || decreases < 0) {
      throw new IllegalArgumentException(
          "learned rates must be positive and decreases >= 0: "
              + requestsPerSecond
              + ", "
              + changesPerSecond
              + ", "
              + decreases);
    }
  }
}
