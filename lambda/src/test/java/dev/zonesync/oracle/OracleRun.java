package dev.zonesync.oracle;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.logging.LogConfig;
import dev.zonesync.model.Deadline;
import dev.zonesync.oracle.History.Drift;
import dev.zonesync.oracle.History.FullDue;
import dev.zonesync.oracle.History.IxfrFails;
import dev.zonesync.oracle.History.JournalLost;
import dev.zonesync.oracle.History.MasterChange;
import dev.zonesync.oracle.History.Mode;
import dev.zonesync.oracle.History.QueryFails;
import dev.zonesync.oracle.History.Run;
import dev.zonesync.oracle.History.Shape;
import dev.zonesync.oracle.History.Step;
import dev.zonesync.oracle.Mirror.Hosted;
import dev.zonesync.oracle.Mirror.Rrset;
import dev.zonesync.oracle.ZoneVersion.Data;
import dev.zonesync.oracle.ZoneVersion.Key;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.sync.ZoneSynchronizer;
import dev.zonesync.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Plays one history against two engines (two warm containers) over one in-process Route 53 and
 * checks, after every run, that the shortcut it took ended where a full reconcile from the master
 * ends: the oracle's own mirror of the master's latest version, except RRsets where the test made
 * drift that no master change has touched since and no full reconcile has cleared. It also checks
 * that a run changes each RRset to the master's or not at all, that the marker never claims data
 * Route 53 lacks, that a clean small change costs what the README says, and that the zone converges
 * after the history.
 */
final class OracleRun {

  static final int ENGINES = 2;
  private static final String CHANGE = "ChangeResourceRecordSets";
  private static final String LIST = "ListResourceRecordSets";
  private static final Duration BETWEEN_RUNS = Duration.ofMinutes(5);

  private final History history;
  private final MasterScript script;
  private final HistoryMaster master;
  private final FakeRoute53 route53;
  private final String zoneId;
  private final ZoneSettings zone;
  private final MovableClock clock;
  private final ZoneSynchronizer[] engines = new ZoneSynchronizer[ENGINES];

  /** What an engine saw at the end of its last run: null before its first. */
  private record Seen(String marker, boolean wroteIt) {}

  private final Seen[] seen = new Seen[ENGINES];

  /** Drift the test made that Route 53 may still hold, and where it came from. */
  private final Map<Key, String> allowedDrift = new TreeMap<>();

  /** Since the last successful run: no drift, lost response, journal loss or master failure. */
  private boolean clean;

  private boolean fullDue;
  private boolean driftSinceFull;
  private int handMade;
  private final List<String> transcript = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> failureKinds = new ArrayList<>();

  OracleRun(History history, FakeRoute53.DeleteMatch deleteMatch) {
    this.history = history;
    this.script = new MasterScript(history);
    this.master = new HistoryMaster(script.versions());
    this.route53 =
        new FakeRoute53().deleteMatch(deleteMatch).cnameCheck(FakeRoute53.CnameCheck.PER_CHANGE);
    this.zoneId = route53.createZone(ZoneVersion.ZONE);
    this.zone =
        ConfigParser.parse(
                "version: 1\nzones:\n  - name: "
                    + ZoneVersion.ZONE
                    + "\n    hostedZoneId: "
                    + zoneId
                    + "\n    masters: [192.0.2.53]\n    tsig: none\n",
                "oracle")
            .zones()
            .get(0);
    this.clock = new MovableClock(afterTheZonesSlot());
    for (int i = 0; i < ENGINES; i++) {
      engines[i] =
          new ZoneSynchronizer(
              new HostedZoneReader(route53),
              new ChangeApplier(route53, Duration.ofMillis(1)),
              new MeteredCalls(),
              z -> master,
              clock,
              Duration.ZERO);
    }
  }

  /**
   * A minute after the zone's daily full-reconcile slot (README: a slot spread by a CRC32 of the
   * zone's name), so that only the history's own {@link FullDue} steps make it due.
   */
  private static Instant afterTheZonesSlot() {
    CRC32 crc = new CRC32();
    crc.update(ZoneVersion.ZONE.getBytes(StandardCharsets.ISO_8859_1));
    long phase = crc.getValue() % 86_400;
    return Instant.ofEpochSecond(20_000L * 86_400 + phase + 60);
  }

  /** The shapes this history exercised, for the statistics. */
  List<String> labels() {
    return labels;
  }

