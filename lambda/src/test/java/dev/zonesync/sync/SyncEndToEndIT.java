package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zonesync.Samples;
import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.model.Deadline;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.MovableClock;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import dev.zonesync.testing.ZoneFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The engine end to end against a real BIND 9 {@code named} (TSIG, dynamic zone, nsupdate) and a
 * real Route 53 API (moto's server), with every Route 53 request recorded on the wire by a proxy.
 */
class SyncEndToEndIT {

  private static final String ZONE = "corp.example.";
  private static final String KEY = "zonesync-transfer.";
  private static final String SECRET_ENV = "ZS_TSIG_SECRET";

  /** The pinned "now" of the runs whose marker times the tests check. */
  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-30T09:12:40Z");

  private static MotoServer moto;
  private static Route53Proxy proxy;
  private static Route53Client route53;

  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private String zoneId;

  @BeforeAll
  static void emulator() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    route53 =
        Route53Clients.create(
            dev.zonesync.config.Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void master() {
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zone(ZONE, Samples.sample("corp.example.zone"))
            .start();
    zoneId = moto.createPrivateHostedZone(ZONE);
    proxy.clear();
  }

  @AfterEach
  void stopMaster() {
    named.close();
  }

  private String config(String zoneExtras, String tsig) {
    return "version: 1\n"
        + "tsigKeys:\n  - name: "
        + KEY
        + "\n    secret: {env: "
        + SECRET_ENV
        + "}\n"
        + "zones:\n  - name: "
        + ZONE
        + "\n    hostedZoneId: "
        + zoneId
        + "\n    masters: [\""
        + named.hostPort()
        + "\"]\n    tsig: "
        + tsig
        + "\n"
        + zoneExtras;
  }

  private Engine engine(String yaml, String secretValue) {
    Settings settings = ConfigParser.parse(yaml, "it");
    return Engines.create(
        settings,
        route53,
        new DnsSourceFactory(new LocalSecretResolver(Map.of(SECRET_ENV, secretValue), null)));
  }

  private ZoneReport sync(SyncOptions options) {
    return sync(engine(config("", KEY), secret), options);
  }

  private static ZoneReport sync(Engine engine, SyncOptions options) {
    return engine.run(List.of(), options, Deadline.after(Duration.ofMinutes(2))).zones().get(0);
  }

  /**
   * One run as a fresh engine (a cold container) makes it, on {@code clock}: the time a full
   * reconcile records in the marker is then the test's, not whichever second the run fell in.
   */
  private ZoneReport sync(java.time.Clock clock, SyncOptions options) {
    Settings settings = ConfigParser.parse(config("", KEY), "it");
    ZoneSynchronizer synchronizer =
        SyncHarness.synchronizer(
            settings,
            route53,
            new DnsSourceFactory(new LocalSecretResolver(Map.of(SECRET_ENV, secret), null)),
            clock);
    return synchronizer.sync(
        settings.zones().get(0), options, Deadline.after(Duration.ofMinutes(2)));
  }

  /** The emulator's content in the golden-file format, apex NS/SOA left out. */
  private List<String> mirror() {
    return SyncHarness.mirrorLines(zoneId);
  }

  private long hostedSerial() {
    return SyncHarness.hostedSerial(zoneId);
  }

  private static List<String> golden() {
    return SyncHarness.golden("corp.example.mirror");
  }

  private int transfersServed() {
    Matcher m = Pattern.compile("transfer of '[^']*': AXFR started").matcher(named.log());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void initialSync_mirrorsTheRichSampleZoneAndReportsWhatItSkips() throws IOException {
    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(mirror()).containsExactlyInAnyOrderElementsOf(golden());
    assertThat(hostedSerial()).isEqualTo(2026112201L);
    assertThat(r.skipped())
        .extracting(
            ZoneReport.SkippedEntry::name,
            ZoneReport.SkippedEntry::type,
            ZoneReport.SkippedEntry::reason)
        .containsExactlyInAnyOrder(
            tuple("branch.corp.example.", "NS", "ZONE_CUT"),
            tuple("branch.corp.example.", "DS", "ZONE_CUT"),
            tuple("ns1.branch.corp.example.", "A", "ZONE_CUT"),
            tuple("ns2.branch.corp.example.", "A", "ZONE_CUT"),
            tuple("corp.example.", "NS", "APEX_NS"),
            tuple("hq.corp.example.", "LOC", "UNSUPPORTED_TYPE"),
            tuple("legacy.corp.example.", "HINFO", "UNSUPPORTED_TYPE"),
            // Route 53 does not accept a space in a record name
            tuple("spaced\\032name.corp.example.", "TXT", "UNSUPPORTED_NAME"));
    // nothing skipped was sent
    for (WireCall c : proxy.calls("ChangeResourceRecordSets")) {
      for (WireCall.Change ch : c.changeBatch().orElseThrow().changes()) {
        assertThat(ch.type()).isNotIn("HINFO", "LOC");
        assertThat(ch.name()).doesNotContain("branch.corp.example").doesNotContain("spaced");
      }
    }
    assertThat(r.apiCalls()).containsEntry("ChangeResourceRecordSets", 1);
  }

  @Test
  void secondRun_isUpToDateWithoutTransferInOneCall() {
    sync(SyncOptions.DEFAULT);
    int transfersBefore = transfersServed();
    proxy.clear();

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.transfer()).isEqualTo(TransferKind.NONE);
    assertThat(r.path()).isEqualTo("serial-check");
    assertThat(transfersServed()).isEqualTo(transfersBefore);
    // README: an unchanged zone costs 1 Route 53 call, the marker read
    assertThat(proxy.countsByOperation())
        .containsExactlyEntriesOf(Map.of("ListResourceRecordSets", 1));
    assertThat(r.apiCalls())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ListResourceRecordSets", 1, "total", 1));
  }

  @Test
  void changesOnTheMaster_areAppliedExactlyAndThenNothingMore() throws IOException {
    MovableClock clock = new MovableClock(T0);
    assertThat(sync(clock, SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    named.nsupdate(
        """
        update add added.corp.example. 300 A 192.0.2.77
        update delete ipv6only.corp.example. AAAA
        update delete mail2.corp.example. A
        update add mail2.corp.example. 900 A 192.0.2.26
        update delete dc2.corp.example. A
        update add dc2.corp.example. 3600 A 192.0.2.142
        update delete api-backend.corp.example. A
        update add api-backend.corp.example. 3600 CNAME dc1.corp.example.
        send
        """);
    proxy.clear();

    ZoneReport r = sync(clock, SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(2, 2, 2));
    List<String> sent = new ArrayList<>();
    for (WireCall c : proxy.calls("ChangeResourceRecordSets")) {
      for (WireCall.Change ch : c.changeBatch().orElseThrow().changes()) {
        sent.add(
            ch.action() + " " + ch.name() + " " + ch.type() + " " + ch.ttl() + " " + ch.values());
      }
    }
    long newSerial = named.soaSerial(ZONE);
    // one request Route 53 validates: every replaced or removed RRset a DELETE of exactly what was
    // written before, every new one a CREATE; the SOA an UPSERT; the marker replaced
    assertThat(sent.subList(0, sent.size() - 2))
        .containsExactlyInAnyOrder(
            "CREATE added.corp.example. A 300 [192.0.2.77]",
            "DELETE ipv6only.corp.example. AAAA 3600 [2001:db8::1]",
            "DELETE mail2.corp.example. A 600 [192.0.2.26]",
            "CREATE mail2.corp.example. A 900 [192.0.2.26]",
            "DELETE dc2.corp.example. A 3600 [192.0.2.42]",
            "CREATE dc2.corp.example. A 3600 [192.0.2.142]",
            "DELETE api-backend.corp.example. A 3600 [192.0.2.70]",
            "CREATE api-backend.corp.example. CNAME 3600 [dc1.corp.example.]",
            "UPSERT corp.example. SOA 900 [ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. "
                + newSerial
                + " 7200 900 1209600 86400]");
    assertThat(sent.get(sent.size() - 2))
        .startsWith("DELETE _zonesync.corp.example. TXT 300 [\"zonesync=1 serial=2026112201 ");
    // the marker keeps the time of the last full reconcile (the first run's, on the test's clock)
    assertThat(sent.get(sent.size() - 1))
        .isEqualTo(
            "CREATE _zonesync.corp.example. TXT 300 [\"zonesync=1 serial="
                + newSerial
                + " lineage=ns1.corp.example. rrsets=33 full="
                + T0.getEpochSecond()
                + "\" \"soa=900 ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. 7200 900 1209600"
                + " 86400\" \"cuts=branch\"]");
    assertThat(hostedSerial()).isEqualTo(newSerial);
    // incremental and optimistic: the marker read, then the one request; no touched name read
    assertThat(r.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(r.reads()).isEqualTo("none");
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ListResourceRecordSets", 1, "ChangeResourceRecordSets", 1));

    ZoneReport after = sync(clock, SyncOptions.DEFAULT);
    assertThat(after.status()).isEqualTo(Status.UP_TO_DATE);

    // a forced run reconciles in full and records its time in the marker: within the second the
    // marker already holds (the first run's), that is no change and nothing is sent
    proxy.clear();
    ZoneReport sameSecond = sync(clock, SyncOptions.FORCED);
    assertThat(sameSecond.status()).as(sameSecond.error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(sameSecond.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(sameSecond.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(sameSecond.batches()).isZero();
    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();

    // a second later: exactly one request, the marker's new reconcile time and nothing else
    clock.advance(Duration.ofSeconds(1));
    proxy.clear();
    ZoneReport forced = sync(clock, SyncOptions.FORCED);
    assertThat(forced.status()).as(forced.error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(forced.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(forced.batches()).isEqualTo(1);
    assertThat(proxy.calls("ChangeResourceRecordSets"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.changeBatch().orElseThrow().changes())
                    .singleElement()
                    .satisfies(
                        ch -> {
                          assertThat(ch.action()).isEqualTo("UPSERT");
                          assertThat(ch.name()).isEqualTo("_zonesync.corp.example.");
                          assertThat(ch.type()).isEqualTo("TXT");
                          assertThat(ch.values())
                              .singleElement()
                              .asString()
                              .contains(" full=" + (T0.getEpochSecond() + 1) + "\"");
                        }));
  }

  @Test
  void bigInitialLoad_usesTheFewestRequestsTheLimitsAllow() {
    named.close();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, ZoneFiles.generate(ZONE, 5000, 2026112201L, 7))
            .start();
    proxy.clear();

    ZoneReport r = sync(SyncOptions.DEFAULT);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    List<WireCall.ChangeBatch> batches = proxy.changeBatches();
    long values = 0;
    long chars = 0;
    for (WireCall.ChangeBatch b : batches) {
      assertThat(b.valueCount()).isLessThanOrEqualTo(1000);
      assertThat(b.valueChars()).isLessThanOrEqualTo(32_000);
      values += b.valueCount();
      chars += b.valueChars();
    }
    long lowerBound = Math.max((values + 999) / 1000, (chars + 31_999) / 32_000);
    assertThat(batches).hasSize((int) lowerBound);
    assertThat(r.batches()).isEqualTo(batches.size());
    assertThat(r.batchesLowerBound()).isEqualTo((int) lowerBound);
    // the serial commit travels in the last request
    assertThat(batches.get(batches.size() - 1).changes()).anyMatch(c -> c.type().equals("SOA"));
    for (int i = 0; i < batches.size() - 1; i++) {
      assertThat(batches.get(i).changes()).noneMatch(c -> c.type().equals("SOA"));
    }
    System.out.printf(
        "bigInitialLoad: %d RRsets, %d ChangeResourceRecordSets (lower bound %d), %s, %d ms%n",
        r.changes().create(),
        batches.size(),
        lowerBound,
        proxy.countsByOperation(),
        r.durationMs());
  }

  @Test
  void engine_callsExactlyTheRoute53ActionsTheStackGrants() throws IOException {
    // A big first load (the RRset-quota check needs > 9 000), an up-to-date run, an incremental
    // change and a full
    // reconcile: every Route 53 operation the engine has. The role grants AwsActions.HOSTED_ZONE.
    named.close();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, ZoneFiles.generate(ZONE, 9_100, 2026112201L, 7))
            .start();
    proxy.clear();
    java.util.Set<String> seen = new java.util.TreeSet<>();
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    seen.addAll(proxy.countsByOperation().keySet());
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.UP_TO_DATE);
    named.nsupdate("update add added.corp.example. 300 A 192.0.2.77\nsend\n");
    assertThat(sync(SyncOptions.DEFAULT).status()).isEqualTo(Status.APPLIED);
    // nothing changed since the incremental run: a full reconcile finds nothing to change
    assertThat(sync(SyncOptions.FULL).status()).isEqualTo(Status.UP_TO_DATE);
    seen.addAll(proxy.countsByOperation().keySet());

    assertThat(seen.stream().map(op -> "route53:" + op))
        .containsExactlyInAnyOrderElementsOf(dev.zonesync.contract.AwsActions.HOSTED_ZONE);
  }

  @Test
  void wrongOrMissingTsigKey_failsTheZoneAndLeavesRoute53Alone() {
    String wrong = NamedServer.generateTsigSecret();
    ZoneReport bad = sync(engine(config("", KEY), wrong), SyncOptions.DEFAULT);
    assertThat(bad.status()).isEqualTo(Status.FAILED);
    assertThat(bad.error())
        .contains(named.hostPort())
        .contains("BADSIG")
        .doesNotContain(wrong)
        .doesNotContain(secret);

    ZoneReport none = sync(engine(config("", "none"), secret), SyncOptions.DEFAULT);
    assertThat(none.status()).isEqualTo(Status.FAILED);
    assertThat(none.error()).contains(named.hostPort()).containsIgnoringCase("refused");

    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(hostedSerial()).isEqualTo(1);
  }

  @Test
  void planOverTheDeleteThreshold_isRejectedUntilForced() {
    sync(SyncOptions.DEFAULT);
    StringBuilder deletes = new StringBuilder();
    for (String n :
        List.of(
            "www",
            "ipv6only",
            "intranet",
            "portal",
            "dc1",
            "dc2",
            "host1",
            "mail1",
            "mail2",
            "_spf",
            "sipserver",
            "quoted",
            "long")) {
      deletes.append("update delete ").append(n).append(".corp.example.\n");
    }
    named.nsupdate(deletes + "send\n");
    List<String> before = mirror();
    proxy.clear();

    ZoneReport rejected = sync(SyncOptions.DEFAULT);
    assertThat(rejected.status()).isEqualTo(Status.REJECTED);
    assertThat(rejected.error()).contains("maxDeleteFraction");
    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(mirror()).containsExactlyInAnyOrderElementsOf(before);

    ZoneReport forced = sync(SyncOptions.FORCED);
    assertThat(forced.status()).as(forced.error()).isEqualTo(Status.APPLIED);
    assertThat(forced.changes().delete()).isGreaterThanOrEqualTo(13);
    assertThat(mirror()).noneMatch(l -> l.startsWith("www.corp.example."));
  }

  @Test
  void dryRun_reportsThePlanAndChangesNothing() throws IOException {
    ZoneReport r = sync(SyncOptions.DRY_RUN);
    assertThat(r.status()).isEqualTo(Status.DRY_RUN);
    assertThat(r.plan()).extracting(ZoneReport.PlannedChange::name).contains("www.corp.example.");
    // every golden line but the marker is a create; the marker is part of the commit
    assertThat(r.changes().create()).isEqualTo(golden().size() - 1);
    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(mirror()).isEmpty();
    assertThat(hostedSerial()).isEqualTo(1);
  }
}
