package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SoaTemplate;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.CutCoverage;
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
   * @return true when the run ended as asked (APPLIED, UP_TO_DATE or DRY_RUN); false when it was
   *     REJECTED, FAILED or stopped (PARTIAL): the caller may go on another way
   */
  boolean run(Run run, Transfer transfer) {
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
    HostedRRset marker = markerOf(zone, current);
    MarkerRecords.requireNotNewer(marker, zone);
    report.hostedHeld(previousSerial(zone, current, marker));
    Plan plan = Planner.plan(t.snapshot(), current, zone.rules(), zone.batch(), clock.instant());
    noteSoaEdits(zone, current, marker, report);
    report.warnEach(
        WarningCodes.UNRESOLVED_CUT,
        CutCoverage.uncovered(t.snapshot(), zone.rules()).stream()
            .map(u -> u.describe(zone.name()))
            .toList());
    applyStep.apply(zone, run.options(), run.deadline(), plan, report);
    if (report.status() == Status.APPLIED || report.status() == Status.UP_TO_DATE) {
      // its commit wrote a marker without failures: a reconcile that kept failing succeeded
      report.unwarn(WarningCodes.FULL_RECONCILE_FAILING);
    }
    return report.status().ok();
  }

  private static HostedRRset markerOf(ZoneSettings zone, List<HostedRRset> current) {
    for (HostedRRset h : current) {
      if (h.type().equals(RrType.TXT)
          && h.isPlain()
          && h.name().equals(SyncMarker.nameFor(zone.name()))) {
        return h;
      }
    }
    return null;
  }

  private static HostedRRset soaOf(ZoneSettings zone, List<HostedRRset> current) {
    for (HostedRRset h : current) {
      if (h.type().equals(RrType.SOA)
          && h.name().equals(zone.hostedZoneName())
          && h.values().size() == 1) {
        return h;
      }
    }
    return null;
  }

  /** The serial the hosted zone held: its SOA's when the zone owns the apex, else the marker's. */
  private static Long previousSerial(
      ZoneSettings zone, List<HostedRRset> current, HostedRRset marker) {
    if (zone.rules().ownsSoaSerial()) {
      HostedRRset soa = soaOf(zone, current);
      return soa == null ? null : Rdata.soaSerial(soa.values().get(0)).value();
    }
    return MarkerRecords.parse(marker, zone).map(m -> m.serial().value()).orElse(null);
  }

  /**
   * The SOA's fields other than the serial are the ones the marker recorded (README, "Ownership"):
   * the plan's commit writes them back; say so when someone had changed them.
   */
  private static void noteSoaEdits(
      ZoneSettings zone, List<HostedRRset> current, HostedRRset marker, ReportBuilder report) {
    if (!zone.rules().ownsSoaSerial()) {
      return;
    }
    HostedRRset soa = soaOf(zone, current);
    SoaTemplate recorded = MarkerRecords.parse(marker, zone).map(SyncMarker::soa).orElse(null);
    if (soa == null || recorded == null) {
      return;
    }
    SoaTemplate found = SoaTemplate.of(soa);
    if (!found.equals(recorded)) {
      report.warn(
          WarningCodes.SOA_RESTORED,
          "the apex SOA of hosted zone "
              + zone.hostedZoneId()
              + " was changed outside zonesync ("
              + describe(found)
              + "); this run restores the SOA zonesync recorded ("
              + describe(recorded)
              + "): zonesync keeps the SOA's other fields as Route 53 created them"
              + " (README, \"Ownership\")");
    }
  }

  private static String describe(SoaTemplate t) {
    return "TTL "
        + t.ttl()
        + ", "
        + t.mname()
        + " "
        + t.rname()
        + " refresh "
        + t.refresh()
        + " retry "
        + t.retry()
        + " expire "
        + t.expire()
        + " minimum "
        + t.minimum();
  }
}
