package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.DeltaResult;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.TransferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incremental sync from the serial the marker proves (docs/architecture.md, "Route 53 calls"):
 * IXFR, then the {@link OptimisticPath} or, when that does not apply, the read path (read the
 * touched names, check them for drift, plan, apply). Anything an increment cannot carry becomes a
 * {@link FullSync}.
 */
final class IncrementalSync {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /** Decides again from the marker Route 53 holds now (read), without the optimistic path. */
  @FunctionalInterface
  interface Restart {
    void run(Run run, HostedRRset marker);
  }

  private final HostedZone reader;
  private final ApplyStep applyStep;
  private final KnownMarkers known;
  private final FullSync full;
  private final OptimisticPath optimistic;
  private Restart restart;

  IncrementalSync(HostedZone reader, ApplyStep applyStep, KnownMarkers known, FullSync full) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.known = known;
    this.full = full;
    this.optimistic = new OptimisticPath(reader, applyStep, known, full);
  }

  void restartWith(Restart r) {
    this.restart = r;
    this.optimistic.restartWith(r);
  }

  /**
   * @param from the marker the run starts from
   * @param markerRecord that marker's record set exactly as Route 53 holds (or is believed to hold)
   * @param hostedSoa the apex SOA Route 53 holds (from the marker's template, or read), or null
   *     when the zone does not own the apex
   * @param believedOnly the marker was not read in this run: before anything but the optimistic
   *     request acts on it, it is read (and, if it moved, the run decides again from it)
   */
  void run(
      Run run,
      SyncMarker from,
      HostedRRset markerRecord,
      HostedRRset hostedSoa,
      boolean believedOnly) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    IxfrOutcome outcome;
    report.attempting(TransferKind.IXFR);
    try {
      outcome = run.source().ixfr(run.sourceSerial(), from.serial(), run.deadline());
    } catch (TransferException e) {
      LOG.warn("zone {}: IXFR failed, falling back to AXFR: {}", zone.name(), e.getMessage());
      report.because("IXFR failed (" + e.getMessage() + "); full transfer instead");
      full.run(run, null);
      return;
    }
    switch (outcome) {
      case IxfrOutcome.UpToDate u -> {
        report.because(
            "the master answered IXFR with serial "
                + u.serial()
                + " (nothing newer) although its SOA said "
                + run.sourceSerial().serial()
                + "; full transfer instead");
        full.run(run, null);
        return;
      }
      case IxfrOutcome.WholeZone w -> {
        report.because(
            "the master answered IXFR with the whole zone (no difference from serial "
                + from.serial()
                + " in its journal, or it never sends differences: PowerDNS, Windows)");
        full.run(run, w.transfer());
        return;
      }
      case IxfrOutcome.Incremental inc -> {
        incremental(run, from, markerRecord, hostedSoa, inc, believedOnly);
        return;
      }
    }
  }

  private void incremental(
      Run run,
      SyncMarker from,
      HostedRRset markerRecord,
      HostedRRset hostedSoa,
      IxfrOutcome.Incremental inc,
      boolean believedOnly) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    ZoneDelta delta = inc.delta();
    report.transferred(
        TransferKind.IXFR,
        inc.duration().toMillis(),
        inc.records(),
        null,
        delta.to().serial().value());
    report.because(
        "IXFR "
            + from.serial()
            + " -> "
            + delta.to().serial()
            + ": "
            + delta.rrsets().size()
            + " RRsets touched");
    String notOptimistic = optimistic.attempt(run, from, markerRecord, hostedSoa, inc);
    if (notOptimistic == null) {
      return;
    }
    LOG.debug("zone {}: reading the touched names: {}", zone.name(), notOptimistic);
    if (believedOnly) {
      // the read path needs a marker read in this run: confirm the belief first
      HostedRRset now = MarkerRecords.read(reader, zone);
      if (!MarkerRecords.same(now, markerRecord)) {
        // another writer moved it: decide again from what Route 53 holds (nothing was sent)
        known.forget(zone);
        restart.run(run, now);
        return;
      }
    }
    readPath(run, from, markerRecord, hostedSoa, delta);
  }

  /** Read what Route 53 holds at the touched names, check it for drift, plan and apply. */
  private void readPath(
      Run run, SyncMarker from, HostedRRset markerRecord, HostedRRset hostedSoa, ZoneDelta delta) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    report.path(SyncPath.READ);
    TouchedNames.Read read = TouchedNames.read(reader, zone.hostedZoneId(), delta, from.rrsets());
    report.read(read.kind());
    DeltaResult result =
        DeltaPlanner.plan(
            delta, from, read.atNames(), hostedSoa, markerRecord, zone.rules(), zone.batch());
    switch (result) {
      case DeltaResult.NeedsFullSync f -> {
        if (f.drift()) {
          report.drifted();
        }
        report.because((f.drift() ? "drift: " : "") + f.reason() + "; full reconcile");
        LOG.warn("zone {}: {}", zone.name(), report.reason());
        full.run(run, null);
      }
      case DeltaResult.Planned p -> {
        applyStep.apply(run.zone(), run.options(), run.deadline(), p.plan(), run.report());
      }
    }
  }
}
