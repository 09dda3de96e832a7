package dev.zonesync.masters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.TsigKey;
import dev.zonesync.source.DnsZoneSource;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What every real master must pass, run against one server per class (shared by its tests, which
 * build on each other in order): an AXFR with TSIG of the rich sample zone into an empty hosted
 * zone, a run with no change, a change made the server's own way (applied exactly, by IXFR where
 * the server serves it), and an AXFR of a 20 000-RRset zone in many messages.
 *
 * <p>Expected content never comes from zonesync's own code: the rich zone's is the hand-reviewed
 * {@code samples/corp.example.mirror} (edited here by hand for the change), the generated zone's is
 * the generator's zone text as dnsjava parses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
abstract class MasterContract {

  static final String ZONE = SyncHarness.ZONE;
  static final String BIG = "big.example.";
  static final int BIG_RRSETS = 20_000;
  static final long SAMPLE_SERIAL = SyncHarness.SAMPLE_SERIAL;
  static final String BIG_TEXT = ZoneFiles.generate(BIG, BIG_RRSETS, 1, 20_000);

  private DnsMaster master;
  private String zoneId;
  private String secret;

  /** The server's name in messages and in the results table. */
  abstract String label();

  /** The TSIG algorithm this server is tested with. */
  abstract String algorithm();

  abstract DnsMaster start(DnsMaster.Key key, DnsMaster.Zone... zones);

  /**
   * The change, the server's own way: {@code mail2} A 192.0.2.26 → 192.0.2.27 and a new {@code www2
   * 300 A 192.0.2.99}; returns the new serial.
   */
  abstract long change(DnsMaster master);

  /** The sample zone's text as this server is given it (the file, unless it misreads something). */
  String sampleText() {
    return SyncHarness.sampleZone();
  }

  /** How the server sends that change: IXFR, or AXFR when it answers IXFR with the whole zone. */
  abstract TransferKind changeTransfer();

  @BeforeAll
  void startMaster() {
    secret = NamedServer.generateTsigSecret();
    master =
        start(
            new DnsMaster.Key(SyncHarness.KEY, algorithm(), secret),
            new DnsMaster.Zone(ZONE, sampleText()),
            new DnsMaster.Zone(BIG, BIG_TEXT));
    zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
  }

  @AfterAll
  void stopMaster() {
    if (master != null) {
      master.close();
    }
  }

  private ZoneReport sync() {
    String yaml =
        "version: 1\n"
            + "tsigKeys:\n  - name: "
            + SyncHarness.KEY
            + "\n    algorithm: "
            + algorithm()
            + "\n    secret: {env: "
            + SyncHarness.SECRET_ENV
            + "}\n"
            + "route53: {requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}\n"
            + "zones:\n  - name: "
            + ZONE
            + "\n    hostedZoneId: "
            + zoneId
            + "\n    masters: [\""
            + master.hostPort()
            + "\"]\n    tsig: "
            + SyncHarness.KEY
            + "\n    timeouts: {query: 2s, transfer: 20s}\n";
    ZoneReport r =
        SyncHarness.run(
            SyncHarness.engine(yaml, secret, MotoServer.shared().endpoint()),
            SyncOptions.DEFAULT,
            Duration.ofSeconds(60));
    return r;
  }

  /** One row of the master × scenario table the suite prints (grep {@code MASTERS-TABLE}). */
  private void row(String scenario, ZoneReport r) {
    System.out.printf(
        "MASTERS-TABLE | %s | %s | %s | %s | %s | %s%n",
        label(), scenario, r.status(), r.transfer(), r.apiCalls(), r.reason());
  }

  private static List<String> golden() {
    return SyncHarness.golden("corp.example.mirror");
  }

  /** The hosted zone in the golden file's format, apex NS and SOA left out. */
  private List<String> mirror() {
    return SyncHarness.mirrorLines(SyncHarness.moto(), zoneId, ZONE);
  }

