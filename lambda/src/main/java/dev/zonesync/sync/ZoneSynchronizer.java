package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.CutCoverage;
import dev.zonesync.plan.DeltaPlanner;
import dev.zonesync.plan.FullReconcileSchedule;
import dev.zonesync.plan.SyncDecision;
import dev.zonesync.plan.SyncMode;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ApiCalls;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.ZoneSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One zone, end to end (docs/architecture.md, data flow): ask the masters for their serial, learn
 * what Route 53 holds from the marker (one read, or none when this container wrote it), decide, and
 * hand over to the {@link IncrementalSync} or the {@link FullSync}.
 */
public final class ZoneSynchronizer {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private final HostedZone reader;
  private final ApiCallMeter calls;
  private final SourceFactory sources;
  private final ApplyStep applyStep;
  private final KnownMarkers known;
  private final Clock clock;
  private final Duration unchangedCheckEvery;
  private final FullSync full;
  private final IncrementalSync incremental;
  private final FullReconcileFailures fullFailures;

  public ZoneSynchronizer(
      HostedZone reader, ChangeSink applier, ApiCallMeter calls, SourceFactory sources) {
    this(reader, applier, calls, sources, Clock.systemUTC(), Duration.ZERO);
  }

  /**
   * @param unchangedCheckEvery how long a marker this container read or wrote stands for an
   *     unchanged zone (0: every run reads it)
   */
  public ZoneSynchronizer(
      HostedZone reader,
      ChangeSink applier,
      ApiCallMeter calls,
      SourceFactory sources,
      Clock clock,
      Duration unchangedCheckEvery) {
    this.reader = reader;
    this.calls = calls;
    this.sources = sources;
    this.clock = clock;
    this.unchangedCheckEvery = unchangedCheckEvery;
    this.known = new KnownMarkers(clock);
    this.applyStep = new ApplyStep(reader, applier, known);
    this.full = new FullSync(reader, applyStep, known, clock);
    this.fullFailures = new FullReconcileFailures(clock);
    this.incremental = new IncrementalSync(reader, applyStep, known, full, fullFailures);
    this.incremental.restartWith(this::fromHostedMarker);
  }

  void onProgress(Progress p) {
    applyStep.onProgress(p);
  }

  /** Never throws: every failure becomes a FAILED report with a message naming the cause. */
  public ZoneReport sync(ZoneSettings zone, SyncOptions options, Deadline deadline) {
    ReportBuilder report = new ReportBuilder(zone.name().text(), zone.hostedZoneId());
    ApiCallMeter.Session metering = calls.start();
    MDC.put("zone", zone.name().text());
    MDC.put("hostedZoneId", zone.hostedZoneId());
    try {
      String weak = zone.tsig() == null ? null : zone.tsig().weakAlgorithm();
      if (weak != null) {
        report.warn(
            WarningCodes.WEAK_TSIG_ALGORITHM, "TSIG key " + zone.tsig().name() + ": " + weak);
      }
      run(zone, options, deadline, report);
    } catch (RuntimeException e) {
      known.forget(zone);
      report.failed(message(e));
      LOG.error("zone {}: FAILED: {}", zone.name(), message(e));
      LOG.debug("zone {}: failure detail", zone.name(), e);
    } finally {
      ApiCalls made = metering.stop();
      report.calls(made.byOperation(), made.throttled(), made.retries());
    }
    ZoneReport done = report.build();
    ZoneResultLog.log(done);
    MDC.remove("zone");
    MDC.remove("hostedZoneId");
    return done;
  }

  private void run(
      ZoneSettings zone, SyncOptions options, Deadline deadline, ReportBuilder report) {
    // 1. what the masters hold (no Route 53 call)
    ZoneSource source = sources.create(zone);
    SourceSerial sourceSerial = source.serial(deadline);
    report.masterAnswered(sourceSerial.serial().value(), sourceSerial.master().toString());
    Run run = new Run(zone, options, deadline, report, source, sourceSerial);
    SyncMode mode = options.mode();
    if (mode.alwaysFull()) {
      report.because(mode.fullReason());
      full.run(run, null);
      return;
    }
    // 2. a newer serial and a marker this container wrote or read: act on the belief, which the
    // optimistic request makes Route 53 validate (no read)
    Optional<KnownMarkers.Known> believed = known.get(zone);
    if (believed.isPresent() && unchangedAndRecentlySeen(believed.get(), sourceSerial)) {
      KnownMarkers.Known k = believed.get();
      decideAndRun(run, k.marker(), k.record(), templateSoa(zone, k.marker()), false);
      if (report.path() == SyncPath.SERIAL_CHECK) {
        report.alsoBecause(
            "the marker this container saw "
                + Duration.between(k.seen(), clock.instant()).toSeconds()
                + " s ago stands for it (execution.unchangedCheckEvery)");
      }
      return;
    }
    if (believed.isPresent()
        && options.effect() == Effect.APPLY
        && sourceSerial.serial().isNewerThan(believed.get().marker().serial())
        && sourceSerial.lineage().equals(believed.get().marker().lineage())) {
      KnownMarkers.Known k = believed.get();
      HostedRRset soa = templateSoa(zone, k.marker());
      if ((soa != null || !zone.rules().ownsSoaSerial())
          && decideAndRun(run, k.marker(), k.record(), soa, true)) {
        return;
      }
    }
    // 3. else one read: the marker (the commit wrote it with the SOA, atomically)
    fromHostedMarker(run, MarkerRecords.read(reader, zone));
  }

