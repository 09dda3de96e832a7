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
        ReportBuilder skipped = new ReportBuilder(z.name().text(), z.hostedZoneId());
        skipped.status = Status.FAILED;
        skipped.error =
            "not started: the run's deadline was reached; it runs again on its schedule";
        reports.add(skipped.build());
        continue;
      }
      reports.add(synchronizer.sync(z, options, deadline));
    }
    return RunReport.of(reports);
  }
}
