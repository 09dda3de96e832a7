package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.source.SourceException;
import dev.zonesync.source.ZoneFileSource;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.ZoneSource;
import dev.zonesync.testing.MovableClock;
import dev.zonesync.testing.Route53TextReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The whole per-zone flow over a zone file and the in-process Route 53 fake. */
class ZoneSynchronizerTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");

  /** The test's "now": the marker records it as the time of a full reconcile. */
  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-30T09:12:40Z");

  @TempDir Path dir;
  private final FakeRoute53 route53 = new FakeRoute53();
  private String zoneId;
  private Path zoneFile;
  private ZoneSettings zone;
  private ZoneSynchronizer sync;
  // every run of the default synchronizer sees this clock: full= in the marker is known exactly
  private final MovableClock clock = new MovableClock(T0);

  @BeforeEach
  void setUp() throws IOException {
    zoneId = route53.createZone("corp.example.");
    zoneFile = dir.resolve("corp.example.zone");
    Files.copy(Samples.sample("corp.example.zone"), zoneFile);
    zone = settings("").zones().get(0);
    sync = synchronizer(z -> new ZoneFileSource(z.name(), zoneFile));
  }

  private Settings settings(String extra) {
    return ConfigParser.parse(
        "version: 1\nzones:\n  - name: corp.example.\n    hostedZoneId: "
            + zoneId
            + "\n    masters: [192.0.2.53]\n    tsig: none\n"
            + extra,
        "test");
  }

  private ZoneSynchronizer synchronizer(SourceFactory sources) {
    return new ZoneSynchronizer(
        new HostedZoneReader(route53),
        new ChangeApplier(route53, Duration.ofMillis(1)),
        new MeteredCalls(),
        sources,
        clock,
        Duration.ZERO);
  }

  private ZoneReport run(SyncOptions options) {
    route53.resetCalls();
    return sync.sync(zone, options, Deadline.after(Duration.ofMinutes(1)));
  }

  /**
   * Route 53's content (apex NS and SOA left out) in the golden file's format, read by the tests'
   * own {@link Route53TextReader} (never zonesync's canonicaliser). The marker's {@code full=}
   * reads as {@code <reconciled>} only when it is {@link #T0}, the pinned clock's time of the first
   * full reconcile; its {@code soa=} as {@code <hosted SOA>} only when it is the hosted zone's SOA.
   */
  private Set<String> hostedData() {
    return hostedData(T0);
  }

  private Set<String> hostedData(java.time.Instant reconciledAt) {
    List<ResourceRecordSet> all = route53.all(zoneId);
    String soaTemplate = soaTemplate(all);
    return all.stream()
        .filter(
            r ->
                !r.typeAsString().equals("SOA")
                    && !(r.typeAsString().equals("NS")
                        && Route53TextReader.name(r.name()).equals(ZONE.text())))
        .map(Route53TextReader::line)
        .map(
            l ->
                l.replace(" full=" + reconciledAt.getEpochSecond() + "\"", " full=<reconciled>\"")
                    .replace("\"soa=" + soaTemplate + "\"", "\"soa=<hosted SOA>\""))
        .collect(Collectors.toSet());
  }

  /** The hosted SOA as the marker's soa= writes it: TTL and every field but the serial. */
  private static String soaTemplate(List<ResourceRecordSet> all) {
    ResourceRecordSet soa =
        all.stream().filter(r -> r.typeAsString().equals("SOA")).findFirst().orElseThrow();
    String[] f = Route53TextReader.value("SOA", soa.resourceRecords().get(0).value()).split(" ");
    return soa.ttl() + " " + f[0] + " " + f[1] + " " + f[3] + " " + f[4] + " " + f[5] + " " + f[6];
  }

  /**
   * What Route 53 must hold after syncing the sample: the hand-reviewed golden file, never what
   * zonesync's own planner computes.
   */
  private static Set<String> golden() throws IOException {
    return Files.readAllLines(Samples.sample("corp.example.mirror")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The golden file with hand-written edits: {@code old line -> new line} (null removes/adds). */
  private static Set<String> golden(String... replacements) throws IOException {
    Set<String> out = golden();
    for (int i = 0; i < replacements.length; i += 2) {
      if (replacements[i] != null) {
        assertThat(out.remove(replacements[i])).as("golden has %s", replacements[i]).isTrue();
      }
      if (replacements[i + 1] != null) {
        out.add(replacements[i + 1]);
      }
    }
    return out;
  }

  private static final String GOLDEN_MARKER =
      "_zonesync.corp.example. TXT 300 \"zonesync=1 serial=2026112201 lineage=ns1.corp.example."
          + " rrsets=33 full=<reconciled>\" \"soa=<hosted SOA>\" \"cuts=branch\"";

  private long hostedSerial() {
    ResourceRecordSet soa =
        route53.all(zoneId).stream()
            .filter(r -> r.typeAsString().equals("SOA"))
            .findFirst()
            .orElseThrow();
    return Long.parseLong(
        Route53TextReader.value("SOA", soa.resourceRecords().get(0).value()).split(" ")[2]);
  }

  /** The marker's TXT value as the tests' reader gives it. */
  private String hostedMarker() {
    return route53.all(zoneId).stream()
        .filter(r -> Route53TextReader.name(r.name()).equals("_zonesync.corp.example."))
        .map(Route53TextReader::line)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void sync_initialLoad_mirrorsEverySupportedRRsetAndBumpsSerial() throws IOException {
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.previousSerial()).isEqualTo(1);
    assertThat(r.sourceSerial()).isEqualTo(2026112201L);
    assertThat(hostedData()).containsExactlyInAnyOrderElementsOf(golden());
    assertThat(hostedSerial()).isEqualTo(2026112201L);
    assertThat(r.skipped())
        .extracting(ZoneReport.SkippedEntry::name, ZoneReport.SkippedEntry::type)
        .contains(
            org.assertj.core.groups.Tuple.tuple("legacy.corp.example.", "HINFO"),
            org.assertj.core.groups.Tuple.tuple("hq.corp.example.", "LOC"),
            org.assertj.core.groups.Tuple.tuple("branch.corp.example.", "NS"),
            org.assertj.core.groups.Tuple.tuple("branch.corp.example.", "DS"),
            org.assertj.core.groups.Tuple.tuple("ns1.branch.corp.example.", "A"),
            org.assertj.core.groups.Tuple.tuple("corp.example.", "NS"));
    assertThat(r.batches()).isEqualTo(1);
    // the commit is in the last (only) request
    var last = route53.changeRequests().get(route53.changeRequests().size() - 1);
    assertThat(last.changeBatch().changes())
        .anyMatch(c -> c.resourceRecordSet().typeAsString().equals("SOA"));
  }

  @Test
  void sync_secondRun_isUpToDateWithOneReadAndNoTransfer() {
    run(SyncOptions.DEFAULT);
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.transfer()).isEqualTo(TransferKind.NONE);
    // only the marker: the commit wrote it with the SOA, in one request
    assertThat(route53.calls()).containsExactly(java.util.Map.entry("ListResourceRecordSets", 1));
  }

  /** The sample's delegation of branch, which nothing covers, as a run that read no zone says. */
  private static final String BRANCH_AS_RECORDED =
      "branch.corp.example. is delegated on the master (as the marker of corp.example. records)"
          + " and nothing resolves it in the VPC: every name of that child zone answers NXDOMAIN"
          + " there (the zone's next full run lists the names below it). Cover it: `zoneCuts:"
          + " delegate` with `delegations: [branch.corp.example.]` (and deployment.resolver for"
          + " its Resolver DELEGATE rule), mirror branch.corp.example. as a zone of its own, or"
          + " list it in `resolvedElsewhere` if a FORWARD rule or another zone resolves it";

  @Test
  void sync_runsAfterTheFullOne_reportTheUnresolvedCutTheMarkerRecords() {
    ZoneReport full = run(SyncOptions.DEFAULT);
    assertThat(full.warnings())
        .extracting(ZoneReport.Warning::code, ZoneReport.Warning::message)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.toList().get(0)).isEqualTo("UNRESOLVED_CUT");
              assertThat((String) w.toList().get(1))
                  .startsWith(
                      "branch.corp.example. is delegated on the master (to"
                          + " ns1.branch.corp.example., ns2.branch.corp.example.)");
            });

    ZoneReport unchanged = run(SyncOptions.DEFAULT);
    assertThat(unchanged.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(unchanged.warnings())
        .containsExactly(new ZoneReport.Warning("UNRESOLVED_CUT", BRANCH_AS_RECORDED));

    // covered in the configuration: no run says it any more, the full one included
    zone = settings("    resolvedElsewhere: [branch.corp.example.]\n").zones().get(0);
    assertThat(run(SyncOptions.DEFAULT).warnings()).isNull();
    assertThat(run(SyncOptions.FULL).warnings()).isNull();
  }

  @Test
  void sync_forcedRerunOfUnchangedZoneInTheSameSecond_sendsNothing() throws IOException {
    run(SyncOptions.DEFAULT);
    // later, but within the second the marker's full= already holds
    clock.advance(Duration.ofMillis(999));
    ZoneReport r = run(SyncOptions.FORCED);
    assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(r.batches()).isZero();
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
    assertThat(hostedData()).containsExactlyInAnyOrderElementsOf(golden());
  }

  @Test
  void sync_forcedRerunOfUnchangedZoneASecondLater_rewritesOnlyTheMarkersReconcileTime()
      throws IOException {
    run(SyncOptions.DEFAULT);
    clock.advance(Duration.ofSeconds(1));
    ZoneReport r = run(SyncOptions.FORCED);
    assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(r.batches()).isEqualTo(1);
    // one request holding one change: the marker, now with this reconcile's time
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(1);
    assertThat(route53.changeRequests().get(0).changeBatch().changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.actionAsString()).isEqualTo("UPSERT");
              assertThat(c.resourceRecordSet().name()).isEqualTo("_zonesync.corp.example.");
              assertThat(c.resourceRecordSet().typeAsString()).isEqualTo("TXT");
            });
    assertThat(hostedMarker()).contains(" full=" + (T0.getEpochSecond() + 1) + "\"");
    assertThat(hostedData(T0.plusSeconds(1))).containsExactlyInAnyOrderElementsOf(golden());
  }

  @Test
  void sync_afterSourceEdit_appliesExactlyTheDifference() throws IOException {
    run(SyncOptions.DEFAULT);
    String text = Files.readString(zoneFile);
    text =
        text.replace("2026112201 ; serial", "2026112202 ; serial")
                .replace(
                    "mail2     600   IN  A     192.0.2.26", "mail2     900   IN  A     192.0.2.26")
                .replace("ipv6only        IN  AAAA  2001:0db8:0000:0000:0000:0000:0000:0001\n", "")
                .replace(
                    "dc2             IN  A     192.0.2.42", "dc2             IN  A     192.0.2.142")
                .replace("api-backend     IN  A     192.0.2.70", "api-backend     IN  CNAME dc1")
            + "new             IN  A     192.0.2.200\n";
    Files.writeString(zoneFile, text);
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(2, 2, 2));
    assertThat(r.plan())
        .extracting(
            ZoneReport.PlannedChange::action,
            ZoneReport.PlannedChange::name,
            ZoneReport.PlannedChange::type)
        .contains(
            org.assertj.core.groups.Tuple.tuple("create", "new.corp.example.", "A"),
            org.assertj.core.groups.Tuple.tuple("create", "api-backend.corp.example.", "CNAME"),
            org.assertj.core.groups.Tuple.tuple("delete", "api-backend.corp.example.", "A"),
            org.assertj.core.groups.Tuple.tuple("delete", "ipv6only.corp.example.", "AAAA"),
            org.assertj.core.groups.Tuple.tuple("update", "mail2.corp.example.", "A"),
            org.assertj.core.groups.Tuple.tuple("update", "dc2.corp.example.", "A"));
    assertThat(hostedData())
        .containsExactlyInAnyOrderElementsOf(
            golden(
                "mail2.corp.example. A 600 192.0.2.26",
                "mail2.corp.example. A 900 192.0.2.26",
                "ipv6only.corp.example. AAAA 3600 2001:db8::1",
                null,
                "dc2.corp.example. A 3600 192.0.2.42",
                "dc2.corp.example. A 3600 192.0.2.142",
                "api-backend.corp.example. A 3600 192.0.2.70",
                "api-backend.corp.example. CNAME 3600 dc1.corp.example.",
                null,
                "new.corp.example. A 3600 192.0.2.200",
                GOLDEN_MARKER,
                GOLDEN_MARKER.replace("2026112201", "2026112202")));
    assertThat(run(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void sync_dryRun_reportsThePlanAndSendsNothing() {
    ZoneReport r = run(SyncOptions.DRY_RUN);
    assertThat(r.status()).isEqualTo(Status.DRY_RUN);
    assertThat(r.changes().create()).isGreaterThan(20);
    assertThat(r.plan()).isNotEmpty();
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
    assertThat(hostedSerial()).isEqualTo(1);
  }

  @Test
  void sync_whenPlanDeletesTooMuch_rejectsUnlessForced() throws IOException {
    run(SyncOptions.DEFAULT);
    // a truncated master: only SOA and NS left
    Files.writeString(
        zoneFile,
        "$ORIGIN corp.example.\n@ 3600 IN SOA ns1 hostmaster 2026112205 3600 600 1209600 300\n"
            + "@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.53\n");
    Set<String> before = hostedData();
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).isEqualTo(Status.REJECTED);
    assertThat(r.error()).contains("maxDeleteFraction").contains("force");
    assertThat(hostedData()).isEqualTo(before);
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();

    ZoneReport forced = run(SyncOptions.FORCED);
    assertThat(forced.status()).isEqualTo(Status.APPLIED);
    assertThat(hostedData())
        .containsExactlyInAnyOrder(
            "ns1.corp.example. A 3600 192.0.2.53",
            "_zonesync.corp.example. TXT 300 \"zonesync=1 serial=2026112205"
                + " lineage=ns1.corp.example. rrsets=1 full=<reconciled>\" \"soa=<hosted SOA>\"");
  }

  @Test
  void sync_whenSourceFails_reportsFailedAndChangesNothing() {
    ZoneSynchronizer failing =
        synchronizer(
            z ->
                new ZoneSource() {
                  @Override
                  public SourceSerial serial(Deadline d) {
                    throw new SourceException("zone corp.example.: all masters failed: timeout");
                  }

                  @Override
                  public Transfer axfr(SourceSerial s, Deadline d) {
                    throw new AssertionError("no transfer after a failed SOA query");
                  }

                  @Override
                  public dev.zonesync.sync.port.IxfrOutcome ixfr(
                      SourceSerial s, dev.zonesync.model.Serial from, Deadline d) {
                    throw new AssertionError("no transfer after a failed SOA query");
                  }
                });
    ZoneReport r = failing.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains("all masters failed");
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
  }

  @Test
  void sync_whenABatchFails_leavesSerialAndNextRunConverges() throws IOException {
    // small batches so the load needs several requests; the second one fails
    zone = settings("    batch: {maxValues: 20}\n").zones().get(0);
    route53.onCall =
        () -> {
          if (route53.calls("ChangeResourceRecordSets") == 2) {
            route53.failNext(() -> FakeRoute53.serviceError(500, "InternalError"));
          }
        };
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.batchesApplied()).isEqualTo(1);
    assertThat(r.error()).contains("serial not bumped");
    assertThat(hostedSerial()).isEqualTo(1);

    route53.onCall = () -> {};
    ZoneReport again = run(SyncOptions.DEFAULT);
    assertThat(again.status()).as(again.error()).isEqualTo(Status.APPLIED);
    assertThat(hostedData()).containsExactlyInAnyOrderElementsOf(golden());
    assertThat(hostedSerial()).isEqualTo(2026112201L);
  }

  @Test
  void sync_whenHostedZoneIdWrong_failsNamingIt() {
    ZoneSettings wrong = settings("").zones().get(0);
    wrong =
        new ZoneSettings(
            wrong.name(),
            "ZNOPE",
            wrong.hostedZoneName(),
            wrong.masters(),
            null,
            wrong.tsig(),
            wrong.rules(),
            wrong.safety(),
            wrong.batch(),
            wrong.source(),
            wrong.fullReconcileEvery());
    ZoneReport r = sync.sync(wrong, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains("ZNOPE").contains("NoSuchHostedZone").contains("hostedZoneId");
  }

  @Test
  void sync_whenHostedZoneHasConsoleEditsInRoute53Format_convergesWithoutPerpetualDiff() {
    run(SyncOptions.DEFAULT);
    // someone re-saves the wildcard set in the console: Route 53 form, no trailing dot on targets
    route53.put(
        zoneId,
        software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder()
            .name("\\052.apps.corp.example.")
            .type("A")
            .ttl(3600L)
            .resourceRecords(
                software.amazon.awssdk.services.route53.model.ResourceRecord.builder()
                    .value("192.0.2.81")
                    .build(),
                software.amazon.awssdk.services.route53.model.ResourceRecord.builder()
                    .value("192.0.2.80")
                    .build())
            .build());
    ZoneReport r = run(SyncOptions.FORCED);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
  }

  @Test
  void sync_whenTheLoadWouldExceedTheRRsetQuota_failsBeforeTheFirstBatch() throws IOException {
    Files.writeString(zoneFile, dev.zonesync.testing.ZoneFiles.generate(ZONE.text(), 9_500, 7, 1));
    route53.rrsetQuota = 9_200;
    ZoneReport r = run(SyncOptions.DEFAULT);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains("quota of 9200").contains("MAX_RRSETS_BY_ZONE");
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();

    route53.rrsetQuota = 10_000;
    assertThat(run(SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
  }

  /** A synchronizer on the test's clock, over the sample zone file. */
  private ZoneSynchronizer timed(java.time.Clock clock, Duration unchangedCheckEvery) {
    return new ZoneSynchronizer(
        new HostedZoneReader(route53),
        new ChangeApplier(route53, Duration.ofMillis(1)),
        new MeteredCalls(),
        z -> new ZoneFileSource(z.name(), zoneFile),
        clock,
        unchangedCheckEvery);
  }

  @Test
  void sync_whenTheZonesFullReconcileIsDue_reconcilesItInFullAndRecordsTheTime()
      throws IOException {
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T00:00:00Z");
    MovableClock clock = new MovableClock(t0);
    ZoneSynchronizer timed = timed(clock, Duration.ZERO);
    ZoneReport first = timed.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
    // drift the serial cannot see: someone edits a record in Route 53
    route53.put(
        zoneId,
        software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder()
            .name("www.corp.example.")
            .type("A")
            .ttl(3600L)
            .resourceRecords(
                software.amazon.awssdk.services.route53.model.ResourceRecord.builder()
                    .value("203.0.113.1")
                    .build())
            .build());

    // every 5 minutes for a day (the default period): unchanged runs, then one full reconcile
    int full = 0;
    ZoneReport last = null;
    java.time.Instant reconciledAt = null;
    for (int i = 0; i < 288; i++) {
      clock.advance(Duration.ofMinutes(5));
      ZoneReport r = timed.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
      assertThat(r.fullReconcileOverdue()).isFalse();
      if (r.transfer() == TransferKind.AXFR) {
        full++;
        last = r;
        reconciledAt = clock.instant();
      }
    }

    assertThat(full).isEqualTo(1);
    assertThat(last.reason())
        .startsWith("periodic full reconcile (every 24h; last 2026-12-01T00:00:00Z");
    assertThat(last.changes()).isEqualTo(new ZoneReport.Counts(0, 1, 0));
    // the data as the golden file has it, the marker holding the time of this reconcile
    assertThat(hostedData(reconciledAt)).containsExactlyInAnyOrderElementsOf(golden());
    assertThat(last.lastFullReconcile()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void sync_whenTheLastFullReconcileIsLongPast_reportsItOverdue() {
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T00:00:00Z");
    MovableClock clock = new MovableClock(t0);
    ZoneSynchronizer timed = timed(clock, Duration.ZERO);
    timed.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
    // a dry run never reconciles: thirty hours later the zone is due and overdue
    clock.advance(Duration.ofHours(31));
    ZoneReport r = timed.sync(zone, SyncOptions.DRY_RUN, Deadline.after(Duration.ofMinutes(1)));
    assertThat(r.fullReconcileOverdue()).isTrue();
    assertThat(r.lastFullReconcile()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void sync_withUnchangedCheckEvery_readsAnUnchangedZonesMarkerOnlyThatOften() {
    MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    ZoneSynchronizer timed = timed(clock, Duration.ofMinutes(15));
    timed.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));

    int[] reads = new int[6];
    for (int i = 0; i < reads.length; i++) {
      clock.advance(Duration.ofMinutes(5));
      route53.resetCalls();
      ZoneReport r = timed.sync(zone, SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(1)));
      assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
      reads[i] = route53.calls("ListResourceRecordSets");
    }

    // written at 0, believed at 5 and 10, read at 15 (the belief is 15 min old), believed at 20, 25
    assertThat(reads).containsExactly(0, 0, 1, 0, 0, 1);
  }
}
