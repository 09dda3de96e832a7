package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.TsigKey;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.route53.Route53Values;
import dev.zonesync.source.DnsZoneSource;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * Incremental sync (IXFR) against a real named and moto: deltas applied with targeted reads, the
 * master's up-to-date answer, the whole-zone answer to a serial not in the journal, drift injected
 * straight into the emulator, serials going backwards, and {@code mode: full}.
 */
class IncrementalSyncIT {

  private static final String ZONE = "corp.example.";
  private static final String KEY = "zonesync-transfer.";

  private static MotoServer moto;
  private static Route53Proxy proxy;
  private static Route53Client route53;

  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private String zoneId;
  private Engine engine;

  @BeforeAll
  static void emulator() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    route53 =
        Route53Clients.create(
            Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void setUp() {
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zone(ZONE, Samples.sample("corp.example.zone"))
            .start();
    zoneId = moto.createPrivateHostedZone(ZONE);
    Settings settings =
        ConfigParser.parse(
            """
            version: 1
            tsigKeys: [{name: %s, secret: {env: S}}]
            zones:
              - name: %s
                hostedZoneId: %s
                masters: ["%s"]
                tsig: %s
            """
                .formatted(KEY, ZONE, zoneId, named.hostPort(), KEY),
            "it");
    engine =
        Engines.create(
            settings,
            route53,
            new DnsSourceFactory(new LocalSecretResolver(Map.of("S", secret), null)));
    ZoneReport initial = sync(SyncOptions.DEFAULT);
    assertThat(initial.status()).as(initial.error()).isEqualTo(Status.APPLIED);
    proxy.clear();
  }

  @AfterEach
  void tearDown() {
    named.close();
  }

  private ZoneReport sync(SyncOptions options) {
    return engine.run(List.of(), options, Deadline.after(Duration.ofMinutes(2))).zones().get(0);
  }

  private Set<String> hostedData() {
    return SyncHarness.hostedData(zoneId);
  }

  private Set<String> masterMirror() {
    return SyncHarness.masterMirror(zoneId, named.hostPort(), secret);
  }

  /** The marker the last run wrote. */
  private SyncMarker currentMarker() {
    HostedRRset h =
        Route53Values.fromSdk(
            moto.listAll(zoneId).stream()
                .filter(x -> x.name().startsWith("_zonesync"))
                .findFirst()
                .orElseThrow());
    return SyncMarker.parse(h.values().get(0), DnsName.of(ZONE)).orElseThrow();
  }

  /** Makes Route 53 claim {@code marker}, consistently: the marker and the apex SOA serial. */
  private void claimInEmulator(SyncMarker marker) {
    upsertInEmulator("_zonesync." + ZONE, "TXT", 300, marker.toTxtValue(DnsName.of(ZONE)));
    upsertInEmulator(
        ZONE,
        "SOA",
        900,
        "ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. "
            + marker.serial()
            + " 7200 900 1209600 86400");
  }

  private void upsertInEmulator(String name, String type, long ttl, String... values) {
    List<software.amazon.awssdk.services.route53.model.ResourceRecord> rr = new ArrayList<>();
    for (String v : values) {
      rr.add(
          software.amazon.awssdk.services.route53.model.ResourceRecord.builder().value(v).build());
    }
    moto.client()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .changeBatch(
                        cb ->
                            cb.changes(
                                c ->
                                    c.action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(name)
                                                    .type(type)
                                                    .ttl(ttl)
                                                    .resourceRecords(rr)))));
  }

  @Test
  void severalDeltasInOneAnswer_areFoldedAndSentInOneValidatedRequest() {
    named.nsupdate("update add one.corp.example. 300 A 192.0.2.101\nsend\n");
    named.nsupdate(
        "update delete one.corp.example. A\nupdate add one.corp.example. 600 A 192.0.2.102\nsend\n");
    named.nsupdate("update delete www.corp.example. A 192.0.2.12\nsend\n");

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(r.reads()).isEqualTo("none");
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(1, 1, 0));
    // this engine wrote the marker: one change request that Route 53 validates, nothing read
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ChangeResourceRecordSets", 1));
    assertThat(hostedData()).isEqualTo(masterMirror());
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void ixfrFromTheCurrentSerial_isAnsweredUpToDate() {
    DnsZoneSource src =
        new DnsZoneSource(
            DnsName.of(ZONE),
            List.of(Master.parse(named.hostPort())),
            TsigKey.fromBase64(DnsName.of(KEY), "hmac-sha256", secret),
            SourceLimits.DEFAULT);
    Deadline d = Deadline.after(Duration.ofSeconds(30));
    SourceSerial current = src.serial(d);
    IxfrOutcome o = src.ixfr(current, current.serial(), d);
    assertThat(o)
        .isInstanceOfSatisfying(
            IxfrOutcome.UpToDate.class, u -> assertThat(u.serial()).isEqualTo(current.serial()));
  }

  @Test
  void serialNotInTheJournal_fallsBackToTheWholeZone() {
    // the hosted zone claims a serial the master never had in its journal (consistent SOA and
    // marker)
    long fake = 2026112200L;
    SyncMarker m = currentMarker();
    claimInEmulator(
        new SyncMarker(Serial.of(fake), m.lineage(), m.rrsets(), m.cuts(), m.soa(), m.fullAt()));
    proxy.clear();

    ZoneReport r = sync(SyncOptions.DEFAULT);

    // the data already matches, but Route 53 claimed another serial: the commit moves it
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(r.previousSerial()).isEqualTo(fake);
    assertThat(r.sourceSerial()).isEqualTo(2026112201L);
    assertThat(r.reason()).contains("whole zone");
    SyncHarness.assertSerialHonest(zoneId, 2026112201L);
    assertThat(hostedData()).isEqualTo(masterMirror());
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void driftUnderATouchedName_isDetectedAndReconciledInTheSameRun() {
    // someone edits mail2 in Route 53; then the master changes mail2 too
    upsertInEmulator("mail2.corp.example.", "A", 600, "198.51.100.26");
    upsertInEmulator("www.corp.example.", "A", 3600, "203.0.113.1"); // drift elsewhere, too
    named.nsupdate(
        "update delete mail2.corp.example. A\nupdate add mail2.corp.example. 600 A 192.0.2.226\nsend\n");
    proxy.clear();

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.drift()).isTrue();
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains("drift").contains("mail2.corp.example.");
    assertThat(hostedData()).isEqualTo(masterMirror());
  }

  @Test
  void fullMode_convergesDriftTheSerialCannotSee() {
    upsertInEmulator("www.corp.example.", "A", 3600, "203.0.113.1");
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE); // serial unchanged
    assertThat(hostedData()).isNotEqualTo(masterMirror());

    ZoneReport r = sync(SyncOptions.FULL);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 1, 0));
    assertThat(hostedData()).isEqualTo(masterMirror());
  }

  @Test
  void masterSerialGoingBackwards_getsAFullSyncNeverIxfr() {
    SyncMarker m = currentMarker();
    long ahead = m.serial().value() + 1000;
    claimInEmulator(
        new SyncMarker(Serial.of(ahead), m.lineage(), m.rrsets(), m.cuts(), m.soa(), m.fullAt()));

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains("went backwards");
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void markerFromAnotherLineage_getsAFullSync() {
    SyncMarker m = currentMarker();
    claimInEmulator(
        new SyncMarker(
            m.serial(),
            DnsName.of("dc2.corp.example."),
            m.rrsets(),
            m.cuts(),
            m.soa(),
            m.fullAt()));
    named.nsupdate("update add lineage.corp.example. 300 A 192.0.2.55\nsend\n");

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains("lineage changed");
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(hostedData()).isEqualTo(masterMirror());
  }

  @Test
  void newDelegation_triggersAFullSync() {
    named.nsupdate(
        "update add sub.corp.example. 300 NS ns.sub.corp.example.\nupdate add ns.sub.corp.example. 300 A 10.9.0.1\nsend\n");
    ZoneReport r = sync(SyncOptions.DEFAULT);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains("delegation at sub.corp.example.");
    // the delegation and its glue are not Route 53's to hold: no data change, but the serial
    // moved (and the marker's cuts with it), so the run commits
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(SyncHarness.mirrorLines(zoneId))
        .filteredOn(l -> l.startsWith("_zonesync."))
        .singleElement()
        .asString()
        .endsWith(" \"cuts=branch,sub\"");
    SyncHarness.assertSerialHonest(zoneId, named.soaSerial(ZONE));
    assertThat(hostedData()).isEqualTo(masterMirror());
  }

  /**
   * Issue #10: an RFC 2317 cut ({@code 64/26}) needs escaping in the marker; an IXFR adding data
   * below it must skip it exactly as a full run does, and the marker must not change.
   */
  @Test
  void ixfrBelowAnEscapedCut_isSkippedAsInAFullRun_andTheMarkerStaysExact() {
    named.nsupdate("update add 64/26.corp.example. 3600 NS ns.other.example.\nsend\n");
    ZoneReport cut = sync(SyncOptions.DEFAULT);
    assertThat(cut.status()).as(cut.error()).isEqualTo(Status.APPLIED);
    SyncMarker before = currentMarker();
    assertThat(before.cuts()).contains(DnsName.of("64/26.corp.example."));

    named.nsupdate("update add 70.64/26.corp.example. 3600 PTR host70.example.\nsend\n");
    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(r.skipped())
        .extracting(ZoneReport.SkippedEntry::name, ZoneReport.SkippedEntry::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("70.64\\04726.corp.example.", "ZONE_CUT"));
    SyncMarker after = currentMarker();
    assertThat(after.cuts()).isEqualTo(before.cuts());
    assertThat(after.rrsets()).isEqualTo(before.rrsets());
    assertThat(hostedData()).isEqualTo(masterMirror());
    ZoneReport full = sync(SyncOptions.FULL);
    assertThat(full.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
  }
}
