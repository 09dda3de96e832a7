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
import dev.zonesync.plan.Plan;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.TransferException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incremental sync from the serial the marker proves (docs/architecture.md, "Route 53 calls"):
 * IXFR, then the optimistic path — the changed RRsets asked of the master, sent in one request
 * Route 53 validates, no read — or, when that does not apply, the read path (read the touched
 * names, plan, apply). A refused optimistic request is followed up in the same run: a new decision
 * when the marker moved, the touched RRsets set to the master's when Route 53 already held some of
 * them, else drift, reconciled in full. Anything an increment cannot carry becomes a {@link
 * FullSync}.
 */
final class IncrementalSync {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /** Touched RRsets up to which the optimistic path asks the master for them one by one. */
  static final int MAX_OPTIMISTIC_RRSETS = 100;

  /** Decides again from the marker Route 53 holds now (read), without the optimistic path. */
  @FunctionalInterface
  interface Restart {
    void run(Run run, HostedRRset marker);
  }

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
  private final Clock clock;
  private Restart restart;

  IncrementalSync(
      HostedZone reader, ApplyStep applyStep, KnownMarkers known, FullSync full, Clock clock) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.known = known;
    this.full = full;
    this.clock = clock;
  }

  void restartWith(Restart r) {
    this.restart = r;
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
    String notOptimistic = whyNotOptimistic(run, delta, hostedSoa);
    if (notOptimistic == null) {
      Map<RRsetKey, RRset> atMaster = null;
      try {
        atMaster =
            run.source()
                .rrsets(
                    new SourceSerial(
                        delta.to().serial(), run.sourceSerial().lineage(), inc.master()),
                    delta.rrsets().keySet(),
                    run.deadline());
      } catch (TransferException e) {
        notOptimistic = "the master was not asked for the changed RRsets: " + e.getMessage();
      }
      if (atMaster != null) {
        OptimisticPlanner.Result r =
            OptimisticPlanner.plan(
                delta, from, markerRecord, hostedSoa, atMaster, zone.rules(), zone.batch());
        switch (r) {
          case OptimisticPlanner.Ready ready -> {
            optimistic(new Increment(run, from, markerRecord, hostedSoa, delta, atMaster), ready);
            return;
          }
          case OptimisticPlanner.NeedsFullSync f -> {
            report.because(f.reason() + "; full reconcile");
            LOG.warn("zone {}: {}", zone.name(), f.reason());
            full.run(run, null);
            return;
          }
          case OptimisticPlanner.NotApplicable n -> notOptimistic = n.reason();
        }
      }
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
      case APPLIED -> Committed.remember(known, zone, ready.plan(), clock);
      case STOPPED -> {}
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
        applyAndRemember(run, p.plan());
      }
    }
  }

  private void applyAndRemember(Run run, Plan plan) {
    if (applyStep.apply(run.zone(), run.options(), run.deadline(), plan, run.report())) {
      Committed.remember(known, run.zone(), plan, clock);
    }
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
        applyAndRemember(run, p.plan());
      }
    }
  }
}