  /**
   * The master still has the serial of the marker this container read or wrote within {@code
   * unchangedCheckEvery}: that marker stands for an unchanged zone (execution.unchangedCheckEvery).
   */
  private boolean unchangedAndRecentlySeen(KnownMarkers.Known k, SourceSerial sourceSerial) {
    return !unchangedCheckEvery.isZero()
        && k.marker().serial().equals(sourceSerial.serial())
        && k.marker().lineage().equals(sourceSerial.lineage())
        && Duration.between(k.seen(), clock.instant()).compareTo(unchangedCheckEvery) < 0;
  }

  /** Decides from the marker Route 53 holds (just read) and runs the decision. */
  private void fromHostedMarker(Run run, HostedRRset record) {
    ZoneSettings zone = run.zone();
    switch (MarkerRecords.examine(record, zone)) {
      case MarkerRecords.Absent a -> {
        known.forget(zone);
        run.report().because("no zonesync marker in the hosted zone (first sync, or removed)");
        full.run(run, null);
      }
      case MarkerRecords.Unreadable u -> {
        known.forget(zone);
        String why =
            "the zonesync marker "
                + SyncMarker.nameFor(zone.name())
                + " cannot be read ("
                + u.why()
                + "; edited by hand?): full sync, which rewrites it";
        run.report().because(why);
        run.report().warn(WarningCodes.MARKER_UNREADABLE, why);
        full.run(run, null);
      }
      case MarkerRecords.Newer n -> {
        known.forget(zone);
        MarkerRecords.requireNotNewer(record, zone);
      }
      case MarkerRecords.Present p -> {
        SyncMarker m = p.marker();
        known.remember(zone, m, record);
        HostedRRset soa = templateSoa(zone, m);
        if (soa == null && zone.rules().ownsSoaSerial()) {
          // a marker of an older version does not record the SOA: read it (the next commit does)
          soa = readSoa(zone);
        }
        decideAndRun(run, m, record, soa, false);
      }
    }
  }

  /**
   * Decides from the marker and runs the decision.
   *
   * @param hostedSoa the apex SOA Route 53 holds (read, or from the marker's template), or null
   *     when the zone does not own the apex
   * @param believedOnly the marker was not read in this run: only the optimistic path may act on it
   * @return false when {@code believedOnly} and the run needs a read marker after all (nothing was
   *     sent); true when the run is done
   */
  private boolean decideAndRun(
      Run run, SyncMarker m, HostedRRset record, HostedRRset hostedSoa, boolean believedOnly) {
    ZoneSettings zone = run.zone();
    ReportBuilder report = run.report();
    Instant now = clock.instant();
    FullReconcileSchedule schedule =
        new FullReconcileSchedule(zone.name(), zone.fullReconcileEvery());
    Serial hostedSerial = hostedSoa == null ? null : Rdata.soaSerial(hostedSoa.values().get(0));
    report.hostedHeld(
        zone.rules().ownsSoaSerial() && hostedSerial != null
            ? hostedSerial.value()
            : m.serial().value());
    report.fullReconcile(
        m.fullAt(), schedule.overdue(m.fullAt(), now), zone.fullReconcileEvery() != null);
    // a full reconcile that keeps failing waits for its back-off; the zone syncs on meanwhile
    boolean backingOff = fullFailures.backingOff(run, m);
    String due = backingOff ? null : schedule.due(m.fullAt(), now);
    Run r = backingOff ? run.backingOff() : run;
    SyncDecision decision = decide(r, m, hostedSerial, due);
    String delegations = zone.rules().cuts().changedSince(m, zone.rules());
    if (delegations != null && !(decision instanceof SyncDecision.Full)) {
      decision = new SyncDecision.Full(delegations);
    }
    warnOfRecordedCuts(zone, m, report);
    switch (decision) {
      case SyncDecision.UpToDate u -> {
        if (believedOnly) {
          return false;
        }
        report.path(SyncPath.SERIAL_CHECK);
        report.upToDate(u.reason());
        // DEBUG: the zone's summary line says the same, and an unchanged zone's every run would
        // otherwise log twice (half the function's log volume at scale)
        LOG.debug(
            "zone {}: UP_TO_DATE at serial {} (lineage {})",
            zone.name(),
            run.sourceSerial().serial(),
            run.sourceSerial().lineage());
        return true;
      }
      case SyncDecision.Full f -> {
        if (believedOnly) {
          return false;
        }
        report.because(f.reason());
        SyncDecision without = decide(r, m, hostedSerial, null);
        if (due != null && f.reason().equals(due) && !(without instanceof SyncDecision.Full)) {
          scheduledFull(r, m, record, hostedSoa, due, without);
        } else {
          full.run(r, null);
        }
        return true;
      }
      case SyncDecision.Incremental i -> {
        incremental.run(r, i.from(), record, hostedSoa, believedOnly);
        return true;
      }
    }
  }

