package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53TextReader;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hosted zone was synced from one master; now a master answers whose serial cannot continue
 * that history: the same master's serial went backwards (restored from backup, reset), or another
 * master (an AD domain controller naming itself in the SOA) answers with a serial of its own. Each
 * must end in a full AXFR sync — never IXFR, whose deltas would be relative to another history —
 * say why in the report, and leave Route 53 equal to the new master's zone with an honest marker.
 */
@Timeout(60)
class SerialLineageIT {

  @RegisterExtension static final FaultRig rig = FaultRig.sampleZone();

  private NamedServer first;
  private NamedServer second;

  @BeforeEach
  void syncedFromTheFirstMaster() {
    first = rig.named();
    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(rig.zoneId(), first.hostPort()),
                rig.secret(),
                rig.proxy().endpoint()));
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    first.close();
  }

  @AfterEach
  void stop() {
    first.close();
    if (second != null) {
      second.close();
    }
  }

  /** The sample zone with another serial, SOA MNAME, and one record only this master has. */
  private NamedServer secondMaster(long serial, String mname) {
    String text =
        ZoneFiles.bumpSerial(SyncHarness.sampleZone(), serial)
                .replaceFirst("SOA\\s+ns1\\.corp\\.example\\.", "SOA " + mname)
            + "\nonly-here IN A 192.0.2.222\n";
    second =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", rig.secret())
            .zoneText(ZONE, text)
            .start();
    return second;
  }

  private ZoneReport syncFrom(NamedServer master) {
    return run(
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), master.hostPort()),
            rig.secret(),
            rig.proxy().endpoint()));
  }

  private void assertFullSyncApplied(
      ZoneReport r, NamedServer master, long serial, String lineage) {
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(master.log()).contains("AXFR started").doesNotContain("IXFR started");
    assertThat(hostedData(rig.zoneId()))
        .isEqualTo(masterMirror(rig.zoneId(), master.hostPort(), rig.secret()));
    assertSerialHonest(rig.zoneId(), serial);
    assertThat(markerLineage()).isEqualTo(lineage);
  }

  /** The marker's lineage, read by the tests' own reader (not zonesync's marker parser). */
  private String markerLineage() {
    String marker =
        SyncHarness.moto().listAll(rig.zoneId()).stream()
            .filter(r -> Route53TextReader.name(r.name()).equals("_zonesync." + ZONE))
            .map(r -> Route53TextReader.value("TXT", r.resourceRecords().get(0).value()))
            .findFirst()
            .orElseThrow();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^\"zonesync=1 serial=\\d+ lineage=(\\S+) ")
            .matcher(marker);
    assertThat(m.find()).as("a lineage in %s", marker).isTrue();
    return m.group(1);
  }

  @Test
  void serial_whenTheMastersSerialWentBackwards_isAFullAxfrSyncSaidInTheReport() {
    NamedServer restored = secondMaster(SAMPLE_SERIAL - 100, "ns1.corp.example.");

    ZoneReport r = syncFrom(restored);

    assertThat(r.reason()).contains("older than the applied").contains("went backwards");
    assertThat(r.previousSerial()).isEqualTo(SAMPLE_SERIAL);
    assertThat(r.sourceSerial()).isEqualTo(SAMPLE_SERIAL - 100);
    assertFullSyncApplied(r, restored, SAMPLE_SERIAL - 100, "ns1.corp.example.");
  }

  @Test
  void serial_whenAnotherMasterAnswersWithANewerSerialOfItsOwn_isAFullAxfrSyncNotIxfr() {
    NamedServer dc2 = secondMaster(SAMPLE_SERIAL + 5, "dc2.corp.example.");

    ZoneReport r = syncFrom(dc2);

    assertThat(r.reason()).contains("lineage changed").contains("dc2.corp.example.");
    assertFullSyncApplied(r, dc2, SAMPLE_SERIAL + 5, "dc2.corp.example.");
  }

  @Test
  void serial_whenAnotherMasterAnswersWithTheSameSerialNumber_isNotTakenAsUpToDate() {
    NamedServer dc2 = secondMaster(SAMPLE_SERIAL, "dc2.corp.example.");

    ZoneReport r = syncFrom(dc2);

    assertThat(r.reason()).contains("lineage changed");
    assertThat(r.changes().create()).isEqualTo(1); // only-here
    assertFullSyncApplied(r, dc2, SAMPLE_SERIAL, "dc2.corp.example.");
    assertThat(syncFrom(dc2).status()).isEqualTo(Status.UP_TO_DATE);
  }
}
