package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import java.util.ArrayList;
import java.util.List;

/** Runs zones one after another; one zone failing never stops the others. */
public final class SyncRunner {

  private final ZoneSynchronizer synchronizer;

  public SyncRunner(ZoneSynchronizer synchronizer) {
    this.synchronizer = synchronizer;
  }

  public RunReport run(List<ZoneSettings> zones, SyncOptions options, Deadline deadline) {
    List<ZoneReport> reports = new ArrayList<>(zones.size());
    for (ZoneSettings z : zones) {
      if (deadline.isExpired()) {
        reports.add(ZoneReport.notStarted(z.name().text(), z.hostedZoneId()));
        continue;
      }
      reports.add(synchronizer.sync(z, options, deadline));
    }
    return RunReport.of(reports);
  }
}
