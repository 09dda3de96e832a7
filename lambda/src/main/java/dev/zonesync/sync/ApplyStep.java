package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.Change;
import dev.zonesync.plan.OptimisticPlanner;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.SafetyCheck;
import dev.zonesync.plan.SafetyVerdict;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.AtomicOutcome;
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
  private final KnownMarkers known;
  private volatile Progress progress = Progress.NONE;

  ApplyStep(HostedZone reader, ChangeSink applier, KnownMarkers known) {
    this.reader = reader;
    this.applier = applier;
    this.known = known;
  }

  void onProgress(Progress p) {
    this.progress = p == null ? Progress.NONE : p;
  }

  /**
   * Checks, batches and (unless a dry run) sends {@code plan}, recording the outcome (and, once the
   * serial commit applied, the marker it wrote).
   */
  void apply(
      ZoneSettings zone, SyncOptions options, Deadline deadline, Plan plan, ReportBuilder report) {
    report.planned(plan);
    if (!passesSafety(zone, options, plan, report)) {
      return;
    }
    List<Batch> batches = Batcher.batch(plan, zone.batch());
    report.batched(batches.size(), Batcher.lowerBound(plan, zone.batch()));
    if (options.effect() == Effect.DRY_RUN) {
      report.dryRun();
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
        report.failed(quota);
        return;
      }
    }
    if (batches.isEmpty()) {
      report.nothingToSend();
      return;
    }
    ApplyResult result =
        applier.apply(
            zone.hostedZoneId(),
            batches,
            plan.commit(),
            deadline,
            comment(zone, plan),
            (index, total, batch) ->
                progress.batchApplied(zone.name().text(), index, total, batch));
    List<ZoneReport.RejectedChange> refused =
        result.rejected().stream()
            .map(r -> new ZoneReport.RejectedChange(r.name(), r.changes(), r.message()))
            .toList();
    if (result.complete()) {
      report.sent(result.applied(), refused, outcomeOf(zone, plan), null);
      logApplied(zone, plan, batches.size(), report);
      if (result.committed()) {
        known.committed(zone, plan);
      }
      return;
    }
    // PARTIAL: progress was made and the next run continues; FAILED: something broke
    Status status =
        result.deadlineReached() || (!result.rejected().isEmpty() && result.accepted() > 0)
            ? Status.PARTIAL
            : Status.FAILED;
    report.sent(result.applied(), refused, status, "zone " + zone.name() + ": " + result.error());
  }

  /** What the optimistic request came to. */
  enum Optimistic {
    /** Applied and committed. */
    APPLIED,
    /** Route 53 refused it: nothing changed; the caller reads and reconciles. */
    REFUSED,
    /** Not sent: safety thresholds, or no time left (the report says which). */
    STOPPED
  }

  /**
   * Sends the optimistic path's one validated request (never a dry run: dry runs read).
   *
   * @param refusal receives Route 53's reasons when it refuses
   */
  Optimistic applyOptimistic(
      ZoneSettings zone,
      SyncOptions options,
      Deadline deadline,
      OptimisticPlanner.Ready ready,
      ReportBuilder report,
      List<String> refusal) {
    Plan plan = ready.plan();
    report.planned(plan);
    if (!passesSafety(zone, options, plan, report)) {
      return Optimistic.STOPPED;
    }
    report.batched(1, 1);
    AtomicOutcome outcome =
        applier.applyAtomically(zone.hostedZoneId(), ready.batch(), deadline, comment(zone, plan));
    switch (outcome) {
      case AtomicOutcome.Applied a -> {
        report.sent(1, List.of(), outcomeOf(zone, plan), null);
        progress.batchApplied(zone.name().text(), 1, 1, ready.batch());
        logApplied(zone, plan, 1, report);
        known.committed(zone, plan);
        return Optimistic.APPLIED;
      }
      case AtomicOutcome.Refused r -> {
        refusal.addAll(r.messages());
        return Optimistic.REFUSED;
      }
      case AtomicOutcome.NotSent n -> {
        report.sent(0, List.of(), Status.PARTIAL, "zone " + zone.name() + ": " + n.reason());
        return Optimistic.STOPPED;
      }
    }
  }

  private static boolean passesSafety(
      ZoneSettings zone, SyncOptions options, Plan plan, ReportBuilder report) {
    SafetyVerdict verdict =
        SafetyCheck.check(plan, zone.safety(), options.mode().overridesSafety());
    if (verdict instanceof SafetyVerdict.Rejected r) {
      report.rejectedBySafety(r.reason());
      LOG.warn("zone {}: REJECTED: {}", zone.name(), r.reason());
      return false;
    }
    if (verdict instanceof SafetyVerdict.Accepted a && !a.overridden().isEmpty()) {
      LOG.warn(
          "zone {}: safety thresholds exceeded, applying anyway: {}", zone.name(), a.overridden());
      report.alsoBecause(String.valueOf(a.overridden()));
    }
    return true;
  }

  /** APPLIED when data changed; UP_TO_DATE when only the marker's bookkeeping was rewritten. */
  private static Status outcomeOf(ZoneSettings zone, Plan plan) {
    return plan.changes().isEmpty() && !serialMoved(zone, plan)
        ? Status.UP_TO_DATE
        : Status.APPLIED;
  }

  /** The commit writes another serial than the marker it replaces held (or there was none). */
  private static boolean serialMoved(ZoneSettings zone, Plan plan) {
    for (Change c : plan.commit()) {
      if (c instanceof Change.Update u && SyncMarker.isMarkerName(u.current().name())) {
        return !MarkerRecords.parse(u.current(), zone)
            .map(m -> m.serial().equals(plan.targetSerial()))
            .orElse(false);
      }
    }
    return true;
  }

  private static void logApplied(ZoneSettings zone, Plan plan, int batches, ReportBuilder report) {
    LOG.info(
        "zone {}: APPLIED serial {} ({}): {} create, {} update, {} delete in {} batches",
        zone.name(),
        plan.targetSerial(),
        report.transfer(),
        plan.creates(),
        plan.updates(),
        plan.deletes(),
        batches);
  }

  private static String comment(ZoneSettings zone, Plan plan) {
    return "zonesync " + zone.name() + " serial " + plan.targetSerial();
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
