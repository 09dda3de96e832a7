package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.ZoneSource;

/**
 * One zone's run once the master has answered: what every step needs.
 *
 * @param optimistic the optimistic path may still be tried (not after Route 53 refused it once)
 */
record Run(
    ZoneSettings zone,
    SyncOptions options,
    Deadline deadline,
    ReportBuilder report,
    ZoneSource source,
    SourceSerial sourceSerial,
    boolean optimistic) {

  Run(
      ZoneSettings zone,
      SyncOptions options,
      Deadline deadline,
      ReportBuilder report,
      ZoneSource source,
      SourceSerial sourceSerial) {
    this(zone, options, deadline, report, source, sourceSerial, true);
  }

  Run withoutOptimistic() {
    return new Run(zone, options, deadline, report, source, sourceSerial, false);
  }
}