  @Test
  @Order(1)
  void richZone_firstSync_isAnAxfrThatMirrorsTheGoldenFile() throws IOException {
    ZoneReport r = sync();
    row("rich zone, first sync", r);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(mirror()).containsExactlyInAnyOrderElementsOf(golden());
    SyncHarness.assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }

  @Test
  @Order(2)
  void richZone_noChange_isUpToDateWithoutATransferOrAWrite() {
    ZoneReport r = sync();
    row("rich zone, no change", r);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.transfer()).isEqualTo(TransferKind.NONE);
    // README: an unchanged zone costs 1 Route 53 call, the marker read
    assertThat(r.apiCalls())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ListResourceRecordSets", 1, "total", 1));
  }

  @Test
  @Order(3)
  void richZone_changedTheServersWay_isAppliedExactly() throws IOException {
    long serial = change(master);
    assertThat(serial).isEqualTo(SAMPLE_SERIAL + 1);

    ZoneReport r = sync();
    row("rich zone, change", r);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).as(r.reason()).isEqualTo(changeTransfer());
    assertThat(r.drift()).as(r.reason()).isNull();
    List<String> want = new ArrayList<>();
    for (String line : golden()) {
      if (line.startsWith("mail2.corp.example. A ")) {
        want.add("mail2.corp.example. A 600 192.0.2.27");
      } else if (line.startsWith("_zonesync.corp.example. TXT ")) {
        want.add(
            line.replace("serial=" + SAMPLE_SERIAL, "serial=" + serial)
                .replace("rrsets=33", "rrsets=34"));
      } else {
        want.add(line);
      }
    }
    want.add("www2.corp.example. A 300 192.0.2.99");
    assertThat(mirror()).containsExactlyInAnyOrderElementsOf(want);
    SyncHarness.assertSerialHonest(zoneId, serial);

    ZoneReport again = sync();
    row("rich zone, no change after the change", again);
    assertThat(again.status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  @Order(4)
  void bigZone_axfr_deliversEveryRecordTheGeneratorWrote() {
    DnsZoneSource source =
        new DnsZoneSource(
            DnsName.of(BIG),
            List.of(Master.parse(master.hostPort())),
            TsigKey.fromBase64(DnsName.of(SyncHarness.KEY), algorithm(), secret),
            SourceLimits.DEFAULT);

    Transfer t = source.axfr(null, Deadline.after(Duration.ofSeconds(60)));
    System.out.printf(
        "MASTERS-TABLE | %s | %d-RRset zone, AXFR | OK | AXFR | %d messages, %d records, %d ms |%n",
        label(), BIG_RRSETS, t.messages(), t.records(), t.duration().toMillis());

    assertThat(t.messages()).as("a transfer of many messages").isGreaterThan(10);
    assertThat(rrsets(t)).isEqualTo(generated());
  }

  /** The generator's RRsets (SOA left out) as dnsjava parses its text: name type ttl {rdata}. */
  private static Map<String, Set<String>> generated() {
    Map<String, Set<String>> out = new TreeMap<>();
    try (org.xbill.DNS.Master m =
        new org.xbill.DNS.Master(
            new java.io.ByteArrayInputStream(
                BIG_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Name.fromString(BIG))) {
      Record r;
      while ((r = m.nextRecord()) != null) {
        if (r.getType() != Type.SOA) {
          out.computeIfAbsent(key(r.getName(), r.getType(), r.getTTL()), k -> new TreeSet<>())
              .add(r.rdataToString());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The transfer's RRsets, each value re-read by dnsjava so both sides print alike. */
  private static Map<String, Set<String>> rrsets(Transfer t) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (RRset s : t.snapshot().rrsets()) {
      try {
        Name name = Name.fromString(s.name().text());
        int type = s.type().code();
        Set<String> values = new TreeSet<>();
        for (String v : s.values()) {
          values.add(
              Record.fromString(name, type, DClass.IN, s.ttl(), v, Name.root).rdataToString());
        }
        out.put(key(name, type, s.ttl()), values);
      } catch (IOException e) {
        throw new IllegalStateException(s + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String key(Name name, int type, long ttl) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + " " + Type.string(type) + " " + ttl;
  }
}
