package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.FullReconcileSchedule;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full reconcile that cannot succeed must not stop a zone's sync (README, "Full reconcile"): its
 * failure is recorded in the marker, the run goes on incrementally, and the next attempt waits for
 * a back-off ({@link FullReconcileSchedule#retryAt}). The report's warning says so on every run
 * until one succeeds.
 */
final class FullReconcileFailures {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private final Clock clock;

  FullReconcileFailures(Clock clock) {
    this.clock = clock;
  }

  /**
   * A full reconcile of this run just ended short of success: warns, clears the report for the way
   * on, and returns the marker to commit instead of {@code from} (it records the failure).
   *
   * @param why why the full reconcile ran (its schedule, drift)
   */
  SyncMarker failed(Run run, SyncMarker from, String why) {
    ReportBuilder report = run.report();
    ZoneSettings zone = run.zone();
    Status status = report.status();
    String error = report.error();
    SyncMarker next = from.withFullFailure(clock.instant());
    Instant retry = schedule(zone).retryAt(next.fullFailures());
    String text =
        "the full reconcile ("
            + why
            + ") ended "
            + status
            + (error == null ? "" : ": " + stripEnd(error))
            + "; failure "
            + next.fullFailures().count()
            + " in a row. The zone's incremental syncs go on; the next full reconcile is tried"
            + " after "
            + retry
            + ". "
            + advice(status);
    report.warn(WarningCodes.FULL_RECONCILE_FAILING, text);
    LOG.warn("zone {}: {}", zone.name(), text);
    report.fullReconcileFailed(
        "the full reconcile ended " + status + ": the master's changes go on incrementally");
    return next;
  }

  /**
   * The marker records failed full reconciles: warns on this run too, and says whether the next
   * attempt may run now.
   *
   * @return true while the zone backs off (no full reconcile now unless nothing else can sync it)
   */
  boolean backingOff(Run run, SyncMarker marker) {
    SyncMarker.FullFailures f = marker.fullFailures();
    if (f == null) {
      return false;
    }
    Instant retry = schedule(run.zone()).retryAt(f);
    boolean waiting = clock.instant().isBefore(retry);
    run.report()
        .warn(
            WarningCodes.FULL_RECONCILE_FAILING,
            f.count()
                + " full reconcile(s) in a row failed, the last at "
                + f.last()
                + (waiting
                    ? "; the zone syncs incrementally until the next attempt after " + retry
                    : "; trying again in this run")
                + ". Its report at that time says why (a REJECTED plan: dry-run {\"mode\":"
                + " \"full\"} and, if the change is intended, run it once with \"force\": true)");
    return waiting;
  }

  private static String stripEnd(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static FullReconcileSchedule schedule(ZoneSettings zone) {
    return new FullReconcileSchedule(zone.name(), zone.fullReconcileEvery());
  }

  private static String advice(Status status) {
    return switch (status) {
      case REJECTED ->
          "It would change more of the zone than the safety thresholds allow: dry-run it"
              + " ({\"zones\": [\"<zone>\"], \"mode\": \"full\", \"dryRun\": true}); if the change"
              + " is intended, run it once with \"force\": true, or raise the zone's safety"
              + " thresholds.";
      case PARTIAL ->
          "It did not finish within the run's deadline: raise function.timeout, or put fewer"
              + " zones in a schedule (scheduler.zonesPerSchedule).";
      default -> "Its error says what failed (the master's transfer, Route 53, a limit).";
    };
  }
}
