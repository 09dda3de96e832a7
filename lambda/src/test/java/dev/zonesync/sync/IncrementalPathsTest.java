package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The incremental paths and their refusals, over the in-process Route 53 (which validates a batch
 * as Route 53 does) and a master with a journal. Expected Route 53 content is written out by hand
 * here, in Route 53's own text (octal escapes), never computed by zonesync's code.
 */
class IncrementalPathsTest {

  private static final DnsName ZONE = DnsName.of("paths.example.");
  private static final String SOA_FIELDS = "3600 600 1209600 300";

  @TempDir Path dir;
  private final FakeRoute53 route53 = new FakeRoute53();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
  private String zoneId;
  private VersionedMaster master;

  @BeforeEach
  void setUp() {
    zoneId = route53.createZone(ZONE.text());
    master = new VersionedMaster(ZONE, dir);
  }

  private ZoneSettings zone(String extra) {
    return ConfigParser.parse(
            "version: 1\nzones:\n  - name: paths.example.\n    hostedZoneId: "
                + zoneId
                + "\n    masters: [192.0.2.53]\n    tsig: none\n"
                + extra,
            "test")
        .zones()
        .get(0);
  }

  /** A container's engine (its own remembered markers). */
  private ZoneSynchronizer engine() {
    return new ZoneSynchronizer(
        new HostedZoneReader(route53),
        new ChangeApplier(route53, Duration.ofMillis(1)),
        new MeteredCalls(),
        z -> master,
        clock,
        Duration.ZERO);
  }

  private ZoneReport run(ZoneSynchronizer engine, ZoneSettings zone, SyncOptions options) {
    route53.resetCalls();
    return engine.sync(zone, options, Deadline.after(Duration.ofMinutes(1)));
  }

  /** Master-file text of a version: SOA, NS, glue, {@code hosts} A records, then {@code more}. */
  private static String zoneText(long serial, int hosts, String... more) {
    StringBuilder sb =
        new StringBuilder(
            "$ORIGIN paths.example.\n$TTL 300\n@ IN SOA ns1.paths.example. hostmaster.paths.example. "
                + serial
                + " "
                + SOA_FIELDS
                + "\n@ IN NS ns1\nns1 IN A 192.0.2.53\n");
    for (int i = 0; i < hosts; i++) {
      sb.append("h").append(i).append(" IN A 192.0.2.").append(i % 250).append('\n');
    }
    for (String m : more) {
      sb.append(m).append('\n');
    }
    return sb.toString();
  }

  /** What Route 53 stores at a name and type, exactly as it would list it: TTL then values. */
  private String stored(String name, String type) {
    for (ResourceRecordSet s : route53.all(zoneId)) {
      if (s.name().equals(name) && s.typeAsString().equals(type)) {
        List<String> values = new ArrayList<>();
        s.resourceRecords().forEach(r -> values.add(r.value()));
        values.sort(null);
        return s.ttl() + " " + String.join(" | ", values);
      }
    }
    return null;
  }

  private void putByHand(String name, String type, long ttl, String... values) {
    route53.put(
        zoneId,
        ResourceRecordSet.builder()
            .name(name)
            .type(type)
            .ttl(ttl)
            .resourceRecords(
                java.util.Arrays.stream(values)
                    .map(v -> ResourceRecord.builder().value(v).build())
                    .toList())
            .build());
  }

  private List<Change> lastRequest() {
    return route53
        .changeRequests()
        .get(route53.changeRequests().size() - 1)
        .changeBatch()
        .changes();
  }

