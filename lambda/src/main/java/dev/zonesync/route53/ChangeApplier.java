package dev.zonesync.route53;

import dev.zonesync.model.Deadline;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;

/**
 * Sends batches in order, one ChangeResourceRecordSets call each, and stops at the first failure:
 * the serial commit is in the last batch, so a stopped run never marks the zone (design.md
 * invariants 1 and 7). A batch starts only if the deadline leaves time for it to finish.
 */
public final class ChangeApplier {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

  private final Route53Client client;
  private final Duration minBatchTime;
  private final LongSupplier nanoClock;
  private volatile long slowestNanos;

  /**
   * @param minBatchTime the least time to keep for one batch (retries and backoff included)
   */
  public ChangeApplier(Route53Client client, Duration minBatchTime) {
    this(client, minBatchTime, System::nanoTime);
  }

  /** For tests: batch durations measured on the given clock. */
  public ChangeApplier(Route53Client client, Duration minBatchTime, LongSupplier nanoClock) {
    this.client = client;
    this.minBatchTime = minBatchTime;
    this.nanoClock = nanoClock;
  }

  /** Receives progress, e.g. for a progress line during long loads. */
  public interface Progress {
    void batchApplied(int index, int total, Batch batch);
  }

  public ApplyResult apply(
      String hostedZoneId,
      List<Batch> batches,
      Deadline deadline,
      String comment,
      Progress progress) {
    int applied = 0;
    for (Batch batch : batches) {
      Duration needed = timeNeeded();
      if (deadline.remaining().compareTo(needed) < 0) {
        String msg =
            String.format(
                "stopped before batch %d of %d: %d ms left, a batch needs up to %d ms; the serial"
                    + " was not bumped and the next run continues",
                applied + 1, batches.size(), deadline.remaining().toMillis(), needed.toMillis());
        LOG.warn("hosted zone {}: {}", hostedZoneId, msg);
        return new ApplyResult(applied, batches.size(), msg, true);
      }
      long start = nanoClock.getAsLong();
      try {
        send(
            hostedZoneId,
            batch,
            deadline,
            comment + " batch " + (applied + 1) + "/" + batches.size());
      } catch (SdkException e) {
        HostedZoneException wrapped =
            Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, e);
        String msg =
            "batch "
                + (applied + 1)
                + " of "
                + batches.size()
                + " failed; "
                + applied
                + " applied before it, serial not bumped: "
                + wrapped.getMessage();
        LOG.error("{}", msg);
        return new ApplyResult(applied, batches.size(), msg, false);
      }
      slowestNanos = Math.max(slowestNanos, nanoClock.getAsLong() - start);
      applied++;
      if (progress != null) {
        progress.batchApplied(applied, batches.size(), batch);
      }
    }
    return new ApplyResult(applied, batches.size(), null, false);
  }

  private Duration timeNeeded() {
    Duration observed = Duration.ofNanos(2 * slowestNanos);
    return observed.compareTo(minBatchTime) > 0 ? observed : minBatchTime;
  }

  private void send(String hostedZoneId, Batch batch, Deadline deadline, String comment) {
    List<software.amazon.awssdk.services.route53.model.Change> changes =
        new ArrayList<>(batch.changes().size());
    for (Change c : batch.changes()) {
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(Route53Values.action(c))
              .resourceRecordSet(Route53Values.toSdk(c))
              .build());
    }
    Duration left = deadline.remaining();
    client.changeResourceRecordSets(
        ChangeResourceRecordSetsRequest.builder()
            .hostedZoneId(hostedZoneId)
            .changeBatch(
                ChangeBatch.builder()
                    .comment(comment.length() > 256 ? comment.substring(0, 256) : comment)
                    .changes(changes)
                    .build())
            .overrideConfiguration(
                o -> o.apiCallTimeout(left.isZero() ? Duration.ofMillis(1) : left))
            .build());
  }
}
