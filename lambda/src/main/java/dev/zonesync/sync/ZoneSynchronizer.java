package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
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
    this.incremental = new IncrementalSync(reader, applyStep, known, full);
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
    Optional<SyncMarker> marker = MarkerRecords.parse(record, zone);
    if (marker.isEmpty()) {
      known.forget(zone);
      run.report().because("no zonesync marker in the hosted zone (first sync, or removed)");
      full.run(run, null);
      return;
    }
    SyncMarker m = marker.get();
    known.remember(zone, m, record);
    HostedRRset soa = templateSoa(zone, m);
    if (soa == null && zone.rules().ownsSoaSerial()) {
      // a marker of an older version does not record the SOA: read it (the next commit does)
      soa = readSoa(zone);
    }
    decideAndRun(run, m, record, soa, false);
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
    SyncDecision decision =
        SyncDecision.decide(
            run.options().mode(),
            zone.rules().ownsSoaSerial(),
            hostedSerial,
            Optional.of(m),
            run.sourceSerial().serial(),
            run.sourceSerial().lineage(),
            schedule.due(m.fullAt(), now));
    switch (decision) {
      case SyncDecision.UpToDate u -> {
        if (believedOnly) {
          return false;
        }
        report.path(SyncPath.SERIAL_CHECK);
        report.upToDate(u.reason());
        LOG.info(
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
        full.run(run, null);
        return true;
      }
      case SyncDecision.Incremental i -> {
        incremental.run(run, i.from(), record, hostedSoa, believedOnly);
        return true;
      }
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
