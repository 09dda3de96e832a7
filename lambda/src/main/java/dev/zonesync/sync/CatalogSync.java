package dev.zonesync.sync;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.VpcRef;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import dev.zonesync.model.Serial;
import dev.zonesync.plan.CatalogPlan;
import dev.zonesync.plan.CatalogPlanner;
import dev.zonesync.plan.CatalogPolicy;
import dev.zonesync.plan.CatalogReader;
import dev.zonesync.plan.CatalogReading;
import dev.zonesync.plan.CatalogRecords;
import dev.zonesync.plan.MemberAction;
import dev.zonesync.plan.MemberDecision;
import dev.zonesync.plan.RecordedElsewhere;
import dev.zonesync.plan.SyncMode;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.ZoneSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumed catalog's part of a run (README, "Catalog zones"), around the members' own syncs:
 * {@link #prepare} reads the catalog (transfer, RFC 9432 reading) and its state records, decides
 * ({@link CatalogPlanner}), creates the hosted zones of new members, tags those that left, writes
 * the state records and mirrors the catalog; the members then sync like any zone (the caller runs
 * them with the configured zones); {@link #finish} exposes the members whose first complete sync
 * just ended and records it. A broken, rejected or unreadable catalog changes nothing and its
 * recorded members keep syncing. Nothing here deletes a hosted zone.
 */
public final class CatalogSync {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);

  /** Tag set on a member's hosted zone while it is quarantined (its value: since when). */
  static final String QUARANTINED_TAG = "zonesync:quarantined";

  /** Tags set on every hosted zone a catalog creates. */
  static final String CATALOG_TAG = "zonesync:catalog";

  static final String MEMBER_TAG = "zonesync:member";

  /** Quarantined members whose hosted zone a run looks for (see lookForRetired). */
  public static final int RETIREMENT_CHECKS = 3;

  /** What this container last learned of each catalog: dropped with the engine. */
  private record Known(
      Serial serial,
      DnsName lineage,
      CatalogReading reading,
      CatalogStates.Read records,
      Set<DnsName> notReached) {}

  /**
   * One member to sync in this run.
   *
   * @param zone its settings (hosted zone, masters, options)
   * @param options the run's, in full when its state asks for a reset
   */
  public record Member(ZoneSettings zone, SyncOptions options) {}

  /** A catalog prepared for its members' syncs. */
  public static final class Prepared {
    private final CatalogSettings catalog;
    private final List<Member> members;
    private final Map<DnsName, MemberState> states;
    private final Map<DnsName, CatalogReport.Member> reported;
    private final List<ZoneReport> catalogZone;
    private Status status;
    private String error;
    private final Long serial;

    private Prepared(
        CatalogSettings catalog,
        List<Member> members,
        Map<DnsName, MemberState> states,
        Map<DnsName, CatalogReport.Member> reported,
        List<ZoneReport> catalogZone,
        Status status,
        String error,
        Long serial) {
      this.catalog = catalog;
      this.members = List.copyOf(members);
      this.states = states;
      this.reported = reported;
      this.catalogZone = catalogZone;
      this.status = status;
      this.error = error;
      this.serial = serial;
    }

    /** The members to sync, in the order they should start. */
    public List<Member> members() {
      return members;
    }

    /** The catalog zone's own report (when it was synced), for the run's {@code zones}. */
    public List<ZoneReport> catalogZoneReports() {
      return catalogZone;
    }

    CatalogSettings catalog() {
      return catalog;
    }
  }

  private final HostedZone reader;
  private final ChangeSink writer;
  private final HostedZoneLifecycle lifecycle;
  private final SourceFactory sources;
  private final ZoneSynchronizer zones;
  private final Clock clock;
  private final Map<DnsName, Known> known = new ConcurrentHashMap<>();
  private final Set<String> goneZones = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> lookedAt = new ConcurrentHashMap<>();
  private final int retirementChecks;

  public CatalogSync(
      HostedZone reader,
      ChangeSink writer,
      HostedZoneLifecycle lifecycle,
      SourceFactory sources,
      ZoneSynchronizer zones,
      Clock clock) {
    this(reader, writer, lifecycle, sources, zones, clock, RETIREMENT_CHECKS);
  }

  /**
   * @param retirementChecks how many quarantined members' hosted zones a run looks for (one
   *     GetHostedZone each)
   */
  public CatalogSync(
      HostedZone reader,
      ChangeSink writer,
      HostedZoneLifecycle lifecycle,
      SourceFactory sources,
      ZoneSynchronizer zones,
      Clock clock,
      int retirementChecks) {
    if (retirementChecks < 0) {
      throw new IllegalArgumentException("retirementChecks < 0: " + retirementChecks);
    }
    this.retirementChecks = retirementChecks;
    this.reader = reader;
    this.writer = writer;
    this.lifecycle = lifecycle;
    this.sources = sources;
    this.zones = zones;
    this.clock = clock;
  }

  /**
   * Reads, decides and applies one catalog's member changes; never throws (a failure is the
   * catalog's FAILED status, and its recorded members still sync).
   */
  public Prepared prepare(
      CatalogSettings c, Settings settings, SyncOptions options, Deadline deadline) {
    return prepare(c, settings, options, deadline, true);
  }

  /**
   * What a run would decide for the catalog's members, without writing, creating or syncing
   * anything (not even the catalog zone): {@code zonesync catalog}.
   */
  public CatalogReport describe(CatalogSettings c, Settings settings, Deadline deadline) {
    Prepared p =
        prepare(
            c,
            settings,
            new SyncOptions(dev.zonesync.plan.SyncMode.NORMAL, Effect.DRY_RUN),
            deadline,
            false);
    return new CatalogReport(
        c.name().text(), p.status, p.error, p.serial, p.reported.values().stream().toList());
  }

  private Prepared prepare(
      CatalogSettings c,
      Settings settings,
      SyncOptions options,
      Deadline deadline,
      boolean syncCatalogZone) {
    Map<DnsName, CatalogReport.Member> reported = new LinkedHashMap<>();
    Known before = known.get(c.name());
    boolean recordsKnown = before != null && before.records() != null;
    CatalogStates.Read records;
    try {
      records = records(c, before);
    } catch (RuntimeException e) {
      LOG.error("catalog {}: its state records cannot be read: {}", c.name(), message(e));
      return new Prepared(
          c,
          List.of(),
          Map.of(),
          reported,
          List.of(),
          Status.FAILED,
          "catalog " + c.name() + ": its state records cannot be read: " + message(e),
          null);
    }
    if (records.newerFormat() > 0) {
      return newerFormat(c, records, reported);
    }
    // the catalog as the master serves it now (free): transferred unless this container read
    // this very serial already
    Reading read = reading(c, before, deadline);
    Instant now = clock.instant();
    CatalogPolicy policy =
        new CatalogPolicy(
            c.allow(),
            c.create(),
            configured(settings),
            otherCatalogs(c, settings),
            new ArrayList<>(c.groups().keySet()),
            c.shrink(),
            options.mode().overridesSafety());
    CatalogPlan plan;
    try {
      plan = decide(c, settings, read, records, policy, now, options.effect() == Effect.APPLY);
      if (recordsKnown && changesSomething(plan)) {
        // this container's copy of the state records is only as fresh as its last run: another
        // run (the CLI, a forced run, another container) may have written them since. Read them
        // again before acting on a decision, so an unchanged catalog still costs no read
        forgetRecords(c);
        records = records(c, null);
        if (records.newerFormat() > 0) {
          return newerFormat(c, records, reported);
        }
        plan = decide(c, settings, read, records, policy, now, false);
      }
    } catch (RuntimeException e) {
      return new Prepared(
          c,
          List.of(),
          Map.of(),
          reported,
          List.of(),
          Status.FAILED,
          "catalog " + c.name() + ": " + message(e),
          read.serialValue());
    }
    Status status =
        switch (plan.outcome()) {
          case APPLIED -> Status.UP_TO_DATE;
          case BROKEN -> Status.FAILED;
          case REJECTED -> Status.REJECTED;
        };
    String error = plan.outcome() == CatalogPlan.Outcome.APPLIED ? null : plan.reason();
    if (read.failure() != null) {
      status = Status.FAILED;
      error = read.failure();
    }
    Map<DnsName, MemberState> states = new LinkedHashMap<>();
    for (MemberDecision d : plan.decisions()) {
      if (d.state() != null) {
        states.put(d.member(), d.state());
      }
      reported.put(d.member(), member(d));
    }
    List<ZoneReport> catalogZone = new ArrayList<>();
    boolean apply = options.effect() == Effect.APPLY;
    if (plan.outcome() == CatalogPlan.Outcome.APPLIED && read.failure() == null) {
      if (apply) {
        List<MemberState> writes = create(c, plan, states, reported, deadline);
        tagLeavers(c, plan, reported);
        ApplyResult written =
            CatalogStates.write(
                writer,
                c.hostedZoneId(),
                c.name(),
                writes,
                plan.deletes(),
                records.records(),
                deadline);
        if (!written.complete()) {
          status = Status.FAILED;
          error = "catalog " + c.name() + ": writing member state records: " + written.error();
          forgetRecords(c); // read again next time: what went through is unknown
        } else {
          if (!writes.isEmpty() || !plan.deletes().isEmpty()) {
            status = Status.APPLIED;
          }
          remember(c, records.after(c.name(), writes, plan.deletes()));
        }
      } else if (syncCatalogZone || !plan.writes().isEmpty() || !plan.deletes().isEmpty()) {
        status = Status.DRY_RUN;
      } // else zonesync catalog's view of a catalog with nothing pending: UP_TO_DATE
      // the catalog zone itself, mirrored into its hosted zone like any zone: its marker makes an
      // unchanged catalog cost one read
      if (syncCatalogZone) {
        catalogZone.add(zones.sync(c.catalogZone(), options, deadline));
      }
    } else if (!apply) {
      status = status == Status.UP_TO_DATE ? Status.DRY_RUN : status;
    }
    List<Member> toSync = new ArrayList<>();
    for (MemberState s : order(c, plan.toSync(), before)) {
      MemberState current = states.getOrDefault(s.member(), s);
      if (current.hostedZoneId() == null) {
        continue; // not created (a dry run, or a create that failed): nothing to sync into
      }
      ZoneSettings z =
          c.templateFor(current.group())
              .zone(s.member(), current.hostedZoneId(), mirrored(settings));
      SyncOptions o =
          current.reset()
              ? new SyncOptions(
                  options.mode().overridesSafety() ? SyncMode.FORCED_FULL : SyncMode.FULL,
                  options.effect())
              : options;
      toSync.add(new Member(z, o));
    }
    LOG.info(
        "catalog {}: {} member(s) to sync, {} decided ({})",
        c.name(),
        toSync.size(),
        plan.decisions().size(),
        plan.outcome());
    return new Prepared(
        c, toSync, states, reported, catalogZone, status, error, read.serialValue());
  }

  private CatalogPlan decide(
      CatalogSettings c,
      Settings settings,
      Reading read,
      CatalogStates.Read records,
      CatalogPolicy policy,
      Instant now,
      boolean lookForRetired) {
    return CatalogPlanner.plan(
        c.name(),
        read.reading(),
        new CatalogRecords(
            records.byLabel(),
            goneRecorded(records, lookForRetired),
            elsewhere(c, settings, read, records)),
        policy,
        now);
  }

  /** Whether acting on the plan writes state records, or it holds the members where they are. */
  private static boolean changesSomething(CatalogPlan plan) {
    return plan.outcome() != CatalogPlan.Outcome.APPLIED
        || !plan.writes().isEmpty()
        || !plan.deletes().isEmpty();
  }

  private static Prepared newerFormat(
      CatalogSettings c, CatalogStates.Read records, Map<DnsName, CatalogReport.Member> reported) {
    return new Prepared(
        c,
        List.of(),
        Map.of(),
        reported,
        List.of(),
        Status.FAILED,
        "catalog "
            + c.name()
            + ": hosted zone "
            + c.hostedZoneId()
            + " holds member state records of format "
            + records.newerFormat()
            + ", written by a newer zonesync; nothing was changed. Upgrade this deployment",
        null);
  }

  /**
   * After the members' syncs: exposes each member whose first complete sync (or full sync after a
   * reset) just ended, records it, remembers who was not reached (they start first next time).
   */
  public CatalogReport finish(
      Prepared p, Map<DnsName, ZoneReport> memberReports, SyncOptions options, Deadline deadline) {
    CatalogSettings c = p.catalog;
    Set<DnsName> notReached = new TreeSet<>();
    List<MemberState> writes = new ArrayList<>();
    Instant now = clock.instant();
    for (Member m : p.members) {
      DnsName name = m.zone().name();
      ZoneReport r = memberReports.get(name);
      MemberState s = p.states.get(name);
      if (r == null || s == null) {
        continue;
      }
      if (ZoneReport.NOT_STARTED.equals(r.error())) {
        notReached.add(name);
        continue;
      }
      if (r.error() != null && r.error().contains("NoSuchHostedZone")) {
        goneZones.add(m.zone().hostedZoneId()); // recreated next run, next generation
      }
      boolean complete = r.status() == Status.APPLIED || r.status() == Status.UP_TO_DATE;
      if (!complete || options.effect() != Effect.APPLY) {
        continue;
      }
      if (s.state() == MemberState.State.MIRRORED && s.exposed() && !s.reset()) {
        continue;
      }
      try {
        if (!s.exposed()) {
          expose(c, s);
        }
        MemberState after = s.afterCompleteSync(now);
        writes.add(after);
        p.states.put(name, after);
        p.reported.put(
            name,
            new CatalogReport.Member(name.text(), s.hostedZoneId(), "mirrored", exposedText(c)));
      } catch (RuntimeException e) {
        LOG.warn("catalog {}: exposing {} failed: {}", c.name(), name, message(e));
        p.reported.put(
            name,
            new CatalogReport.Member(
                name.text(),
                s.hostedZoneId(),
                s.state().text(),
                "synced, but not exposed yet: " + message(e) + "; the next run retries"));
        if (p.status.ok()) {
          p.status = Status.FAILED;
          p.error = "catalog " + c.name() + ": exposing " + name + " failed: " + message(e);
        }
      }
    }
    if (!writes.isEmpty()) {
      CatalogStates.Read current = records(c, known.get(c.name()));
      ApplyResult written =
          CatalogStates.write(
              writer, c.hostedZoneId(), c.name(), writes, List.of(), current.records(), deadline);
      if (!written.complete()) {
        if (p.status.ok()) {
          p.status = Status.FAILED;
          p.error = "catalog " + c.name() + ": recording exposed members: " + written.error();
        }
        forgetRecords(c);
      } else {
        if (p.status == Status.UP_TO_DATE) {
          p.status = Status.APPLIED;
        }
        remember(c, current.after(c.name(), writes, List.of()));
      }
    }
    Known k = known.get(c.name());
    if (k != null) {
      known.put(c.name(), new Known(k.serial(), k.lineage(), k.reading(), k.records(), notReached));
    }
    return new CatalogReport(
        c.name().text(), p.status, p.error, p.serial, p.reported.values().stream().toList());
  }

  /**
   * The member zones of the catalogs recorded in Route 53 (or known to this container): for a
   * request that names a member zone, never a catalog run.
   */
  public Map<DnsName, ZoneSettings> recordedMembers(CatalogSettings c, Settings settings) {
    CatalogStates.Read r = records(c, known.get(c.name()));
    Map<DnsName, ZoneSettings> out = new LinkedHashMap<>();
    for (MemberState s : r.byLabel().values()) {
      if (s.active() && s.hostedZoneId() != null) {
        out.put(
            s.member(),
            c.templateFor(s.group()).zone(s.member(), s.hostedZoneId(), mirrored(settings)));
      }
    }
    return out;
  }

  // ---- reading ----

  /** The catalog's reading, its serial and lineage, or why it could not be transferred. */
  private record Reading(CatalogReading reading, Serial serial, DnsName lineage, String failure) {
    Long serialValue() {
      return serial == null ? null : serial.value();
    }
  }

  private Reading reading(CatalogSettings c, Known before, Deadline deadline) {
    try {
      ZoneSource source = sources.create(c.catalogZone());
      SourceSerial s = source.serial(deadline);
      if (before != null
          && before.reading() != null
          && s.serial().equals(before.serial())
          && s.lineage().equals(before.lineage())) {
        return new Reading(before.reading(), s.serial(), s.lineage(), null);
      }
      Transfer t = source.axfr(s, deadline);
      CatalogReading reading = CatalogReader.read(c.name(), t.snapshot());
      known.compute(
          c.name(),
          (n, k) ->
              new Known(
                  t.snapshot().soa().serial(),
                  t.snapshot().soa().mname(),
                  reading,
                  k == null ? null : k.records(),
                  k == null ? Set.of() : k.notReached()));
      return new Reading(reading, t.snapshot().soa().serial(), t.snapshot().soa().mname(), null);
    } catch (RuntimeException e) {
      String why =
          "catalog "
              + c.name()
              + " could not be transferred: "
              + message(e)
              + "; its recorded members keep syncing";
      LOG.error("{}", why);
      // without a reading, decide from the records alone: nothing changes
      return new Reading(new CatalogReading.Broken(why), null, null, why);
    }
  }

  private CatalogStates.Read records(CatalogSettings c, Known before) {
    if (before != null && before.records() != null) {
      return before.records();
    }
    CatalogStates.Read r = CatalogStates.read(reader, c.name(), c.hostedZoneId());
    for (Map.Entry<String, String> e : r.unreadable().entrySet()) {
      LOG.warn(
          "catalog {}: the state record of label {} cannot be read ({}); left alone",
          c.name(),
          e.getKey(),
          e.getValue());
    }
    known.compute(
        c.name(),
        (n, k) ->
            new Known(
                k == null ? null : k.serial(),
                k == null ? null : k.lineage(),
                k == null ? null : k.reading(),
                r,
                k == null ? Set.of() : k.notReached()));
    return r;
  }

  private void remember(CatalogSettings c, CatalogStates.Read r) {
    known.compute(
        c.name(),
        (n, k) ->
            new Known(
                k == null ? null : k.serial(),
                k == null ? null : k.lineage(),
                k == null ? null : k.reading(),
                r,
                k == null ? Set.of() : k.notReached()));
  }

  private void forgetRecords(CatalogSettings c) {
    known.computeIfPresent(
        c.name(), (n, k) -> new Known(k.serial(), k.lineage(), k.reading(), null, k.notReached()));
  }

  private Set<String> goneRecorded(CatalogStates.Read r, boolean look) {
    if (look) {
      lookForRetired(r);
    }
    Set<String> gone = new HashSet<>();
    for (MemberState s : r.byLabel().values()) {
      if (s.hostedZoneId() != null && goneZones.contains(s.hostedZoneId())) {
        gone.add(s.hostedZoneId());
      }
    }
    return gone;
  }

  /**
   * Quarantined members are not synced, so nothing else notices when an operator deletes one's
   * hosted zone to retire it: look at a few each run (those this container looked at longest ago
   * first), so their records go and the quarantine metric clears without costing a call per
   * quarantined member per run.
   */
  private void lookForRetired(CatalogStates.Read r) {
    List<MemberState> quarantined =
        r.byLabel().values().stream()
            .filter(s -> s.state() == MemberState.State.QUARANTINED && s.hostedZoneId() != null)
            .filter(s -> !goneZones.contains(s.hostedZoneId()))
            .sorted(
                Comparator.comparing(
                    (MemberState s) -> lookedAt.getOrDefault(s.hostedZoneId(), Instant.MIN)))
            .limit(retirementChecks)
            .toList();
    for (MemberState s : quarantined) {
      try {
        if (lifecycle.describe(s.hostedZoneId()).isEmpty()) {
          goneZones.add(s.hostedZoneId());
        }
        lookedAt.put(s.hostedZoneId(), clock.instant());
      } catch (RuntimeException e) {
        LOG.warn(
            "quarantined member {}: looking for its hosted zone {} failed: {}",
            s.member(),
            s.hostedZoneId(),
            message(e));
      }
    }
  }

  /**
   * What the other consumed catalogs recorded for members listed here without a record of their
   * own, or offered elsewhere: read only when such a member exists (a name clash or a {@code coo}
   * migration), so a single catalog never reads another's records.
   */
  private List<RecordedElsewhere> elsewhere(
      CatalogSettings c, Settings settings, Reading read, CatalogStates.Read here) {
    Set<DnsName> recordedHere = new HashSet<>();
    boolean offered = false;
    for (MemberState s : here.byLabel().values()) {
      recordedHere.add(s.member());
      offered |= s.handedTo() != null;
    }
    Set<DnsName> listed = new HashSet<>();
    if (read.reading() instanceof CatalogReading.Valid v) {
      v.members().forEach(m -> listed.add(m.zone()));
    }
    Set<DnsName> unknown = new HashSet<>(listed);
    unknown.removeAll(recordedHere);
    if (unknown.isEmpty() && !offered) {
      return List.of();
    }
    Set<DnsName> ours = new HashSet<>(listed);
    ours.addAll(recordedHere);
    List<RecordedElsewhere> out = new ArrayList<>();
    for (CatalogSettings other : settings.catalogs()) {
      if (other.name().equals(c.name())) {
        continue;
      }
      // fresh: the other catalog's runs change its records between ours
      CatalogStates.Read r = CatalogStates.read(reader, other.name(), other.hostedZoneId());
      for (MemberState s : r.byLabel().values()) {
        if (ours.contains(s.member())) {
          out.add(new RecordedElsewhere(other.name(), s));
        }
      }
    }
    return out;
  }

  // ---- applying ----

  /**
   * Creates the hosted zones of the members the plan creates (their writes without an ID), checking
   * the account's quota first; returns the writes with the IDs filled in, leaving out the members
   * whose zone could not be created (the next run tries again with the same caller reference).
   */
  private List<MemberState> create(
      CatalogSettings c,
      CatalogPlan plan,
      Map<DnsName, MemberState> states,
      Map<DnsName, CatalogReport.Member> reported,
      Deadline deadline) {
    List<MemberState> toCreate =
        plan.writes().stream().filter(s -> s.hostedZoneId() == null).toList();
    String quota = toCreate.isEmpty() ? null : quotaProblem(toCreate.size());
    List<MemberState> out = new ArrayList<>();
    for (MemberState s : plan.writes()) {
      if (s.hostedZoneId() != null) {
        out.add(s);
        continue;
      }
      if (quota != null) {
        refuse(states, reported, s, quota);
        continue;
      }
      if (deadline.isExpired()) {
        refuse(states, reported, s, "not created: the run's deadline was reached; the next run");
        continue;
      }
      try {
        VpcRef in = c.createIn();
        String id =
            lifecycle.create(
                s.member(),
                s.callerReference(c.name()),
                new HostedZoneLifecycle.Vpc(in.id(), in.region()),
                "zonesync: member of catalog " + c.name(),
                Map.of(CATALOG_TAG, c.name().text(), MEMBER_TAG, s.member().text()));
        MemberState created = s.withHostedZoneId(id);
        out.add(created);
        states.put(s.member(), created);
        reported.put(
            s.member(),
            new CatalogReport.Member(
                s.member().text(), id, "created", "hosted zone created in " + in.id()));
        LOG.info("catalog {}: created hosted zone {} for {}", c.name(), id, s.member());
      } catch (RuntimeException e) {
        refuse(states, reported, s, "its hosted zone could not be created: " + message(e));
      }
    }
    return out;
  }

  private String quotaProblem(int creates) {
    Optional<HostedZoneLifecycle.ZoneQuota> q;
    try {
      q = lifecycle.zoneQuota();
    } catch (RuntimeException e) {
      return null; // the create itself fails clearly if the quota is reached
    }
    if (q.isEmpty() || q.get().count() + creates <= q.get().max()) {
      return null;
    }
    return "not created: the account holds "
        + q.get().count()
        + " of its "
        + q.get().max()
        + " hosted zones and "
        + creates
        + " more are needed; request a Route 53 quota increase for hosted zones"
        + " (MAX_HOSTED_ZONES_BY_OWNER). Nothing else changed";
  }

  private static void refuse(
      Map<DnsName, MemberState> states,
      Map<DnsName, CatalogReport.Member> reported,
      MemberState s,
      String why) {
    states.remove(s.member());
    reported.put(s.member(), new CatalogReport.Member(s.member().text(), null, "refused", why));
  }

  /** Tags the hosted zones of members that left (quarantine) or came back (resume). */
  private void tagLeavers(
      CatalogSettings c, CatalogPlan plan, Map<DnsName, CatalogReport.Member> reported) {
    for (MemberDecision d : plan.decisions()) {
      if (d.state() == null || d.state().hostedZoneId() == null) {
        continue;
      }
      String id = d.state().hostedZoneId();
      try {
        if (d.action() == MemberAction.QUARANTINE) {
          lifecycle.tag(id, Map.of(QUARANTINED_TAG, clock.instant().toString()), Set.of());
        } else if (d.action() == MemberAction.RESUME) {
          lifecycle.tag(id, Map.of(), Set.of(QUARANTINED_TAG));
        }
      } catch (RuntimeException e) {
        LOG.warn("catalog {}: tagging {} ({}) failed: {}", c.name(), d.member(), id, message(e));
        reported.put(
            d.member(),
            new CatalogReport.Member(
                d.member().text(),
                id,
                reported.get(d.member()).state(),
                d.reason() + "; tagging its hosted zone failed: " + message(e)));
      }
    }
  }

  private void expose(CatalogSettings c, MemberState s) {
    switch (c.exposeTo()) {
      case CatalogSettings.ToVpcs v -> {
        for (VpcRef vpc : v.vpcs()) {
          lifecycle.associate(
              s.hostedZoneId(), new HostedZoneLifecycle.Vpc(vpc.id(), vpc.region()));
        }
      }
      case CatalogSettings.ToProfile p ->
          lifecycle.associateWithProfile(
              p.profileId(), s.hostedZoneId(), "zonesync-" + s.member().text());
      case CatalogSettings.Nowhere n -> {}
    }
  }

  private static String exposedText(CatalogSettings c) {
    return switch (c.exposeTo()) {
      case CatalogSettings.ToVpcs v ->
          "mirrored, associated with " + v.vpcs().stream().map(VpcRef::id).toList();
      case CatalogSettings.ToProfile p -> "mirrored, associated with Profile " + p.profileId();
      case CatalogSettings.Nowhere n -> "mirrored (no exposeTo: associate it yourself)";
    };
  }

  // ---- helpers ----

  /** Members not reached last run first (never starved), then by name. */
  private static List<MemberState> order(
      CatalogSettings c, List<MemberState> toSync, Known before) {
    Set<DnsName> first = before == null ? Set.of() : before.notReached();
    List<MemberState> out = new ArrayList<>(toSync);
    out.sort(
        java.util.Comparator.comparing((MemberState s) -> !first.contains(s.member()))
            .thenComparing(MemberState::member));
    return out;
  }

  private static CatalogReport.Member member(MemberDecision d) {
    MemberState s = d.state();
    String state =
        switch (d.action()) {
          case KEEP, ADOPT, RELABEL, RESUME -> s == null ? "refused" : s.state().text();
          case CREATE, RECREATE -> "created";
          case REFUSE, CLASH -> "refused";
          case CONFIGURED_ELSEWHERE -> "configured-elsewhere";
          case QUARANTINE, STILL_QUARANTINED -> "quarantined";
          case HAND_OVER -> "handed-over";
          case DROP -> "removed"; // reported once, the run its record goes
        };
    return new CatalogReport.Member(
        d.member().text(),
        s == null ? null : s.hostedZoneId(),
        state,
        d.reason(),
        s == null ? null : s.since().toString());
  }

  private static Set<DnsName> configured(Settings settings) {
    Set<DnsName> out = new HashSet<>();
    settings.zones().forEach(z -> out.add(z.name()));
    return out;
  }

  private static Set<DnsName> otherCatalogs(CatalogSettings c, Settings settings) {
    Set<DnsName> out = new HashSet<>();
    settings.catalogs().stream()
        .filter(o -> !o.name().equals(c.name()))
        .forEach(o -> out.add(o.name()));
    return out;
  }

  private static Set<DnsName> mirrored(Settings settings) {
    Set<DnsName> out = configured(settings);
    settings.catalogs().forEach(o -> out.add(o.name()));
    return out;
  }

  private static String message(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
