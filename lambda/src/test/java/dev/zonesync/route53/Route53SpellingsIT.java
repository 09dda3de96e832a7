package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Engine;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * zonesync reads back every spelling Route 53 produces. A real {@code named} serves the zone; the
 * hosted zone was filled beforehand by someone else — the console, another tool — straight through
 * the API, with the same data written otherwise: names sent unescaped and in upper case (which the
 * stand-in, as Route 53, lists lower-cased and octal-escaped), AAAA uncompressed, targets without
 * their trailing dot, fingerprints in upper-case hex, TXT with Route 53's octal escapes. zonesync
 * must see that the hosted zone already holds the master's data (zero planned changes; it only
 * writes its serial commit), and when the master drops those RRsets it must delete them as they are
 * stored (the stand-in refuses a DELETE whose values are not the stored text). Route 53's content
 * is compared with the master's by {@link IndependentMirror} (kdig and named-compilezone), not by
 * zonesync's code.
 */
@Timeout(120)
class Route53SpellingsIT {

  private static final String ZONE = "spell.example.";

  private static final String MASTER =
      """
      $ORIGIN spell.example.
      $TTL 300
      @            3600 IN SOA ns1 hostmaster 2026120701 3600 600 86400 300
      @            3600 IN NS  ns1
      ns1               IN A   192.0.2.53
      *.w               IN A   192.0.2.1
      a\\@b              IN A   192.0.2.2
      x\\/y              IN TXT "slash"
      Mixed.Case        IN A   192.0.2.3
      v6                IN AAAA 2001:db8::1
      alias             IN CNAME target.example.com.
      mx                IN MX  10 mail.example.com.
      ssh               IN SSHFP 1 1 0123456789abcdef0123456789abcdef01234567
      _443._tcp.tls     IN TLSA 3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6
      txt               IN TXT "caf\\195\\169" "say \\"hi\\""
      """;

  /** The same data as another tool writes it, sent as is (name, type, value). */
  private static final List<String[]> WRITTEN_ELSEWHERE =
      List.of(
          new String[] {"NS1.spell.example.", "A", "192.0.2.53"},
          new String[] {"*.W.spell.example.", "A", "192.0.2.1"},
          new String[] {"a@b.spell.example.", "A", "192.0.2.2"},
          new String[] {"x/y.spell.example.", "TXT", "\"slash\""},
          new String[] {"MIXED.case.SPELL.example.", "A", "192.0.2.3"},
          new String[] {"v6.spell.example.", "AAAA", "2001:0DB8:0000:0000:0000:0000:0000:0001"},
          new String[] {"alias.spell.example.", "CNAME", "target.example.com"},
          new String[] {"mx.spell.example.", "MX", "10 mail.example.com"},
          new String[] {
            "ssh.spell.example.", "SSHFP", "1 1 0123456789ABCDEF0123456789ABCDEF01234567"
          },
          new String[] {
            "_443._TCP.tls.spell.example.",
            "TLSA",
            "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"
          },
          new String[] {"txt.spell.example.", "TXT", "\"caf\\303\\251\" \"say \\\"hi\\\"\""});

  private final String secret = NamedServer.generateTsigSecret();
  private final MotoServer moto = MotoServer.shared();
  private NamedServer named;
  private String zoneId;

