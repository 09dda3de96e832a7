package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.DeltaResult;
import dev.zonesync.plan.OptimisticPlanner;
import dev.zonesync.plan.TouchedCheck;
import dev.zonesync.sync.port.HostedZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an increment with the touched RRsets exactly as the master's (docs/architecture.md, "Route
 * 53 calls"): reads them, tells what zonesync left there from drift ({@link TouchedCheck}), and
 * sets them to the master's. Drift also starts a full reconcile in the same run (what else someone
 * changed, no increment can tell), unless a failing one backs off; if that full reconcile fails,
 * the touched RRsets are still set to the master's.
 */
final class TouchedRepair {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private final HostedZone reader;
  private final ApplyStep applyStep;
  private final FullSync full;
  private final FullReconcileFailures failures;

  TouchedRepair(
      HostedZone reader, ApplyStep applyStep, FullSync full, FullReconcileFailures failures) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.full = full;
    this.failures = failures;
  }

  void run(Increment inc) {
    Run run = inc.run();
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    TouchedNames.Read read = read(inc);
    switch (TouchedCheck.check(
        inc.delta(), inc.atMaster(), read.atNames(), inc.from(), zone.rules())) {
      case TouchedCheck.Disagrees d -> {
        report.alsoBecause(d.reason() + "; full sync");
        LOG.warn("zone {}: {}", zone.name(), d.reason());
        if (run.fullFailed()) {
          report.failed(
              "zone "
                  + zone.name()
                  + ": "
                  + d.reason()
                  + ", and the full reconcile failed earlier in this run; the next run retries");
        } else {
          full.run(run, null);
        }
        return;
      }
      case TouchedCheck.Drift d -> {
        report.drifted();
        LOG.warn("zone {}: drift: {}", zone.name(), d.reason());
        if (run.driftMayReconcile() && !run.fullFailed()) {
          report.alsoBecause("drift: " + d.reason() + "; full reconcile");
          SyncPath path = report.path();
          if (full.run(run, null)) {
            report.path(path == SyncPath.OPTIMISTIC_REFUSED ? path : SyncPath.FULL);
            return;
          }
          Integer applied = report.batchesApplied();
          inc =
              inc.withRun(run.afterFailedFull())
                  .withFrom(failures.failed(run, inc.from(), "drift"), inc.markerRecord());
          report.path(path);
          if (applied != null && applied > 0) {
            read = read(inc); // the failed reconcile changed some of them
          } else {
            report.read(read.kind());
          }
        } else {
          report.alsoBecause(
              "drift: "
                  + d.reason()
                  + "; the full reconcile backs off after failing: touched RRsets set to the"
                  + " master's");
        }
      }
      case TouchedCheck.Consistent c -> {}
    }
    ZoneDelta towards =
        OptimisticPlanner.towardsMaster(
            inc.delta(), inc.atMaster(), read.atNames(), inc.from(), zone.rules());
    DeltaResult result =
        DeltaPlanner.plan(
            towards,
            inc.from(),
            read.atNames(),
            inc.hostedSoa(),
            inc.markerRecord(),
            zone.rules(),
            zone.batch());
    switch (result) {
      case DeltaResult.NeedsFullSync f -> {
        // only what no increment can carry reaches here (the repair never drifts)
        report.alsoBecause(f.reason() + "; full sync");
        if (inc.run().fullFailed()) {
          report.failed("zone " + zone.name() + ": " + f.reason() + "; the next run retries");
        } else {
          full.run(inc.run(), null);
        }
      }
      case DeltaResult.Planned p ->
          applyStep.apply(zone, run.options(), run.deadline(), p.plan(), report);
    }
  }

  private TouchedNames.Read read(Increment inc) {
    TouchedNames.Read read =
        TouchedNames.read(
            reader, inc.run().zone().hostedZoneId(), inc.delta(), inc.from().rrsets());
    inc.run().report().read(read.kind());
    return read;
  }
}
