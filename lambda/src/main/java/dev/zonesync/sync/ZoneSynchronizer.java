package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.DeltaResult;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.plan.SafetyCheck;
import dev.zonesync.plan.SafetyVerdict;
import dev.zonesync.plan.SyncDecision;
import dev.zonesync.plan.SyncMode;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ApiCalls;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.RrsetQuota;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.TransferException;
import dev.zonesync.sync.port.ZoneSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One zone, end to end (docs/architecture.md, data flow): read the hosted zone's serial, ask the
 * masters for theirs, stop if Route 53 provably holds it; otherwise transfer incrementally from the
 * serial Route 53 holds (IXFR, reading only the touched names) or in full (AXFR, reading the whole
 * hosted zone), plan, check, batch, apply, and commit the serial in the last batch.
 */
public final class ZoneSynchronizer {

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
  private final ApiCallMeter calls;
  private final SourceFactory sources;
  private volatile Progress progress = Progress.NONE;

  public ZoneSynchronizer(
      HostedZone reader, ChangeSink applier, ApiCallMeter calls, SourceFactory sources) {
    this.reader = reader;
    this.applier = applier;
    this.calls = calls;
    this.sources = sources;
  }

  void onProgress(Progress p) {
    this.progress = p == null ? Progress.NONE : p;
  }

  /** Never throws: every failure becomes a FAILED report with a message naming the cause. */
  public ZoneReport sync(ZoneSettings zone, SyncOptions options, Deadline deadline) {
    ReportBuilder report = new ReportBuilder(zone.name().text(), zone.hostedZoneId());
    ApiCallMeter.Session metering = calls.start();
    MDC.put("zone", zone.name().text());
    MDC.put("hostedZoneId", zone.hostedZoneId());
    try {
      run(zone, options, deadline, report);
    } catch (RuntimeException e) {
      report.status = Status.FAILED;
      report.error = message(e);
      LOG.error("zone {}: FAILED: {}", zone.name(), report.error);
      LOG.debug("zone {}: failure detail", zone.name(), e);
    } finally {
      ApiCalls made = metering.stop();
      report.apiCalls = made.byOperation();
      report.throttled = made.throttled();
      report.retries = made.retries();
    }
    ZoneReport done = report.build();
    logResult(done);
    MDC.remove("zone");
    MDC.remove("hostedZoneId");
    return done;
  }

