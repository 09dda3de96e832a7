package dev.zonesync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.SyncHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Record;

/**
 * The answers of a Windows DNS server (an AD domain controller), from a {@link ScriptedMaster}:
 * transfers without TSIG (allowed by address, {@code tsig: none}), an AXFR whose first message
 * holds only the SOA, WINS and WINS-R records (reported, never sent), and IXFR answered with the
 * whole zone when the server cannot compute the difference.
 */
@Timeout(60)
class WindowsShapesIT {

  private ScriptedMaster dc;

  @AfterEach
  void stop() {
    if (dc != null) {
      dc.close();
    }
  }

  private static List<Record> zone(long serial, String fileserver) {
    return ScriptedMaster.parseZone(
        """
        $ORIGIN corp.example.
        $TTL 3600
        @ IN SOA dc1.corp.example. hostmaster.corp.example. %d 900 600 86400 3600
        @ IN NS dc1.corp.example.
        @ IN A 10.0.0.10
        dc1 IN A 10.0.0.11
        fileserver 1200 IN A %s
        ; WINS (65281) and WINS-R (65282), as Windows writes them into transfers
        @ IN TYPE65281 \\# 16 00000000 00000384 00000001 0a00000b
        @ IN TYPE65282 \\# 26 00000000 00000384 00000e10 04636f7270076578616d706c6500
        """
            .formatted(serial, fileserver),
        SyncHarness.ZONE);
  }

  private ZoneReport sync(String zoneId) {
    return SyncHarness.run(
        SyncHarness.engine(
            SyncHarness.Config.of(zoneId, dc.hostPort()).tsig("none"),
            "unused",
            SyncHarness.moto().endpoint()),
        SyncOptions.DEFAULT,
        Duration.ofSeconds(30));
  }

  @Test
  void domainController_unsignedSoaAloneFirstWinsRecordsAndWholeZoneIxfr_isMirroredExactly() {
    dc = ScriptedMaster.start(SyncHarness.ZONE, null, null, Duration.ZERO);
    dc.soa = ScriptedMaster.soa(SyncHarness.ZONE, "dc1.corp.example.", 100, 3600);
    dc.transfer = IxfrFallbackIT.soaAloneFirst(zone(100, "10.0.0.20"));
    String zoneId = SyncHarness.moto().createPrivateHostedZone(SyncHarness.ZONE);

    ZoneReport first = sync(zoneId);
    System.out.printf(
        "MASTERS-TABLE | scripted Windows | first sync, no TSIG, SOA alone in message 1 | %s | %s"
            + " | %s | %s%n",
        first.status(), first.transfer(), first.apiCalls(), first.reason());

    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
    assertThat(first.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(first.skipped())
        .extracting(
            ZoneReport.SkippedEntry::name,
            ZoneReport.SkippedEntry::type,
            ZoneReport.SkippedEntry::reason)
        .contains(
            tuple("corp.example.", "WINS", "UNSUPPORTED_TYPE"),
            tuple("corp.example.", "WINSR", "UNSUPPORTED_TYPE"));
    assertThat(SyncHarness.hostedData(zoneId))
        .containsExactlyInAnyOrder(
            "corp.example. 3600 IN A 10.0.0.10",
            "dc1.corp.example. 3600 IN A 10.0.0.11",
            "fileserver.corp.example. 1200 IN A 10.0.0.20");
    SyncHarness.assertSerialHonest(zoneId, 100);

    // the DC cannot compute the difference: it answers IXFR with the whole zone
    List<Record> next = zone(101, "10.0.0.21");
    dc.soa = ScriptedMaster.soa(SyncHarness.ZONE, "dc1.corp.example.", 101, 3600);
    dc.transfer = IxfrFallbackIT.soaAloneFirst(next);
    int before = dc.transfers();

    ZoneReport second = sync(zoneId);
    System.out.printf(
        "MASTERS-TABLE | scripted Windows | change, IXFR answered with the whole zone | %s | %s"
            + " | %s | %s%n",
        second.status(), second.transfer(), second.apiCalls(), second.reason());

    assertThat(second.status()).as(second.error()).isEqualTo(Status.APPLIED);
    assertThat(second.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(second.reason()).contains("the master answered IXFR with the whole zone");
    assertThat(dc.transfers() - before)
        .as("the whole-zone IXFR answer is used, no extra AXFR")
        .isEqualTo(1);
    assertThat(SyncHarness.hostedData(zoneId))
        .containsExactlyInAnyOrder(
            "corp.example. 3600 IN A 10.0.0.10",
            "dc1.corp.example. 3600 IN A 10.0.0.11",
            "fileserver.corp.example. 1200 IN A 10.0.0.21");
    SyncHarness.assertSerialHonest(zoneId, 101);
  }
}
