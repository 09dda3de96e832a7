package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.Transfer;
import java.time.Clock;
import java.util.List;

/**
 * A full sync: the whole zone (AXFR, unless the master already sent it) against a full read of the
 * hosted zone, planned, applied, committed with the time of this reconcile in the marker.
 */
final class FullSync {

  private final HostedZone reader;
  private final ApplyStep applyStep;
  private final KnownMarkers known;
  private final Clock clock;

  FullSync(HostedZone reader, ApplyStep applyStep, KnownMarkers known, Clock clock) {
    this.reader = reader;
    this.applyStep = applyStep;
    this.known = known;
    this.clock = clock;
  }

  /**
   * @param transfer the whole zone when the master already sent it (an IXFR answered with AXFR),
   *     else null
   */
  void run(Run run, Transfer transfer) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    report.path(SyncPath.FULL);
    if (transfer == null) {
      report.attempting(TransferKind.AXFR);
    }
    Transfer t =
        transfer != null ? transfer : run.source().axfr(run.sourceSerial(), run.deadline());
    report.transferred(
        TransferKind.AXFR,
        t.duration().toMillis(),
        t.records(),
        t.master().toString(),
        t.snapshot().soa().serial().value());
    report.read("full");
    known.forget(zone);
    List<HostedRRset> current = reader.readAll(zone.hostedZoneId());
    report.hostedHeld(previousSerial(zone, current));
    Plan plan = Planner.plan(t.snapshot(), current, zone.rules(), zone.batch(), clock.instant());
    applyStep.apply(zone, run.options(), run.deadline(), plan, report);
  }

  /** The serial the hosted zone held: its SOA's when the zone owns the apex, else the marker's. */
  private static Long previousSerial(ZoneSettings zone, List<HostedRRset> current) {
    for (HostedRRset h : current) {
      if (zone.rules().ownsSoaSerial()
          && h.type().equals(RrType.SOA)
          && h.name().equals(zone.hostedZoneName())
          && h.values().size() == 1) {
        return Rdata.soaSerial(h.values().get(0)).value();
      }
      if (!zone.rules().ownsSoaSerial()
          && h.type().equals(RrType.TXT)
          && h.name().equals(SyncMarker.nameFor(zone.name()))) {
        return MarkerRecords.parse(h, zone).map(m -> m.serial().value()).orElse(null);
      }
    }
    return null;
  }
}