  @BeforeEach
  void start() {
    named =
        NamedServer.builder()
            .tsigKey(SyncHarness.KEY, "hmac-sha256", secret)
            .zoneText(ZONE, MASTER)
            .start();
    zoneId = moto.createPrivateHostedZone(ZONE);
    List<Change> changes = new ArrayList<>();
    for (String[] w : WRITTEN_ELSEWHERE) {
      changes.add(
          Change.builder()
              .action(ChangeAction.CREATE)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name(w[0])
                      .type(w[1])
                      .ttl(300L)
                      .resourceRecords(ResourceRecord.builder().value(w[2]).build())
                      .build())
              .build());
    }
    moto.client()
        .changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(changes)));
  }

  @AfterEach
  void stop() {
    named.close();
  }

  private Engine engine() {
    return SyncHarness.engine(
        new SyncHarness.Config(
            ZONE,
            zoneId,
            List.of(named.hostPort()),
            SyncHarness.KEY,
            "{query: 2s, transfer: 10s}",
            "",
            "{requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}"),
        secret,
        moto.endpoint());
  }

  private Set<String> master() {
    return IndependentMirror.expected(
        ZONE, IndependentMirror.axfr(named.hostPort(), ZONE, SyncHarness.KEY, secret));
  }

  private Set<String> hosted() {
    return IndependentMirror.hosted(ZONE, moto.listAll(zoneId));
  }

  private static ZoneReport run(Engine engine, SyncOptions options) {
    return SyncHarness.run(engine, options, Duration.ofSeconds(60));
  }

  @Test
  void everySpellingRoute53Lists_isReadBackWithZeroPlannedChanges_andDeletedWhenTheMasterDropsIt() {
    // what the stand-in lists is Route 53's spelling, not what was sent
    assertThat(moto.listAll(zoneId))
        .extracting(ResourceRecordSet::name)
        .contains(
            "\\052.w.spell.example.",
            "a\\100b.spell.example.",
            "x\\057y.spell.example.",
            "mixed.case.spell.example.",
            "_443._tcp.tls.spell.example.")
        .doesNotContain("*.W.spell.example.", "a@b.spell.example.", "MIXED.case.SPELL.example.");
    assertThat(hosted()).as("the other tool's data is the master's").isEqualTo(master());

    Engine engine = engine();
    ZoneReport first = run(engine, SyncOptions.DEFAULT);

    assertThat(first.status()).as("%s", first.error()).isEqualTo(Status.APPLIED);
    assertThat(first.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(first.plan())
        .as("only the serial commit: the apex SOA and the marker")
        .extracting(ZoneReport.PlannedChange::name)
        .containsOnly(ZONE, "_zonesync." + ZONE);
    assertThat(hosted()).isEqualTo(master());
    assertThat(SyncHarness.hostedSerial(zoneId)).isEqualTo(2026120701L);

    for (SyncOptions again : List.of(SyncOptions.DEFAULT, SyncOptions.FORCED, SyncOptions.FULL)) {
      ZoneReport r = run(engine, again);
      assertThat(r.status()).as("%s: %s", again, r.error()).isEqualTo(Status.UP_TO_DATE);
      assertThat(r.changes()).as("%s", again).isIn(null, new ZoneReport.Counts(0, 0, 0));
    }

    // the master drops every RRset the other tool wrote (ns1 stays: the apex NS needs it)
    named.nsupdate(
        """
        update delete *.w.spell.example. A
        update delete a\\@b.spell.example. A
        update delete x\\/y.spell.example. TXT
        update delete mixed.case.spell.example. A
        update delete v6.spell.example. AAAA
        update delete alias.spell.example. CNAME
        update delete mx.spell.example. MX
        update delete ssh.spell.example. SSHFP
        update delete _443._tcp.tls.spell.example. TLSA
        update delete txt.spell.example. TXT
        send
        """);
    // 10 of the 11 RRsets go: far over the safety threshold, so the run is forced
    ZoneReport dropped = run(engine, SyncOptions.FORCED);

    assertThat(dropped.status()).as("%s", dropped.error()).isEqualTo(Status.APPLIED);
    assertThat(dropped.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 10));
    assertThat(hosted()).isEqualTo(master());
    assertThat(hosted()).containsExactly("ns1.spell.example. 300 IN A 192.0.2.53");
    ZoneReport full = run(engine, SyncOptions.FULL);
    assertThat(full.status()).as("%s", full.error()).isEqualTo(Status.UP_TO_DATE);
  }
}
