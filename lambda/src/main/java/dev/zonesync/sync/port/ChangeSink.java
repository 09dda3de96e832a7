package dev.zonesync.sync.port;

import dev.zonesync.model.Deadline;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import java.util.List;
import java.util.Optional;

/** Where a plan's batches go (implemented over Route 53 by {@code route53}). */
public interface ChangeSink {

  /** Receives progress, e.g. for a progress line during long loads. */
  @FunctionalInterface
  interface Progress {
    void batchApplied(int index, int total, Batch batch);
  }

  /**
   * Sends the batches in order.
   *
   * @param commit the plan's serial-commit changes (by identity): sent only when nothing failed
   */
  ApplyResult apply(
      String hostedZoneId,
      List<Batch> batches,
      List<Change> commit,
      Deadline deadline,
      String comment,
      Progress progress);

  /**
   * Sends one request as it is: no retry name by name. Any failure other than a refusal (throttling
   * beyond the retries, a network error) throws, naming the hosted zone.
   */
  AtomicOutcome applyAtomically(
      String hostedZoneId, Batch batch, Deadline deadline, String comment);

  /** The rates the sink paces itself to, as learned so far; empty when it does not learn them. */
  default Optional<LearnedRates> learnedRates() {
    return Optional.empty();
  }
}