  @Test
  void optimistic_whenUtf8TxtChanges_sendsOneValidatedRequestInRoute53sText() {
    ZoneSettings z = zone("");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12, "txt IN TXT \"caf\\195\\169\""));
    assertThat(run(engine, z, SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    assertThat(stored("txt.paths.example.", "TXT")).isEqualTo("300 \"caf\\303\\251\"");

    master.version(zoneText(2, 12, "txt IN TXT \"caf\\195\\169 cr\\195\\168me\""));
    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(r.drift()).isNull();
    assertThat(route53.calls()).containsExactly(Map.entry("ChangeResourceRecordSets", 1));
    // the DELETE repeats the text the CREATE wrote: octal, as Route 53 stores it
    assertThat(lastRequest())
        .filteredOn(c -> c.resourceRecordSet().name().equals("txt.paths.example."))
        .extracting(c -> c.actionAsString() + " " + c.resourceRecordSet().resourceRecords())
        .containsExactly(
            "DELETE [ResourceRecord(Value=\"caf\\303\\251\")]",
            "CREATE [ResourceRecord(Value=\"caf\\303\\251 cr\\303\\250me\")]");
    assertThat(stored("txt.paths.example.", "TXT"))
        .isEqualTo("300 \"caf\\303\\251 cr\\303\\250me\"");
  }

  @Test
  void optimistic_whenCnameBecomesA_deletesTheCnameBeforeCreatingTheA() {
    ZoneSettings z = zone("");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12, "swap IN CNAME h1"));
    run(engine, z, SyncOptions.DEFAULT);
    master.version(zoneText(2, 12, "swap IN A 192.0.2.99"));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(lastRequest())
        .filteredOn(c -> c.resourceRecordSet().name().equals("swap.paths.example."))
        .extracting(c -> c.actionAsString() + " " + c.resourceRecordSet().typeAsString())
        .containsExactly("DELETE CNAME", "CREATE A");
    assertThat(stored("swap.paths.example.", "A")).isEqualTo("300 192.0.2.99");
    assertThat(stored("swap.paths.example.", "CNAME")).isNull();
  }

  @Test
  void optimistic_whenTtlChangedAndThenRRsetDeletedInOneIxfr_predictsTheOriginalTtl() {
    ZoneSettings z = zone("");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12, "t 300 IN A 192.0.2.77"));
    run(engine, z, SyncOptions.DEFAULT);
    master.version(zoneText(2, 12, "t 600 IN A 192.0.2.77"));
    master.version(zoneText(3, 12));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).as(r.reason()).isEqualTo("optimistic");
    assertThat(r.drift()).isNull();
    assertThat(route53.calls()).containsExactly(Map.entry("ChangeResourceRecordSets", 1));
    assertThat(stored("t.paths.example.", "A")).isNull();
  }

  @Test
  void readPath_whenATouchedRRsetHoldsAHandAddedValue_endsWithTheMastersRRset() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 20, "m IN A 192.0.2.201"));
    run(engine, z, SyncOptions.DEFAULT);
    putByHand("m.paths.example.", "A", 300, "192.0.2.201", "203.0.113.9");
    // more than the optimistic path carries: the read path
    String[] more = new String[102];
    more[0] = "m IN A 192.0.2.201";
    more[1] = "m IN A 192.0.2.202";
    for (int i = 0; i < 100; i++) {
      more[i + 2] = "n" + i + " IN A 198.51.100." + (i + 1);
    }
    master.version(zoneText(2, 20, more));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.drift()).isTrue();
    assertThat(r.reason()).contains("m.paths.example.");
    assertThat(stored("m.paths.example.", "A")).isEqualTo("300 192.0.2.201 | 192.0.2.202");
    assertThat(stored("n99.paths.example.", "A")).isEqualTo("300 198.51.100.100");
  }

  @Test
  void readPath_whenTheMasterDoesNotAnswerQueries_reconcilesInFull() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12, "m IN A 192.0.2.201"));
    run(engine, z, SyncOptions.DEFAULT);
    putByHand("m.paths.example.", "A", 300, "192.0.2.201", "203.0.113.9");
    master.version(zoneText(2, 12, "m IN A 192.0.2.201", "m IN A 192.0.2.202"));
    master.refuseQueries = true;

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("full");
    assertThat(r.reason()).contains("the master was not asked for the changed RRsets");
    assertThat(stored("m.paths.example.", "A")).isEqualTo("300 192.0.2.201 | 192.0.2.202");
  }

  @Test
  void dryRun_ofAnIncrement_plansTheMastersRRsetAtTouchedNames() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12, "m IN A 192.0.2.201"));
    run(engine, z, SyncOptions.DEFAULT);
    master.version(zoneText(2, 12, "m IN A 192.0.2.202"));

    ZoneReport r = run(engine, z, SyncOptions.DRY_RUN);

    assertThat(r.status()).isEqualTo(Status.DRY_RUN);
    assertThat(r.path()).isEqualTo("read");
    assertThat(r.plan())
        .filteredOn(p -> p.name().equals("m.paths.example."))
        .extracting(p -> p.action() + " " + p.oldValues() + " -> " + p.values())
        .containsExactly("update [192.0.2.201] -> [192.0.2.202]");
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
  }

  /** 100 mirrored RRsets, then 50 made by hand: a full reconcile would delete 33 %. */
  private void handMade50() {
    for (int i = 0; i < 50; i++) {
      putByHand("manual" + i + ".paths.example.", "A", 60, "203.0.113." + (i + 1));
    }
  }

  @Test
  void scheduledFullReconcile_whenRejected_letsTheMastersChangesArrive() {
    ZoneSettings z = zone("    fullReconcileEvery: 1h\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 99));
    assertThat(run(engine, z, SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    handMade50();
    clock.advance(Duration.ofHours(2));
    master.version(zoneText(2, 99, "new1 IN A 192.0.2.251"));
    int axfrs = master.axfrs;

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason() + " / " + r.error()).isEqualTo(Status.APPLIED);
    assertThat(master.axfrs).isEqualTo(axfrs + 1);
    assertThat(r.warnings())
        .extracting(ZoneReport.Warning::code)
        .containsExactly("FULL_RECONCILE_FAILING");
    assertThat(r.warnings().get(0).message())
        .contains("REJECTED")
        .contains("would delete 50 of 150")
        .contains("failure 1 in a row")
        .contains("2026-12-01T02:15:00Z");
    assertThat(stored("new1.paths.example.", "A")).isEqualTo("300 192.0.2.251");
    assertThat(stored("manual7.paths.example.", "A")).isEqualTo("60 203.0.113.8");

    // five minutes later: the full reconcile backs off, the next change is one request
    clock.advance(Duration.ofMinutes(5));
    master.version(zoneText(3, 99, "new1 IN A 192.0.2.251", "new2 IN A 192.0.2.252"));
    ZoneReport next = run(engine, z, SyncOptions.DEFAULT);
    assertThat(next.status()).isEqualTo(Status.APPLIED);
    assertThat(next.path()).isEqualTo("optimistic");
    assertThat(master.axfrs).isEqualTo(axfrs + 1);
    assertThat(route53.calls()).containsExactly(Map.entry("ChangeResourceRecordSets", 1));
    assertThat(next.warnings())
        .extracting(ZoneReport.Warning::code)
        .containsExactly("FULL_RECONCILE_FAILING");
    assertThat(next.warnings().get(0).message())
        .contains("until the next attempt after 2026-12-01T02:15:00Z");
    assertThat(stored("new2.paths.example.", "A")).isEqualTo("300 192.0.2.252");
  }

  @Test
  void scheduledFullReconcile_whenRejectedOnAnUnchangedZone_recordsTheFailureAndRetriesLater() {
    ZoneSettings z = zone("    fullReconcileEvery: 1h\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 99));
    run(engine, z, SyncOptions.DEFAULT);
    handMade50();
    clock.advance(Duration.ofHours(2));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);
    assertThat(r.status()).as(r.reason()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.warnings())
        .extracting(ZoneReport.Warning::code)
        .containsExactly("FULL_RECONCILE_FAILING");
    // the marker read, the full read, and one request recording the failure in the marker
    assertThat(route53.calls())
        .containsExactly(
            Map.entry("ChangeResourceRecordSets", 1), Map.entry("ListResourceRecordSets", 2));
    assertThat(stored("_zonesync.paths.example.", "TXT")).contains("fullFailed=1@1796090400");

    // backing off: one read, no transfer
    clock.advance(Duration.ofMinutes(5));
    int axfrs = master.axfrs;
    ZoneReport waiting = run(engine, z, SyncOptions.DEFAULT);
    assertThat(waiting.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(master.axfrs).isEqualTo(axfrs);
    assertThat(route53.calls()).containsExactly(Map.entry("ListResourceRecordSets", 1));

    // 15 minutes after the failure it is tried again, and fails again: 30 minutes next, but at
    // most a quarter of the zone's 1h period
    clock.advance(Duration.ofMinutes(11));
    ZoneReport again = run(engine, z, SyncOptions.DEFAULT);
    assertThat(master.axfrs).isEqualTo(axfrs + 1);
    assertThat(again.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(again.warnings().get(0).message())
        .contains("failure 2 in a row")
        .contains("2026-12-01T02:31:00Z");
  }

  @Test
  void drift_whenTheFullReconcileIsRejected_stillSetsTheTouchedRRsetsToTheMasters() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 99));
    run(engine, z, SyncOptions.DEFAULT);
    handMade50();
    putByHand("h5.paths.example.", "A", 300, "203.0.113.200");
    master.version(zoneText(2, 99).replace("h5 IN A 192.0.2.5", "h5 IN A 192.0.2.205"));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason() + " / " + r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.drift()).isTrue();
    assertThat(r.path()).isEqualTo("optimistic-refused");
    assertThat(r.warnings())
        .extracting(ZoneReport.Warning::code)
        .containsExactly("FULL_RECONCILE_FAILING");
    assertThat(stored("h5.paths.example.", "A")).isEqualTo("300 192.0.2.205");
    assertThat(stored("_zonesync.paths.example.", "TXT"))
        .contains("serial=2 ")
        .contains("fullFailed=1@");
  }

  @Test
  void soa_whenEditedByHand_isRestoredByTheNextIncrementalCommit() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12));
    run(engine, z, SyncOptions.DEFAULT);
    assertThat(stored("paths.example.", "SOA"))
        .isEqualTo(
            "900 ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400");
    putByHand(
        "paths.example.",
        "SOA",
        900,
        "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 60");
    master.version(zoneText(2, 12, "new IN A 192.0.2.240"));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(stored("paths.example.", "SOA"))
        .isEqualTo(
            "900 ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 2 7200 900 1209600 86400");
  }

  @Test
  void soa_whenEditedByHand_aFullReconcileRestoresItAndSaysSo() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12));
    run(engine, z, SyncOptions.DEFAULT);
    putByHand(
        "paths.example.",
        "SOA",
        60,
        "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 60");

    ZoneReport r = run(engine, z, SyncOptions.FULL);

    assertThat(r.warnings()).extracting(ZoneReport.Warning::code).containsExactly("SOA_RESTORED");
    assertThat(r.warnings().get(0).message()).contains("TTL 60").contains("minimum 60");
    assertThat(stored("paths.example.", "SOA"))
        .isEqualTo(
            "900 ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400");
  }

  @Test
  void marker_whenItCannotBeRead_syncsInFullAndRewritesIt() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    master.version(zoneText(1, 12));
    run(engine(), z, SyncOptions.DEFAULT);
    putByHand("_zonesync.paths.example.", "TXT", 300, "\"zonesync=1 serial=banana\"");

    ZoneReport r = run(engine(), z, SyncOptions.DEFAULT);

    // no data changed, but the marker (the commit) was written anew
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(r.path()).isEqualTo("full");
    assertThat(r.reason()).contains("cannot be read").doesNotContain("first sync");
    assertThat(r.warnings())
        .extracting(ZoneReport.Warning::code)
        .containsExactly("MARKER_UNREADABLE");
    assertThat(stored("_zonesync.paths.example.", "TXT")).contains("zonesync=1 serial=1 ");
  }

  @Test
  void marker_whenWrittenByANewerVersion_failsTheZoneAndWritesNothing() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    master.version(zoneText(1, 12));
    run(engine(), z, SyncOptions.DEFAULT);
    String newer = "\"zonesync=2 serial=1 lineage=ns1.paths.example. epoch=7\"";
    putByHand("_zonesync.paths.example.", "TXT", 300, newer);
    master.version(zoneText(2, 12, "new IN A 192.0.2.240"));

    for (SyncOptions o : List.of(SyncOptions.DEFAULT, SyncOptions.FULL, SyncOptions.FORCED)) {
      ZoneReport r = run(engine(), z, o);
      assertThat(r.status()).as("%s", o).isEqualTo(Status.FAILED);
      assertThat(r.error()).contains("newer zonesync").contains("marker format 2");
      assertThat(route53.calls("ChangeResourceRecordSets")).as("%s", o).isZero();
    }
    assertThat(stored("_zonesync.paths.example.", "TXT")).isEqualTo("300 " + newer);
  }

  @Test
  void refused_whenAnotherContainerMovedTheMarker_decidesAgainFromIt() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer a = engine();
    ZoneSynchronizer b = engine();
    master.version(zoneText(1, 12));
    run(a, z, SyncOptions.DEFAULT);
    master.version(zoneText(2, 12, "b IN A 192.0.2.242"));
    assertThat(run(b, z, SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    master.version(zoneText(3, 12, "b IN A 192.0.2.242", "c IN A 192.0.2.243"));

    // a still believes serial 1: its request DELETEs a marker that is gone
    ZoneReport r = run(a, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.reason())
        .contains("Route 53 refused the optimistic request")
        .contains("the marker changed since this container last saw it: decided again")
        .contains("IXFR 2 -> 3");
    assertThat(r.drift()).isNull();
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(2);
    assertThat(stored("c.paths.example.", "A")).isEqualTo("300 192.0.2.243");
    assertThat(stored("_zonesync.paths.example.", "TXT")).contains("serial=3 ");
  }

  @Test
  void refused_whenRoute53AlreadyHeldTheMastersRRset_setsTheRestWithoutDrift() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12));
    run(engine, z, SyncOptions.DEFAULT);
    // someone created the master's new record in Route 53 before zonesync did
    putByHand("early.paths.example.", "A", 300, "192.0.2.244");
    master.version(zoneText(2, 12, "early IN A 192.0.2.244", "other IN A 192.0.2.245"));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("optimistic-refused");
    assertThat(r.drift()).isNull();
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(1, 0, 0));
    assertThat(stored("other.paths.example.", "A")).isEqualTo("300 192.0.2.245");
    assertThat(stored("early.paths.example.", "A")).isEqualTo("300 192.0.2.244");
  }

  @Test
  void believedMarker_whenTheReadPathIsNeeded_isConfirmedByOneRead() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer engine = engine();
    master.version(zoneText(1, 12));
    run(engine, z, SyncOptions.DEFAULT);
    String[] many = new String[101];
    for (int i = 0; i < 101; i++) {
      many[i] = "n" + i + " IN A 198.51.100." + (i + 1);
    }
    master.version(zoneText(2, 12, many));

    ZoneReport r = run(engine, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("read");
    // the marker (confirming the belief), then the touched names in one paginated read
    assertThat(route53.calls())
        .containsExactly(
            Map.entry("ChangeResourceRecordSets", 1), Map.entry("ListResourceRecordSets", 2));
  }

  @Test
  void believedMarker_whenTheReadPathFindsItMoved_decidesAgainFromRoute53() {
    ZoneSettings z = zone("    fullReconcileEvery: off\n");
    ZoneSynchronizer a = engine();
    master.version(zoneText(1, 12));
    run(a, z, SyncOptions.DEFAULT);
    master.version(zoneText(2, 12, "b IN A 192.0.2.242"));
    run(engine(), z, SyncOptions.DEFAULT);
    String[] many = new String[102];
    many[0] = "b IN A 192.0.2.242";
    for (int i = 0; i < 101; i++) {
      many[i + 1] = "n" + i + " IN A 198.51.100." + (i + 1);
    }
    master.version(zoneText(3, 12, many));

    ZoneReport r = run(a, z, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.reason()).isEqualTo(Status.APPLIED);
    assertThat(r.reason()).contains("IXFR 2 -> 3");
    assertThat(r.drift()).isNull();
    assertThat(stored("n100.paths.example.", "A")).isEqualTo("300 198.51.100.101");
  }
}
