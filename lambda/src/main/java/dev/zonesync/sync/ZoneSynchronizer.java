package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.DeltaResult;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.plan.SyncDecision;
import dev.zonesync.plan.SyncMode;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ApiCalls;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
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

  private final HostedZone reader;
  private final ChangeSink applier;
  private final ApiCallMeter calls;
  private final SourceFactory sources;
  private final ApplyStep applyStep;

  public ZoneSynchronizer(
      HostedZone reader, ChangeSink applier, ApiCallMeter calls, SourceFactory sources) {
    this.reader = reader;
    this.applier = applier;
    this.calls = calls;
    this.sources = sources;
    this.applyStep = new ApplyStep(reader, applier);
  }

  void onProgress(Progress p) {
    applyStep.onProgress(p);
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
    ZoneResultLog.log(done);
    MDC.remove("zone");
    MDC.remove("hostedZoneId");
    return done;
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
        applyStep.apply(run.zone(), run.options(), run.deadline(), planned.plan(), run.report());
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
    applyStep.apply(zone, run.options(), run.deadline(), plan, report);
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