  /**
   * The cuts nothing resolves, as the marker records them: every run reports them (and counts them
   * in the function-level metric), not only full runs, so that an alarm on the metric does not
   * clear between two full reconciles. A full run replaces these with its detailed findings.
   */
  private static void warnOfRecordedCuts(ZoneSettings zone, SyncMarker m, ReportBuilder report) {
    if (m.cuts() == null) {
      return; // unknown: every run of the zone is full, and says it in detail
    }
    report.warnEach(
        WarningCodes.UNRESOLVED_CUT,
        CutCoverage.uncoveredCuts(m.cuts(), zone.rules()).stream()
            .map(c -> CutCoverage.describeRecorded(c, zone.name()))
            .toList());
  }

  private static SyncDecision decide(Run run, SyncMarker m, Serial hostedSerial, String fullDue) {
    return SyncDecision.decide(
        run.options().mode(),
        run.zone().rules().ownsSoaSerial(),
        hostedSerial,
        Optional.of(m),
        run.sourceSerial().serial(),
        run.sourceSerial().lineage(),
        fullDue);
  }

  /**
   * The zone's own period asks for a full reconcile. If it ends short of success (REJECTED, FAILED,
   * stopped by the deadline), the failure is recorded and the run goes on as it would have without
   * it: the master's changes keep arriving (README, "Full reconcile").
   */
  private void scheduledFull(
      Run run,
      SyncMarker m,
      HostedRRset record,
      HostedRRset hostedSoa,
      String due,
      SyncDecision otherwise) {
    if (full.run(run, null)) {
      return;
    }
    SyncMarker failed = fullFailures.failed(run, m, due);
    Run after = run.afterFailedFull();
    switch (otherwise) {
      case SyncDecision.UpToDate u -> {
        // nothing to transfer: record the failure (one request), so the next run backs off
        run.report().path(SyncPath.SERIAL_CHECK);
        run.report().alsoBecause(u.reason());
        applyStep.apply(
            run.zone(),
            run.options(),
            run.deadline(),
            DeltaPlanner.bookkeeping(failed, run.zone().rules(), hostedSoa, record),
            run.report());
      }
      case SyncDecision.Incremental i -> incremental.run(after, failed, record, hostedSoa, false);
      case SyncDecision.Full f -> throw new IllegalStateException("no way on after " + f);
    }
  }

  /** The SOA the marker says its commit wrote, or null when it does not say (or not ours). */
  private static HostedRRset templateSoa(ZoneSettings zone, SyncMarker m) {
    return zone.rules().ownsSoaSerial() && m.soa() != null
        ? m.soa().toHosted(zone.hostedZoneName(), m.serial())
        : null;
  }

  private HostedRRset readSoa(ZoneSettings zone) {
    HostedRRset soa = reader.read(zone.hostedZoneId(), zone.hostedZoneName(), RrType.SOA);
    if (soa == null || soa.values().size() != 1) {
      throw new IllegalStateException(
          "hosted zone "
              + zone.hostedZoneId()
              + " has no SOA record at "
              + zone.hostedZoneName()
              + "; check hostedZoneId/hostedZoneName for zone "
              + zone.name());
    }
    return soa;
  }

  private static String message(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
