package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.DeltaResult;
import dev.zonesync.plan.OptimisticPlanner;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.TransferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimistic path of an incremental sync (docs/architecture.md, "Route 53 calls"): the changed
 * RRsets asked of the master, then one request in which Route 53 validates every change, nothing
 * read. A refused request is followed up in the same run: a new decision when the marker moved, the
 * touched RRsets set to the master's when Route 53 already held some of them, else drift,
 * reconciled in full.
 */
final class OptimisticPath {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /** Touched RRsets up to which the optimistic path asks the master for them one by one. */
  static final int MAX_OPTIMISTIC_RRSETS = 100;

  /**
   * One increment as the optimistic path handles it.
   *
   * @param from the marker the increment starts from
   * @param markerRecord that marker's record set as Route 53 holds (or is believed to hold) it
   * @param hostedSoa the apex SOA Route 53 holds, or null when the zone does not own the apex
   * @param atMaster the master's RRsets at the touched keys, at the serial the delta ends at
   */
  private record Increment(
      Run run,
      SyncMarker from,
      HostedRRset markerRecord,
      HostedRRset hostedSoa,
      ZoneDelta delta,
      Map<RRsetKey, RRset> atMaster) {}

  private final HostedZone reader;
  private final ApplyStep applyStep;
  private final KnownMarkers known;
  private final FullSync full;
  private IncrementalSync.Restart restart;

  OptimisticPath(HostedZone reader, ApplyStep applyStep, KnownMarkers known, FullSync full) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.known = known;
    this.full = full;
  }

  void restartWith(IncrementalSync.Restart r) {
    this.restart = r;
  }

  /**
   * Tries the optimistic path for one increment.
   *
   * @return why it did not apply (the caller reads the touched names), or null when it took the run
   *     (applied, refused and followed up, stopped, or handed to a full sync)
   */
  String attempt(
      Run run,
      SyncMarker from,
      HostedRRset markerRecord,
      HostedRRset hostedSoa,
      IxfrOutcome.Incremental inc) {
    ZoneSettings zone = run.zone();
    ZoneDelta delta = inc.delta();
    String why = whyNotOptimistic(run, delta, hostedSoa);
    if (why != null) {
      return why;
    }
    Map<RRsetKey, RRset> atMaster;
    try {
      atMaster =
          run.source()
              .rrsets(
                  new SourceSerial(delta.to().serial(), run.sourceSerial().lineage(), inc.master()),
                  delta.rrsets().keySet(),
                  java.util.Set.of(),
                  run.deadline());
    } catch (TransferException e) {
      return "the master was not asked for the changed RRsets: " + e.getMessage();
    }
    OptimisticPlanner.Result r =
        OptimisticPlanner.plan(
            delta, from, markerRecord, hostedSoa, atMaster, zone.rules(), zone.batch());
    switch (r) {
      case OptimisticPlanner.Ready ready -> {
        optimistic(new Increment(run, from, markerRecord, hostedSoa, delta, atMaster), ready);
        return null;
      }
      case OptimisticPlanner.NeedsFullSync f -> {
        run.report().because(f.reason() + "; full reconcile");
        LOG.warn("zone {}: {}", zone.name(), f.reason());
        full.run(run, null);
        return null;
      }
      case OptimisticPlanner.NotApplicable n -> {
        return n.reason();
      }
    }
  }

  /** Why this run cannot take the optimistic path, or null when it can. */
  private static String whyNotOptimistic(Run run, ZoneDelta delta, HostedRRset hostedSoa) {
    if (!run.optimistic()) {
      return "Route 53 refused the optimistic request earlier in this run";
    }
    if (run.options().effect() == Effect.DRY_RUN) {
      return "a dry run reads what it would change";
    }
    if (delta.rrsets().size() > MAX_OPTIMISTIC_RRSETS) {
      return delta.rrsets().size() + " touched RRsets (> " + MAX_OPTIMISTIC_RRSETS + ")";
    }
    if (run.zone().rules().ownsSoaSerial() && hostedSoa == null) {
      return "the hosted SOA is unknown";
    }
    return null;
  }

  private void optimistic(Increment inc, OptimisticPlanner.Ready ready) {
    Run run = inc.run();
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    report.path(SyncPath.OPTIMISTIC);
    report.read("none");
    List<String> refusal = new ArrayList<>();
    switch (applyStep.applyOptimistic(
        zone, run.options(), run.deadline(), ready, report, refusal)) {
      case APPLIED, STOPPED -> {}
      case REFUSED -> refused(inc, refusal);
    }
  }

  /**
   * Route 53 did not hold the prediction: another writer moved the marker (decide again from the
   * one it holds); Route 53 already held some of the master's RRsets (reconcile the touched RRsets
   * with the master's); or the data drifted (reconcile the whole zone, in this run).
   */
  private void refused(Increment inc, List<String> refusal) {
    Run run = inc.run();
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    known.forget(zone);
    report.path(SyncPath.OPTIMISTIC_REFUSED);
    String why =
        "Route 53 refused the optimistic request ("
            + String.join("; ", refusal.subList(0, Math.min(3, refusal.size())))
            + (refusal.size() > 3 ? "; ..." : "")
            + ")";
    LOG.warn("zone {}: {}", zone.name(), why);
    report.alsoBecause(why);
    HostedRRset now = MarkerRecords.read(reader, zone);
    if (!MarkerRecords.same(now, inc.markerRecord())) {
      report.alsoBecause("the marker changed since this container last saw it: decided again");
      restart.run(run.withoutOptimistic(), now);
      return;
    }
    TouchedNames.Read read =
        TouchedNames.read(reader, zone.hostedZoneId(), inc.delta(), inc.from().rrsets());
    report.read(read.kind());
    String drift =
        OptimisticPlanner.drift(
            inc.delta(), inc.atMaster(), read.atNames(), inc.from(), zone.rules());
    if (drift != null) {
      // someone changed the hosted zone, and what else they changed no increment can tell
      report.drifted();
      report.alsoBecause("drift: " + drift + "; full reconcile");
      LOG.warn("zone {}: drift: {}", zone.name(), drift);
      full.run(run.withoutOptimistic(), null);
      report.path(SyncPath.OPTIMISTIC_REFUSED);
      return;
    }
    ZoneDelta repair =
        OptimisticPlanner.towardsMaster(
            inc.delta(), inc.atMaster(), read.atNames(), inc.from(), zone.rules());
    DeltaResult result =
        DeltaPlanner.plan(
            repair, inc.from(), read.atNames(), inc.hostedSoa(), now, zone.rules(), zone.batch());
    switch (result) {
      case DeltaResult.NeedsFullSync f -> {
        report.alsoBecause(f.reason() + "; full reconcile");
        full.run(run.withoutOptimistic(), null);
        report.path(SyncPath.OPTIMISTIC_REFUSED);
      }
      case DeltaResult.Planned p -> {
        report.alsoBecause(
            "Route 53 already held some of the master's RRsets; touched RRsets set to the master's");
        applyStep.apply(run.zone(), run.options(), run.deadline(), p.plan(), run.report());
      }
    }
  }
}
