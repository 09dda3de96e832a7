package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.OptimisticPlanner;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.TransferException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incremental sync from the serial the marker proves (docs/architecture.md, "Route 53 calls"):
 * IXFR, the master asked for the RRsets it changed, then the {@link OptimisticPath} or, when that
 * does not apply, the read path ({@link TouchedRepair}). Both end with the touched RRsets exactly
 * as the master's. Anything an increment cannot carry becomes a {@link FullSync}.
 */
final class IncrementalSync {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /**
   * Touched RRsets up to which the master is asked for each. Past it a full sync costs no more
   * Route 53 calls than reading the touched names (they are read in one paginated read of the zone
   * from a few hundred names on) and is quicker than hundreds of queries to a distant master.
   */
  static final int MAX_QUERIED_RRSETS = 300;

  /** Decides again from the marker Route 53 holds now (read), without the optimistic path. */
  @FunctionalInterface
  interface Restart {
    void run(Run run, HostedRRset marker);
  }

  private final HostedZone reader;
  private final KnownMarkers known;
  private final FullSync full;
  private final OptimisticPath optimistic;
  private final TouchedRepair repair;
  private Restart restart;

  IncrementalSync(
      HostedZone reader,
      ApplyStep applyStep,
      KnownMarkers known,
      FullSync full,
      FullReconcileFailures failures) {
    this.reader = reader;
    this.known = known;
    this.full = full;
    this.repair = new TouchedRepair(reader, applyStep, full, failures);
    this.optimistic = new OptimisticPath(reader, applyStep, known, repair);
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
      fullInstead(run, "IXFR failed (" + e.getMessage() + "); full transfer instead", null);
      return;
    }
    switch (outcome) {
      case IxfrOutcome.UpToDate u ->
          fullInstead(
              run,
              "the master answered IXFR with serial "
                  + u.serial()
                  + " (nothing newer) although its SOA said "
                  + run.sourceSerial().serial()
                  + "; full transfer instead",
              null);
      case IxfrOutcome.WholeZone w ->
          fullInstead(
              run,
              "the master answered IXFR with the whole zone (no difference from serial "
                  + from.serial()
                  + " in its journal, or it never sends differences: PowerDNS, Windows)",
              w.transfer());
      case IxfrOutcome.Incremental inc ->
          incremental(run, from, markerRecord, hostedSoa, inc, believedOnly);
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
    report.alsoBecause(
        "IXFR "
            + from.serial()
            + " -> "
            + delta.to().serial()
            + ": "
            + delta.rrsets().size()
            + " RRsets touched");
    String cannot = DeltaPlanner.whyNotIncremental(delta, from, zone.rules());
    if (cannot != null) {
      fullInstead(run, cannot + "; full sync", null);
      return;
    }
    // below a cut or in another source's subtree nothing is mirrored, and the master refers
    delta = DeltaPlanner.mirrorable(delta, from, zone.rules());
    if (delta.rrsets().size() > MAX_QUERIED_RRSETS) {
      fullInstead(
          run,
          delta.rrsets().size()
              + " RRsets touched (> "
              + MAX_QUERIED_RRSETS
              + "): a full sync costs no more calls than reading them",
          null);
      return;
    }
    Map<RRsetKey, RRset> atMaster;
    try {
      atMaster =
          run.source()
              .rrsets(
                  new SourceSerial(delta.to().serial(), run.sourceSerial().lineage(), inc.master()),
                  delta.rrsets().keySet(),
                  OptimisticPlanner.mayBeGone(delta),
                  run.deadline());
    } catch (TransferException e) {
      // without the master's RRsets the touched ones cannot be proven exact: reconcile in full
      fullInstead(
          run,
          "the master was not asked for the changed RRsets (" + e.getMessage() + "); full sync",
          null);
      return;
    }
    Increment increment = new Increment(run, from, markerRecord, hostedSoa, delta, atMaster);
    String notOptimistic = optimistic.attempt(increment);
    if (notOptimistic == null) {
      return;
    }
    LOG.debug("zone {}: reading the touched names: {}", zone.name(), notOptimistic);
    report.path(SyncPath.READ);
    if (believedOnly) {
      // the read path needs a marker read in this run: confirm the belief first
      HostedRRset now = MarkerRecords.read(reader, zone);
      if (!MarkerRecords.same(now, markerRecord)) {
        // another writer moved it: decide again from what Route 53 holds (nothing was sent)
        known.forget(zone);
        restart.run(run, now);
        return;
      }
      increment = increment.withFrom(from, now);
    }
    repair.run(increment);
  }

  /** What an increment cannot carry: a full sync, unless one already failed in this run. */
  private void fullInstead(Run run, String why, Transfer transfer) {
    ReportBuilder report = run.report();
    report.alsoBecause(why);
    if (run.fullFailed()) {
      report.failed(
          "zone "
              + run.zone().name()
              + ": "
              + why
              + ", after the full reconcile failed earlier in this run; the next run retries");
      return;
    }
    full.run(run, transfer);
  }
}
