package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.plan.OptimisticPlanner;
import dev.zonesync.sync.port.HostedZone;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimistic path of an incremental sync (docs/architecture.md, "Route 53 calls"): from the
 * master's answers for the changed RRsets, one request in which Route 53 validates every change,
 * nothing read. A refused request is followed up in the same run: a new decision when the marker
 * moved, else the touched RRsets are read and set to the master's ({@link TouchedRepair}: drift
 * also reconciles the zone in full).
 */
final class OptimisticPath {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  /** Touched RRsets up to which one validated request carries the change. */
  static final int MAX_OPTIMISTIC_RRSETS = 100;

  private final HostedZone reader;
  private final ApplyStep applyStep;
  private final KnownMarkers known;
  private final TouchedRepair repair;
  private IncrementalSync.Restart restart;

  OptimisticPath(HostedZone reader, ApplyStep applyStep, KnownMarkers known, TouchedRepair repair) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.known = known;
    this.repair = repair;
  }

  void restartWith(IncrementalSync.Restart r) {
    this.restart = r;
  }

  /**
   * Tries the optimistic path for one increment.
   *
   * @return why it did not apply (the caller reads the touched names), or null when it took the run
   *     (applied, refused and followed up, or stopped)
   */
  String attempt(Increment inc) {
    Run run = inc.run();
    ZoneSettings zone = run.zone();
    String why = whyNotOptimistic(inc);
    if (why != null) {
      return why;
    }
    OptimisticPlanner.Result r =
        OptimisticPlanner.plan(
            inc.delta(),
            inc.from(),
            inc.markerRecord(),
            inc.hostedSoa(),
            inc.atMaster(),
            zone.rules(),
            zone.batch());
    return switch (r) {
      case OptimisticPlanner.Ready ready -> {
        send(inc, ready);
        yield null;
      }
      // the caller checked what no increment can carry: what is left is a reason to read
      case OptimisticPlanner.NeedsFullSync f -> f.reason();
      case OptimisticPlanner.NotApplicable n -> n.reason();
    };
  }

  /** Why this increment cannot take the optimistic path, or null when it can. */
  private static String whyNotOptimistic(Increment inc) {
    Run run = inc.run();
    if (!run.optimistic()) {
      return "Route 53 refused the optimistic request earlier in this run";
    }
    if (run.options().effect() == Effect.DRY_RUN) {
      return "a dry run reads what it would change";
    }
    if (inc.delta().rrsets().size() > MAX_OPTIMISTIC_RRSETS) {
      return inc.delta().rrsets().size() + " touched RRsets (> " + MAX_OPTIMISTIC_RRSETS + ")";
    }
    if (run.zone().rules().ownsSoaSerial() && inc.hostedSoa() == null) {
      return "the hosted SOA is unknown";
    }
    return null;
  }

  private void send(Increment inc, OptimisticPlanner.Ready ready) {
    Run run = inc.run();
    ReportBuilder report = run.report();
    report.path(SyncPath.OPTIMISTIC);
    report.read("none");
    List<String> refusal = new ArrayList<>();
    switch (applyStep.applyOptimistic(
        run.zone(), run.options(), run.deadline(), ready, report, refusal)) {
      case APPLIED, STOPPED -> {}
      case REFUSED -> refused(inc, refusal);
    }
  }

  /**
   * Route 53 did not hold the prediction: another writer moved the marker (decide again from the
   * one it holds), or the touched RRsets are not what zonesync predicted (read them, set them to
   * the master's; drift reconciles the zone).
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
    // the marker as read: a DELETE of it repeats Route 53's text
    repair.run(inc.withRun(run.withoutOptimistic()).withFrom(inc.from(), now));
  }
}