  /** Plays the history; throws an AssertionError naming every broken rule and the transcript. */
  void play() {
    transcript.add("master serial 1000: " + master.latest().rrsets().size() + " RRsets");
    run(0, Mode.NORMAL, 0, false, "initial sync");
    List<Step> steps = history.steps();
    for (int i = 0; i < steps.size() && failures.isEmpty(); i++) {
      step(i, steps.get(i));
    }
    if (failures.isEmpty()) {
      converge();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          String.join("\n", failures)
              + "\n--- history ---\n"
              + history
              + "\n--- what happened ---\n"
              + String.join("\n", transcript));
    }
  }

  private void step(int index, Step s) {
    switch (s) {
      case MasterChange mc -> {
        MasterScript.Published p = script.published(index);
        master.publish(p.lastVersion());
        for (int v = p.firstVersion(); v <= p.lastVersion(); v++) {
          transcript.add("master " + script.log().get(v - 1));
        }
        p.shapes().forEach(x -> labels.add("master: " + x));
      }
      case Drift d -> drift(index, d);
      case Run r -> {
        labels.add(
            "run: engine "
                + r.engine()
                + " "
                + r.mode()
                + (r.loseResponse() > 0 ? ", a response lost" : ""));
        run(r.engine(), r.mode(), r.loseResponse(), r.serverError(), r.toString());
      }
      case FullDue f -> {
        clock.advance(Duration.ofHours(24));
        fullDue = true;
        clean = false;
        labels.add("clock: full reconcile due");
        transcript.add("clock +24h: the zone's full reconcile is due");
      }
      case JournalLost j -> {
        master.loseJournal();
        clean = false;
        labels.add("master: journal lost");
        transcript.add(
            "master: journal lost (IXFR from before serial "
                + master.latest().serial()
                + " answers with the whole zone)");
      }
      case QueryFails q -> {
        master.failNextQuery();
        clean = false;
        labels.add("master: RRset query fails");
        transcript.add("master: the next RRset query fails");
      }
      case IxfrFails x -> {
        master.failNextIxfr();
        clean = false;
        labels.add("master: IXFR fails");
        transcript.add("master: the next IXFR fails");
      }
    }
  }

  // ---- drift ----

  private void drift(int index, Drift d) {
    Set<Key> nextTouched = nextTouched(index);
    Hosted now = read();
    String placed;
    List<Key> candidates = new ArrayList<>();
    Shape shape = d.shape();
    if (shape == Shape.MANY_HANDMADE) {
      int n = Math.max(5, (int) Math.ceil(0.45 * now.data().size()));
      for (int i = 0; i < n; i++) {
        Key k = handMadeKey();
        putHandMade(k, "A", 300, List.of(Values.a(i + 1000)));
      }
      record(shape, "untouched", n + " hand-made A RRsets");
      return;
    }
    if (shape == Shape.RRSET_PRESENT) {
      // at a touched RRset: one the next change creates (present before the master has it)
      Key k = null;
      if (d.atNextTouched()) {
        ZoneVersion future = futureOfNext(index);
        for (Key t : nextTouched) {
          Key m = new Key(Mirror.owner(t.owner()), t.type());
          if (!now.data().containsKey(m)
              && future != null
              && future.rrsets().containsKey(t)
              && !clashesWithCname(now, m)) {
            candidates.add(t);
          }
        }
        if (!candidates.isEmpty()) {
          k = candidates.get(Math.floorMod(d.pick(), candidates.size()));
          Data f = future.rrsets().get(k);
          boolean same = Math.floorMod(d.pick(), 3) == 0;
          putHandMade(
              new Key(Mirror.owner(k.owner()), k.type()),
              k.type(),
              same ? f.ttl() : 4242,
              same
                  ? f.values().stream().map(Values::route53Text).toList()
                  : List.of(handValue(k.type(), d.pick())));
          record(shape, "touched", k + (same ? " (already the master's next)" : ""));
          return;
        }
      }
      Key h = handMadeKey();
      putHandMade(h, "A", 300, List.of(Values.a(d.pick())));
      record(shape, "untouched", h.toString());
      return;
    }
    Set<Key> touchedNow = new TreeSet<>();
    for (Key t : nextTouched) {
      touchedNow.add(new Key(Mirror.owner(t.owner()), t.type()));
    }
    List<Key> touched = new ArrayList<>();
    List<Key> untouched = new ArrayList<>();
    for (Map.Entry<Key, Rrset> e : now.data().entrySet()) {
      if (!fits(shape, e.getKey(), e.getValue())) {
        continue;
      }
      (touchedNow.contains(e.getKey()) ? touched : untouched).add(e.getKey());
    }
    List<Key> from = d.atNextTouched() && !touched.isEmpty() ? touched : untouched;
    placed = from == touched ? "touched" : "untouched";
    if (from.isEmpty()) {
      transcript.add("drift " + shape + ": no RRset to drift");
      return;
    }
    Key k = from.get(Math.floorMod(d.pick(), from.size()));
    Rrset r = now.data().get(k);
    switch (shape) {
      case VALUE_MISSING ->
          route53.removeValue(
              zoneId,
              r.rawName(),
              k.type(),
              r.text().get(Math.floorMod(d.pick(), r.text().size())));
      case EXTRA_VALUE ->
          route53.addValue(zoneId, r.rawName(), k.type(), handValue(k.type(), d.pick()));
      case OTHER_TTL ->
          route53.setTtl(zoneId, r.rawName(), k.type(), r.ttl() == 4242 ? 4243 : 4242);
      case RRSET_ABSENT -> route53.removeRRset(zoneId, r.rawName(), k.type());
      default -> throw new IllegalStateException(shape.toString());
    }
    allowedDrift.put(k, shape.toString());
    record(shape, placed, k.toString());
  }

  private void record(Shape shape, String placed, String what) {
    clean = false;
    driftSinceFull = true;
    labels.add("drift: " + shape + " at " + placed);
    transcript.add("drift " + shape + " at " + placed + " " + what);
  }

  private static boolean fits(Shape shape, Key k, Rrset r) {
    return switch (shape) {
      case VALUE_MISSING -> r.text().size() >= 2;
      case EXTRA_VALUE -> !k.type().equals("CNAME");
      default -> true;
    };
  }

  private static boolean clashesWithCname(Hosted now, Key k) {
    for (Key h : now.data().keySet()) {
      if (h.owner().equals(k.owner()) && (h.type().equals("CNAME") || k.type().equals("CNAME"))) {
        return true;
      }
    }
    return false;
  }

  private Key handMadeKey() {
    return new Key("x" + handMade++ + "." + ZoneVersion.ZONE, "A");
  }

  private void putHandMade(Key k, String type, long ttl, List<String> route53Values) {
    route53.put(
        zoneId,
        ResourceRecordSet.builder()
            .name(k.owner())
            .type(type)
            .ttl(ttl)
            .resourceRecords(
                route53Values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
            .build());
    allowedDrift.put(new Key(k.owner(), type), "hand-made");
  }

  /** A value nobody's master has, in Route 53's text. */
  private static String handValue(String type, int pick) {
    int n = Math.floorMod(pick, 200);
    return switch (type) {
      case "A" -> "10.99.0." + (n + 1);
      case "AAAA" -> "2001:db8:ffff::" + Integer.toHexString(n + 1);
      case "TXT" -> "\"hand-made " + n + "\"";
      case "MX" -> "99 hand" + n + ".oracle.example.";
      case "SRV" -> "9 9 9 hand" + n + ".oracle.example.";
      case "CAA" -> "0 issue \"hand" + n + ".example\"";
      case "CNAME" -> "hand" + n + ".example.net.";
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** The RRsets the next master change after this step touches (empty if none comes). */
  private Set<Key> nextTouched(int index) {
    for (int i = index + 1; i < history.steps().size(); i++) {
      MasterScript.Published p = script.published(i);
      if (p != null) {
        return p.touched();
      }
    }
    return Set.of();
  }

  private ZoneVersion futureOfNext(int index) {
    for (int i = index + 1; i < history.steps().size(); i++) {
      MasterScript.Published p = script.published(i);
      if (p != null) {
        return script.versions().get(p.lastVersion());
      }
    }
    return null;
  }

  // ---- runs ----

  private Hosted read() {
    return Mirror.hosted(route53.all(zoneId));
  }

  private static SyncOptions options(Mode m) {
    return switch (m) {
      case NORMAL -> SyncOptions.DEFAULT;
      case DRY_RUN -> SyncOptions.DRY_RUN;
      case FORCE -> SyncOptions.FORCED;
      case FULL -> SyncOptions.FULL;
    };
  }

  /** What a run is expected to cost, or null when the README promises nothing for it. */
  private record Economy(String path, List<Map<String, Integer>> calls, String why) {}

  private ZoneReport run(int e, Mode mode, int lose, boolean serverError, String label) {
    Hosted before = read();
    ZoneVersion target = master.latest();
    Economy economy = mode == Mode.NORMAL && lose == 0 ? economy(e, before, target) : null;
    clock.advance(BETWEEN_RUNS);
    route53.resetCalls();
    if (lose > 0) {
      route53.loseResponseOfChange(
          lose,
          serverError
              ? () -> FakeRoute53.serviceError(500, "InternalError")
              : FakeRoute53::readTimedOut);
    }
    ZoneReport r;
    try (AutoCloseable quiet = LogConfig.discardOnThisThread()) {
      r = engines[e].sync(zone, options(mode), Deadline.after(Duration.ofMinutes(5)));
    } catch (Exception | AssertionError ex) {
      check(false, "the engine threw", label + ": the engine threw " + ex);
      return null;
    } finally {
      route53.clearLostResponses();
    }
    Map<String, Integer> calls = new TreeMap<>(route53.calls());
    boolean lost = lose > 0 && calls.getOrDefault(CHANGE, 0) >= lose;
    Hosted after = read();
    transcript.add(
        label
            + " -> "
            + r.status()
            + ", path "
            + r.path()
            + (Boolean.TRUE.equals(r.drift()) ? ", drift" : "")
            + ", "
            + calls
            + (lost ? ", response lost" : "")
            + ", marker "
            + before.markerSerial()
            + " -> "
            + after.markerSerial()
            + " (master "
            + target.serial()
            + ")"
            + "\n      reason: "
            + abbreviate(r.reason())
            + (r.error() == null ? "" : "\n      error: " + abbreviate(r.error())));
    // no path: the run stopped before choosing one (the master's SOA unreadable, ...)
    labels.add(
        "outcome: "
            + r.status()
            + (r.path() == null ? " before a path was chosen" : " via " + r.path()));
    int failuresBefore = failures.size();

    forgetRepairedDrift(before, after);
    if (mode == Mode.DRY_RUN) {
      check(
          calls.getOrDefault(CHANGE, 0) == 0,
          "dry run sent a change",
          label + ": a dry run sent " + calls.get(CHANGE) + " change request(s)");
      check(
          before.equals(after), "dry run changed Route 53", label + ": a dry run changed Route 53");
    } else {
      checkEachRRsetEndsAtOneSide(label, before, after);
      checkMarker(label, r, before, after);
    }
    if (economy != null) {
      checkEconomy(label, r, calls, economy);
    }

    boolean success = r.status() == Status.APPLIED || r.status() == Status.UP_TO_DATE;
    seen[e] =
        new Seen(
            after.marker(),
            success && mode != Mode.DRY_RUN && !Objects.equals(before.marker(), after.marker()));
    if (mode != Mode.DRY_RUN) {
      clean = success && !lost && failures.size() == failuresBefore;
    }
    return r;
  }

  /**
   * Drift stops being allowed where Route 53 must now hold the master's data: at the RRsets the
   * versions the marker moved across touched, and everywhere once a full reconcile committed.
   */
  private void forgetRepairedDrift(Hosted before, Hosted after) {
    Long from = before.markerSerial();
    Long to = after.markerSerial();
    if (to != null && !to.equals(from) && from != null) {
      int i = master.indexOf(from);
      int j = master.indexOf(to);
      if (i >= 0 && j >= 0) {
        allowedDrift.keySet().removeAll(touched(i, j));
      }
    }
    // a full reconcile's commit writes its time (the clock moves between runs): full= changed
    String fullBefore = before.markerField("full");
    String fullAfter = after.markerField("full");
    if (fullAfter != null && !fullAfter.equals(fullBefore)) {
      allowedDrift.clear();
      fullDue = false;
      driftSinceFull = false;
    }
  }

  /**
   * The RRsets an IXFR from version {@code i} to {@code j} reports (mirror keys): those with a
   * value the later version has and the earlier did not, or a value of the earlier one that some
   * version step deleted (a TTL change deletes them all). A value added and deleted again within
   * the range leaves no trace in the differences.
   */
  Set<Key> touched(int i, int j) {
    Set<Key> out = new TreeSet<>();
    ZoneVersion a = script.versions().get(i);
    ZoneVersion b = script.versions().get(j);
    Set<Key> keys = new TreeSet<>(a.rrsets().keySet());
    keys.addAll(b.rrsets().keySet());
    for (Key k : keys) {
      Set<String> start = values(a, k);
      boolean t = !start.containsAll(values(b, k));
      for (int s = i; s < j && !t; s++) {
        Data x = script.versions().get(s).rrsets().get(k);
        Data y = script.versions().get(s + 1).rrsets().get(k);
        if (x == null) {
          continue;
        }
        for (String v : x.values()) {
          boolean deleted = y == null || y.ttl() != x.ttl() || !y.values().contains(v);
          t |= deleted && start.contains(v);
        }
      }
      if (t) {
        out.add(new Key(Mirror.owner(k.owner()), k.type()));
      }
    }
    return out;
  }

  private static Set<String> values(ZoneVersion v, Key k) {
    Data d = v.rrsets().get(k);
    return d == null ? Set.of() : d.values();
  }

  /** Nothing half-applied: every RRset is as it was, or as the master's latest version has it. */
  private void checkEachRRsetEndsAtOneSide(String label, Hosted before, Hosted after) {
    SortedMap<Key, Rrset> want = Mirror.expected(master.latest());
    Set<Key> keys = new TreeSet<>(before.data().keySet());
    keys.addAll(after.data().keySet());
    keys.addAll(want.keySet());
    for (Key k : keys) {
      Rrset b = before.data().get(k);
      Rrset a = after.data().get(k);
      Rrset w = want.get(k);
      boolean unchanged = a == null ? b == null : a.sameAs(b);
      boolean master = a == null ? w == null : a.sameAs(w);
      check(
          unchanged || master,
          "an RRset ended neither as it was nor as the master's",
          label
              + ": "
              + k
              + " went from "
              + (b == null ? "nothing" : b)
              + " to "
              + (a == null ? "nothing" : a)
              + ", which is neither what it was nor the master's "
              + (w == null ? "nothing" : w));
    }
  }

  private void checkMarker(String label, ZoneReport r, Hosted before, Hosted after) {
    long latest = master.latest().serial();
    Long marker = after.markerSerial();
    if (marker != null) {
      check(
          Objects.equals(after.soaSerial(), marker),
          "hosted SOA serial differs from the marker's",
          label
              + ": the hosted SOA serial "
              + after.soaSerial()
              + " differs from the marker's "
              + marker);
    }
    boolean moved = marker != null && !marker.equals(before.markerSerial());
    boolean success = r.status() == Status.APPLIED || r.status() == Status.UP_TO_DATE;
    if (success || moved) {
      check(
          marker != null && marker == latest,
          "marker not at the master's serial after success or commit",
          label
              + ": "
              + r.status()
              + (moved ? ", marker moved" : "")
              + ", but the marker says "
              + marker
              + " and the master "
              + latest);
      List<String> diff =
          Mirror.differences(after.data(), Mirror.expected(master.latest()), allowedDrift.keySet());
      check(
          diff.isEmpty(),
          "Route 53 not the mirror after success or commit",
          label
              + ": "
              + r.status()
              + " at serial "
              + marker
              + ", but Route 53 is not the master's mirror there:\n    "
              + String.join("\n    ", diff.subList(0, Math.min(10, diff.size()))));
    }
    if (success && marker != null) {
      check(
          after.markerTtl() == 300,
          "marker TTL",
          label + ": the marker's TTL is " + after.markerTtl());
      check(
          ZoneVersion.MNAME.equals(after.markerField("lineage")),
          "marker lineage",
          label + ": the marker's lineage is " + after.markerField("lineage"));
      if (!driftSinceFull) {
        int mirrored = Mirror.expected(master.latest()).size();
        check(
            String.valueOf(mirrored).equals(after.markerField("rrsets")),
            "marker rrsets count",
            label
                + ": the marker counts rrsets="
                + after.markerField("rrsets")
                + ", Route 53 holds "
                + mirrored
                + " RRsets zonesync manages");
      }
    }
  }

  /**
   * README, "How a sync works": an unchanged zone costs 1 call; an IXFR of ≤ 100 RRsets takes the
   * optimistic path, 1 call from the container that wrote the marker, 2 from a cold one — when
   * nothing but the master changed since the last successful run.
   */
  private Economy economy(int e, Hosted before, ZoneVersion target) {
    if (!clean || fullDue || master.failurePending() || before.markerSerial() == null) {
      return null;
    }
    int from = master.indexOf(before.markerSerial());
    if (from < 0) {
      return null;
    }
    Seen s = seen[e];
    if (s != null && !Objects.equals(s.marker(), before.marker())) {
      labels.add("economy: not checked (engine " + e + " may hold a stale marker)");
      return null; // this engine may believe a marker another one replaced: README allows a refusal
    }
    if (from == master.latestIndex()) {
      return new Economy("serial-check", List.of(Map.of(LIST, 1)), "unchanged zone");
    }
    Set<Key> touched = touched(from, master.latestIndex());
    if (touched.size() > 100 || touched.stream().anyMatch(allowedDrift::containsKey)) {
      return null;
    }
    if (!fitsOneRequest(from, touched)
        || !underSafetyThresholds(from, before)
        || addsAnApexRRset(from, master.latestIndex())) {
      return null;
    }
    Map<String, Integer> warm = Map.of(CHANGE, 1);
    Map<String, Integer> cold = Map.of(LIST, 1, CHANGE, 1);
    if (s == null) {
      return new Economy("optimistic", List.of(cold), touched.size() + " RRsets, cold engine");
    }
    return s.wroteIt()
        ? new Economy("optimistic", List.of(warm), touched.size() + " RRsets, engine wrote marker")
        : new Economy(
            "optimistic", List.of(warm, cold), touched.size() + " RRsets, engine saw the marker");
  }

  /** The validated request (each touched RRset deleted and created, marker, SOA) fits. */
  private boolean fitsOneRequest(int from, Set<Key> touched) {
    long chars = 2 * 400; // the marker twice, the SOA upserted (counted twice)
    long values = 4;
    for (ZoneVersion v : List.of(script.versions().get(from), master.latest())) {
      for (Map.Entry<Key, Data> x : v.rrsets().entrySet()) {
        if (touched.contains(new Key(Mirror.owner(x.getKey().owner()), x.getKey().type()))) {
          values += x.getValue().values().size();
          chars += x.getValue().values().stream().mapToInt(String::length).sum();
        }
      }
    }
    return values <= 950 && chars <= 30_000;
  }

  /**
   * README, "Safety thresholds": with at least 10 managed RRsets (the marker's count, for an
   * incremental run), a plan deleting or updating more than 30 % of them is refused.
   */
  private boolean underSafetyThresholds(int from, Hosted before) {
    String counted = before.markerField("rrsets");
    if (counted == null) {
      return false;
    }
    int[] du = masterDeletesAndUpdates(from, master.latestIndex());
    long base = Long.parseLong(counted);
    return base < 10 || (du[0] <= 0.3 * base && du[1] <= 0.3 * base);
  }

  /** How many mirrored RRsets the master deleted and changed between two versions. */
  private int[] masterDeletesAndUpdates(int from, int to) {
    SortedMap<Key, Rrset> a = Mirror.expected(script.versions().get(from));
    SortedMap<Key, Rrset> b = Mirror.expected(script.versions().get(to));
    int deletes = 0;
    int updates = 0;
    for (Map.Entry<Key, Rrset> x : a.entrySet()) {
      Rrset y = b.get(x.getKey());
      if (y == null) {
        deletes++;
      } else if (!y.sameAs(x.getValue())) {
        updates++;
      }
    }
    return new int[] {deletes, updates, a.size()};
  }

  /**
   * An RRset created at the apex: the engine cannot tell it from NSD re-sending an unchanged apex
   * RRset as an addition, and reads it instead (by design, one more call).
   */
  private boolean addsAnApexRRset(int from, int to) {
    ZoneVersion a = script.versions().get(from);
    ZoneVersion b = script.versions().get(to);
    for (Key k : b.rrsets().keySet()) {
      if (k.owner().equals(ZoneVersion.ZONE) && !a.rrsets().containsKey(k)) {
        return true;
      }
    }
    return false;
  }

  private void checkEconomy(
      String label, ZoneReport r, Map<String, Integer> calls, Economy economy) {
    labels.add("economy checked: " + economy.path());
    String hint =
        "economy: "
            + economy.path()
            + " expected, got "
            + r.path()
            + (Boolean.TRUE.equals(r.drift()) ? " with drift" : "")
            + refusals(r.reason());
    check(
        economy.path().equals(r.path()) && !Boolean.TRUE.equals(r.drift()),
        hint,
        label
            + ": economy ("
            + economy.why()
            + "): expected path "
            + economy.path()
            + " without drift, got "
            + r.path()
            + (Boolean.TRUE.equals(r.drift()) ? " with drift" : "")
            + " ("
            + r.status()
            + "; "
            + abbreviate(r.reason())
            + ")");
    check(
        economy.calls().contains(calls),
        hint + " (calls)",
        label
            + ": economy ("
            + economy.why()
            + "): expected Route 53 calls "
            + String.join(
                " or ", economy.calls().stream().map(c -> new TreeMap<>(c).toString()).toList())
            + ", got "
            + calls);
  }

  /** What Route 53 refused in the optimistic request, by kind of message. */
  private static String refusals(String reason) {
    if (reason == null) {
      return "";
    }
    List<String> kinds = new ArrayList<>();
    if (reason.contains("do not match the current values")) {
      kinds.add("DELETE values differ");
    }
    if (reason.contains("but it was not found")) {
      kinds.add("DELETE not found");
    }
    if (reason.contains("but it already exists")) {
      kinds.add("CREATE exists");
    }
    if (reason.contains("conflicting RRSet")) {
      kinds.add("CNAME conflict");
    }
    return kinds.isEmpty() ? "" : " (refused: " + String.join(", ", kinds) + ")";
  }

  // ---- convergence ----

  /** After any history, a normal run (and if needed a full one) brings the master's data. */
  private void converge() {
    master.heal();
    transcript.add("--- convergence ---");
    run(0, Mode.NORMAL, 0, false, "converge: normal run");
    if (failures.isEmpty() && !converged()) {
      Long m = read().markerSerial();
      int from = m == null ? -1 : master.indexOf(m);
      // the master's own change may be over the safety thresholds (refused by design until
      // forced); a margin, as the count the engine divides by includes what drift added
      int[] du =
          from < 0 ? new int[] {0, 0, 0} : masterDeletesAndUpdates(from, master.latestIndex());
      boolean bigChange = du[0] > 0.25 * du[2] || du[1] > 0.25 * du[2];
      Mode mode = bigChange ? Mode.FORCE : Mode.FULL;
      SortedMap<Key, Rrset> beforeFull = read().data();
      ZoneReport r = run(0, mode, 0, false, "converge: " + mode + " run");
      if (failures.isEmpty()
          && !converged()
          && r.status() == dev.zonesync.sync.Status.REJECTED
          && mode == Mode.FULL) {
        // A whole-zone answer (a lost journal, PowerDNS, Windows) leaves no incremental way on:
        // hand-made RRsets past the safety thresholds look exactly like a master that lost that
        // much of its zone, and the README says a person decides (force). That refusal must
        // change nothing; the forced run must then converge.
        check(
            Mirror.differences(read().data(), beforeFull, Set.of()).isEmpty(),
            "a REJECTED run changed Route 53",
            "the REJECTED full run changed Route 53");
        run(0, Mode.FORCE, 0, false, "converge: the operator forces it");
      }
    }
    if (failures.isEmpty()) {
      Hosted h = read();
      List<String> diff =
          Mirror.differences(h.data(), Mirror.expected(master.latest()), allowedDrift.keySet());
      check(
          converged(),
          "the zone stalls",
          "the zone stalls: after the history, a normal and a full run leave the marker at "
              + h.markerSerial()
              + " (master "
              + master.latest().serial()
              + ")"
              + (diff.isEmpty()
                  ? ""
                  : " and Route 53 differs:\n    "
                      + String.join("\n    ", diff.subList(0, Math.min(10, diff.size())))));
    }
  }

  private boolean converged() {
    Hosted h = read();
    return Objects.equals(h.markerSerial(), master.latest().serial())
        && Objects.equals(h.soaSerial(), master.latest().serial())
        && Mirror.differences(h.data(), Mirror.expected(master.latest()), allowedDrift.keySet())
            .isEmpty();
  }

  private void check(boolean ok, String kind, String message) {
    if (!ok) {
      failures.add(message);
      failureKinds.add(kind);
    }
  }

  /** What kinds of rule the history broke (for the survey). */
  List<String> failureKinds() {
    return failureKinds;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 400 ? s.substring(0, 397) + "..." : s;
  }
}
