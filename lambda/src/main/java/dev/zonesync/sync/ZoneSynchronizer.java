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
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.plan.SafetyCheck;
import dev.zonesync.plan.SafetyVerdict;
import dev.zonesync.route53.ApiMeter;
import dev.zonesync.route53.ApplyResult;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.source.SourceSerial;
import dev.zonesync.source.Transfer;
import dev.zonesync.source.ZoneSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One zone, end to end (design.md data flow): read the hosted zone's serial, ask the masters for
 * theirs, stop if Route 53 provably holds it; otherwise transfer, read, plan, check, batch, apply,
 * and commit the serial in the last batch.
 */
public final class ZoneSynchronizer {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private final HostedZoneReader reader;
  private final ChangeApplier applier;
  private final SourceFactory sources;

  public ZoneSynchronizer(HostedZoneReader reader, ChangeApplier applier, SourceFactory sources) {
    this.reader = reader;
    this.applier = applier;
    this.sources = sources;
  }

  /** Never throws: every failure becomes a FAILED report with a message naming the cause. */
  public ZoneReport sync(ZoneSettings zone, SyncOptions options, Deadline deadline) {
    ReportBuilder report = new ReportBuilder(zone.name().text(), zone.hostedZoneId());
    ApiMeter meter = new ApiMeter();
    ApiMeter.Scope scope = meter.bind();
    try {
      run(zone, options, deadline, report);
    } catch (RuntimeException e) {
      report.status = Status.FAILED;
      report.error = message(e);
      LOG.error("zone {}: FAILED: {}", zone.name(), report.error);
      LOG.debug("zone {}: failure detail", zone.name(), e);
    } finally {
      scope.close();
      report.apiCalls = meter.snapshot();
      report.throttled = meter.throttledCount();
      report.retries = meter.retriedCount();
    }
    return report.build();
  }

  private void run(
      ZoneSettings zone, SyncOptions options, Deadline deadline, ReportBuilder report) {
    DnsName markerName = SyncMarker.nameFor(zone.name());
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

    // 3. short-circuit only on proof: serial and lineage from an earlier run's marker
    if (!options.force() && !options.fullReconcile()) {
      boolean soaMatches = !ownsSoa || hostedSerial.equals(sourceSerial.serial());
      Optional<SyncMarker> marker = soaMatches ? readMarker(zone, markerName) : Optional.empty();
      if (!ownsSoa) {
        report.previousSerial = marker.map(m -> m.serial().value()).orElse(null);
      }
      if (marker.isPresent()
          && marker.get().serial().equals(sourceSerial.serial())
          && marker.get().lineage().equals(sourceSerial.lineage())) {
        report.status = Status.UP_TO_DATE;
        report.reason = "serial " + sourceSerial.serial() + " already applied";
        LOG.info(
            "zone {}: UP_TO_DATE at serial {} (lineage {})",
            zone.name(),
            sourceSerial.serial(),
            sourceSerial.lineage());
        return;
      }
      report.reason =
          marker.isEmpty()
              ? soaMatches
                  ? "no zonesync marker in the hosted zone"
                  : "hosted zone serial " + hostedSerial + " differs from source"
              : !marker.get().lineage().equals(sourceSerial.lineage())
                  ? "serial lineage changed from "
                      + marker.get().lineage()
                      + " to "
                      + sourceSerial.lineage()
                  : "source serial changed";
    } else {
      report.reason = options.fullReconcile() ? "full reconcile requested" : "forced";
    }

    // 4. the whole zone, verified
    Transfer transfer = source.axfr(sourceSerial, deadline);
    report.transfer = TransferKind.AXFR;
    report.transferMs = transfer.duration().toMillis();
    report.records = transfer.records();
    report.master = transfer.master().toString();
    report.sourceSerial = transfer.snapshot().soa().serial().value();

    // 5. the whole hosted zone
    List<HostedRRset> current = reader.readAll(zone.hostedZoneId());

    // 6-8. pure: plan, safety, batches
    Plan plan = Planner.plan(transfer.snapshot(), current, zone.rules(), zone.batch());
    report.plan = plan;
    SafetyVerdict verdict = SafetyCheck.check(plan, zone.safety(), options.force());
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
    if (options.dryRun()) {
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
    if (batches.isEmpty()) {
      report.status = Status.UP_TO_DATE;
      report.batchesApplied = 0;
      report.reason = report.reason + "; nothing to change";
      return;
    }

    // 9. apply, serial commit last
    ApplyResult result =
        applier.apply(
            zone.hostedZoneId(),
            batches,
            deadline,
            "zonesync " + zone.name() + " serial " + plan.targetSerial(),
            null);
    report.batchesApplied = result.applied();
    if (result.complete()) {
      report.status = Status.APPLIED;
      LOG.info(
          "zone {}: APPLIED serial {}: {} create, {} update, {} delete in {} batches",
          zone.name(),
          plan.targetSerial(),
          plan.creates(),
          plan.updates(),
          plan.deletes(),
          batches.size());
    } else {
      report.status = result.deadlineReached() ? Status.PARTIAL : Status.FAILED;
      report.error = "zone " + zone.name() + ": " + result.error();
    }
  }

  private Optional<SyncMarker> readMarker(ZoneSettings zone, DnsName markerName) {
    HostedRRset m = reader.read(zone.hostedZoneId(), markerName, RrType.TXT);
    if (m == null || !m.isPlain() || m.values().size() != 1) {
      return Optional.empty();
    }
    return SyncMarker.parse(m.values().get(0));
  }

  private static String message(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
