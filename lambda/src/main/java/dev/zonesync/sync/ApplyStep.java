package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.SafetyCheck;
import dev.zonesync.plan.SafetyVerdict;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.RrsetQuota;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a plan to its outcome: REJECTED by the safety check, DRY_RUN, FAILED over the RRset quota,
 * UP_TO_DATE when there is nothing to send, else APPLIED, PARTIAL or FAILED as the batches went.
 */
final class ApplyStep {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /** Plans that leave fewer RRsets than this cannot exceed the default quota (10 000). */
  static final int QUOTA_CHECK_ABOVE = 9_000;

  /**
   * Loads this big are checked against the quota first (one GetHostedZoneLimit call), so they fail
   * before their first batch; small changes are not worth a call: Route 53 refuses them itself.
   */
  static final int QUOTA_CHECK_MIN_CREATES = 500;

  private final HostedZone reader;
  private final ChangeSink applier;
  private volatile Progress progress = Progress.NONE;

  ApplyStep(HostedZone reader, ChangeSink applier) {
    this.reader = reader;
    this.applier = applier;
  }

  void onProgress(Progress p) {
    this.progress = p == null ? Progress.NONE : p;
  }

  /** Checks, batches and (unless a dry run) sends {@code plan}, recording the outcome. */
  void apply(
      ZoneSettings zone, SyncOptions options, Deadline deadline, Plan plan, ReportBuilder report) {
    report.plan = plan;
    SafetyVerdict verdict =
        SafetyCheck.check(plan, zone.safety(), options.mode().overridesSafety());
    if (verdict instanceof SafetyVerdict.Rejected r) {
      report.status = Status.REJECTED;
      report.error = r.reason();
      LOG.warn("zone {}: REJECTED: {}", zone.name(), r.reason());
      return;
    }
    List<Batch> batches = Batcher.batch(plan, zone.batch());
    report.batches = batches.size();
    report.batchesLowerBound = Batcher.lowerBound(plan, zone.batch());
    if (verdict instanceof SafetyVerdict.Accepted a && !a.overridden().isEmpty()) {
      LOG.warn(
          "zone {}: safety thresholds exceeded, applying anyway: {}", zone.name(), a.overridden());
      report.reason = report.reason + "; " + a.overridden();
    }
    if (options.effect() == Effect.DRY_RUN) {
      report.status = Status.DRY_RUN;
      report.batchesApplied = 0;
      LOG.info(
          "zone {}: DRY_RUN: {} create, {} update, {} delete, {} skipped in {} batches",
          zone.name(),
          plan.creates(),
          plan.updates(),
          plan.deletes(),
          plan.skipped().size(),
          batches.size());
      return;
    }
    if (plan.creates() >= QUOTA_CHECK_MIN_CREATES && plan.desiredManaged() > QUOTA_CHECK_ABOVE) {
      String quota = quotaProblem(zone, plan);
      if (quota != null) {
        report.status = Status.FAILED;
        report.error = quota;
        return;
      }
    }
    if (batches.isEmpty()) {
      report.status = Status.UP_TO_DATE;
      report.batchesApplied = 0;
      report.reason = report.reason + "; nothing to change";
      return;
    }
    ApplyResult result =
        applier.apply(
            zone.hostedZoneId(),
            batches,
            plan.commit(),
            deadline,
            "zonesync " + zone.name() + " serial " + plan.targetSerial(),
            (index, total, batch) ->
                progress.batchApplied(zone.name().text(), index, total, batch));
    report.batchesApplied = result.applied();
    report.rejected =
        result.rejected().isEmpty()
            ? null
            : result.rejected().stream()
                .map(r -> new ZoneReport.RejectedChange(r.name(), r.changes(), r.message()))
                .toList();
    if (result.complete()) {
      report.status = Status.APPLIED;
      LOG.info(
          "zone {}: APPLIED serial {} ({}): {} create, {} update, {} delete in {} batches",
          zone.name(),
          plan.targetSerial(),
          report.transfer,
          plan.creates(),
          plan.updates(),
          plan.deletes(),
          batches.size());
    } else {
      // PARTIAL: progress was made and the next run continues; FAILED: something broke
      report.status =
          result.deadlineReached() || (!result.rejected().isEmpty() && result.accepted() > 0)
              ? Status.PARTIAL
              : Status.FAILED;
      report.error = "zone " + zone.name() + ": " + result.error();
    }
  }

  /**
   * Route 53 holds at most {@code MAX_RRSETS_BY_ZONE} RRsets per hosted zone (10 000 unless
   * raised); a load that cannot fit fails before its first batch, not half-way.
   */
  private String quotaProblem(ZoneSettings zone, Plan plan) {
    Optional<RrsetQuota> quota = reader.rrsetQuota(zone.hostedZoneId());
    if (quota.isEmpty()) {
      return null;
    }
    long max = quota.get().max();
    long now = quota.get().count();
    long after = now + plan.creates() - plan.deletes();
    if (after <= max) {
      return null;
    }
    return "zone "
        + zone.name()
        + ": the hosted zone would hold "
        + after
        + " RRsets, above its quota of "
        + max
        + " (MAX_RRSETS_BY_ZONE); request a Route 53 quota increase for hosted zone "
        + zone.hostedZoneId()
        + ". Nothing was changed.";
  }
}
