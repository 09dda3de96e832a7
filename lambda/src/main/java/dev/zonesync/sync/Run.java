package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.ZoneSource;

/**
 * One zone's run once the master has answered: what every step needs.
 *
 * @param optimistic the optimistic path may still be tried (not after Route 53 refused it once)
 * @param driftMayReconcile drift found at touched RRsets may start a full reconcile (not while a
 *     failing one backs off)
 * @param fullFailed a full reconcile already failed in this run: none starts again, the run goes on
 *     incrementally where it can
 */
record Run(
    ZoneSettings zone,
    SyncOptions options,
    Deadline deadline,
    ReportBuilder report,
    ZoneSource source,
    SourceSerial sourceSerial,
    boolean optimistic,
    boolean driftMayReconcile,
    boolean fullFailed) {

  Run(
      ZoneSettings zone,
      SyncOptions options,
      Deadline deadline,
      ReportBuilder report,
      ZoneSource source,
      SourceSerial sourceSerial) {
    this(zone, options, deadline, report, source, sourceSerial, true, true, false);
  }

  Run withoutOptimistic() {
    return new Run(
        zone,
        options,
        deadline,
        report,
        source,
        sourceSerial,
        false,
        driftMayReconcile,
        fullFailed);
  }

  /** A failing full reconcile backs off: drift repairs the touched RRsets only. */
  Run backingOff() {
    return new Run(
        zone, options, deadline, report, source, sourceSerial, optimistic, false, fullFailed);
  }

  Run afterFailedFull() {
    return new Run(zone, options, deadline, report, source, sourceSerial, optimistic, false, true);
  }
}