  /** One summary line per zone whose fields (as MDC) become JSON keys in the Lambda's logs. */
  private static void logResult(ZoneReport r) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("status", r.status().name());
    fields.put("transfer", r.transfer().name());
    if (r.master() != null) {
      fields.put("master", r.master());
    }
    if (r.sourceSerial() != null) {
      fields.put("sourceSerial", r.sourceSerial().toString());
    }
    if (r.previousSerial() != null) {
      fields.put("previousSerial", r.previousSerial().toString());
    }
    if (r.changes() != null) {
      fields.put("created", Long.toString(r.changes().create()));
      fields.put("updated", Long.toString(r.changes().update()));
      fields.put("deleted", Long.toString(r.changes().delete()));
    }
    if (r.skippedTotal() != null) {
      fields.put("skipped", r.skippedTotal().toString());
    }
    if (r.batches() != null) {
      fields.put("batches", r.batches().toString());
    }
    fields.put(
        "route53Calls", String.valueOf(r.apiCalls() == null ? 0 : r.apiCalls().get("total")));
    fields.put("durationMs", Long.toString(r.durationMs()));
    fields.forEach(MDC::put);
    try {
      if (r.status() == Status.FAILED
          || r.status() == Status.REJECTED
          || r.status() == Status.PARTIAL) {
        LOG.warn("zone {}: {}: {}", r.zone(), r.status(), r.error());
      } else {
        LOG.info("zone {}: {} ({})", r.zone(), r.status(), r.reason());
      }
    } finally {
      fields.keySet().forEach(MDC::remove);
    }
  }

  /** One zone's run once the master has answered: what every step needs. */
  private record Run(
      ZoneSettings zone,
      SyncOptions options,
      Deadline deadline,
      ReportBuilder report,
      ZoneSource source,
      SourceSerial sourceSerial) {}

  private void run(
      ZoneSettings zone, SyncOptions options, Deadline deadline, ReportBuilder report) {
    boolean ownsSoa = zone.rules().ownsSoaSerial();

    // 1. what Route 53 holds: one call for the apex SOA
    HostedRRset hostedSoa = reader.read(zone.hostedZoneId(), zone.hostedZoneName(), RrType.SOA);
    if (hostedSoa == null || hostedSoa.values().size() != 1) {
      throw new IllegalStateException(
          "hosted zone "
              + zone.hostedZoneId()
              + " has no SOA record at "
              + zone.hostedZoneName()
              + "; check hostedZoneId/hostedZoneName for zone "
              + zone.name());
    }
    Serial hostedSerial = Rdata.soaSerial(hostedSoa.values().get(0));
    if (ownsSoa) {
      report.previousSerial = hostedSerial.value();
    }

    // 2. what the masters hold
    ZoneSource source = sources.create(zone);
    SourceSerial sourceSerial = source.serial(deadline);
    report.sourceSerial = sourceSerial.serial().value();
    report.master = sourceSerial.master().toString();

    Run run = new Run(zone, options, deadline, report, source, sourceSerial);
    SyncMode mode = options.mode();

    // 3. the marker: proof of what an earlier run applied (one more call; not needed when full)
    HostedRRset hostedMarker = mode.alwaysFull() ? null : readMarker(zone);
    Optional<SyncMarker> marker =
        hostedMarker == null || hostedMarker.values().size() != 1
            ? Optional.empty()
            : SyncMarker.parse(hostedMarker.values().get(0), zone.name());
    if (!ownsSoa && !mode.alwaysFull()) {
      report.previousSerial = marker.map(m -> m.serial().value()).orElse(null);
    }
    SyncDecision decision =
        SyncDecision.decide(
            mode, ownsSoa, hostedSerial, marker, sourceSerial.serial(), sourceSerial.lineage());
    switch (decision) {
      case SyncDecision.UpToDate u -> {
        report.status = Status.UP_TO_DATE;
        report.reason = u.reason();
        LOG.info(
            "zone {}: UP_TO_DATE at serial {} (lineage {})",
            zone.name(),
            sourceSerial.serial(),
            sourceSerial.lineage());
      }
      case SyncDecision.Full f -> {
        report.reason = f.reason();
        fullSync(run, null);
      }
      case SyncDecision.Incremental i -> ixfr(run, i.from(), hostedSoa, hostedMarker);
    }
  }

  /** IXFR from the serial the marker proves; a failed or unhelpful answer becomes a full sync. */
  private void ixfr(Run run, SyncMarker from, HostedRRset hostedSoa, HostedRRset hostedMarker) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    ZoneSource source = run.source();
    SourceSerial sourceSerial = run.sourceSerial();
    Deadline deadline = run.deadline();
    // 4. incremental: IXFR from the serial Route 53 holds
    IxfrOutcome outcome;
    report.attempted.add(TransferKind.IXFR);
    try {
      outcome = source.ixfr(sourceSerial, from.serial(), deadline);
    } catch (TransferException e) {
      LOG.warn("zone {}: IXFR failed, falling back to AXFR: {}", zone.name(), e.getMessage());
      report.reason = "IXFR failed (" + e.getMessage() + "); full transfer instead";
      fullSync(run, null);
      return;
    }
    switch (outcome) {
      case IxfrOutcome.UpToDate u -> {
        report.reason =
            "the master answered IXFR with serial "
                + u.serial()
                + " (nothing newer) although its SOA said "
                + sourceSerial.serial()
                + "; full transfer instead";
        fullSync(run, null);
      }
      case IxfrOutcome.WholeZone w -> {
        report.reason =
            "the master answered IXFR with the whole zone (no difference from serial "
                + from.serial()
                + " in its journal, or it never sends differences: PowerDNS, Windows)";
        fullSync(run, w.transfer());
      }
      case IxfrOutcome.Incremental inc -> incremental(run, from, hostedSoa, hostedMarker, inc);
    }
  }

  private void incremental(
      Run run,
      SyncMarker marker,
      HostedRRset hostedSoa,
      HostedRRset hostedMarker,
      IxfrOutcome.Incremental inc) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    report.transfer = TransferKind.IXFR;
    report.transferMs = inc.duration().toMillis();
    report.records = inc.records();
    report.sourceSerial = inc.delta().to().serial().value();
    TouchedNames.Read read =
        TouchedNames.read(reader, zone.hostedZoneId(), inc.delta(), marker.rrsets());
    report.reads = read.kind();
    Map<DnsName, List<HostedRRset>> atNames = read.atNames();
    DeltaResult result =
        DeltaPlanner.plan(
            inc.delta(), marker, atNames, hostedSoa, hostedMarker, zone.rules(), zone.batch());
    switch (result) {
      case DeltaResult.NeedsFullSync full -> {
        report.drift = full.drift() ? Boolean.TRUE : null;
        report.reason = (full.drift() ? "drift: " : "") + full.reason() + "; full reconcile";
        LOG.warn("zone {}: {}", zone.name(), report.reason);
        fullSync(run, null);
      }
      case DeltaResult.Planned planned -> {
        report.reason =
            "IXFR "
                + marker.serial()
                + " -> "
                + inc.delta().to().serial()
                + ": "
                + inc.delta().rrsets().size()
                + " RRsets touched";
        decideAndApply(run, planned.plan());
      }
    }
  }

  /** AXFR (unless {@code transfer} is given), read the whole hosted zone, plan, apply. */
  private void fullSync(Run run, Transfer transfer) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    if (transfer == null) {
      report.attempted.add(TransferKind.AXFR);
    }
    Transfer t =
        transfer != null ? transfer : run.source().axfr(run.sourceSerial(), run.deadline());
    report.transfer = TransferKind.AXFR;
    report.transferMs = t.duration().toMillis();
    report.records = t.records();
    report.master = t.master().toString();
    report.sourceSerial = t.snapshot().soa().serial().value();
    report.reads = "full";
    List<HostedRRset> current = reader.readAll(zone.hostedZoneId());
    Plan plan = Planner.plan(t.snapshot(), current, zone.rules(), zone.batch());
    decideAndApply(run, plan);
  }

  /** Safety check, batching, dry-run or apply. */
  private void decideAndApply(Run run, Plan plan) {
    ZoneSettings zone = run.zone();
    SyncOptions options = run.options();
    ReportBuilder report = run.report();
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
            run.deadline(),
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

  /** The marker record, or null. */
  private HostedRRset readMarker(ZoneSettings zone) {
    HostedRRset m = reader.read(zone.hostedZoneId(), SyncMarker.nameFor(zone.name()), RrType.TXT);
    return m == null || !m.isPlain() ? null : m;
  }

  private static String message(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
