package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy.Fault;
import dev.zonesync.testing.ZoneFiles;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real masters of one zone: the preferred one (first in the list, behind a path whose TCP a
 * test can cut) answers the SOA query, then its transfer fails. The second may stand in only if it
 * has the same history: at least the serial the sync was decided from, and the same SOA MNAME. A
 * lagging secondary would roll Route 53 back and mark it at the older serial.
 */
@Timeout(90)
class LaggingMasterIT {

  @RegisterExtension static final FaultRig rig = FaultRig.sampleZone();

  private FaultyPath preferred;
  private NamedServer other;

  @BeforeEach
  void preferredMasterBehindAPath() {
    preferred = FaultyPath.to(rig.named());
  }

  @AfterEach
  void stop() {
    preferred.close();
    if (other != null) {
      other.close();
    }
  }

  /** A second master of the zone, with the test's key: the sample zone at {@code serial}. */
  private NamedServer other(long serial, String mname) {
    String text =
        ZoneFiles.bumpSerial(SyncHarness.sampleZone(), serial)
            .replaceFirst("SOA\\s+ns1\\.corp\\.example\\.", "SOA " + mname);
    other =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", rig.secret())
            .zoneText(ZONE, text)
            .start();
    return other;
  }

  private ZoneReport sync() {
    return run(
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), preferred.hostPort(), other.hostPort()),
            rig.secret(),
            rig.proxy().endpoint()));
  }

  @Test
  void axfr_whenThePreferredMasterFailsAndTheOtherLags_failsAndLeavesRoute53Untouched() {
    NamedServer lagging = other(SAMPLE_SERIAL, "ns1.corp.example.");
    ZoneReport first = sync();
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
    rig.named().nsupdate("update add new-1.corp.example. 300 IN A 192.0.2.201\nsend\n");
    ZoneReport second = sync();
    assertThat(second.status()).as(second.error()).isEqualTo(Status.APPLIED);
    long held = rig.named().soaSerial(ZONE);
    assertThat(SyncHarness.hostedSerial(rig.zoneId())).isEqualTo(held);
    // the master moves on; the secondary never got either change
    rig.named().nsupdate("update add new-2.corp.example. 300 IN A 192.0.2.202\nsend\n");
    long newest = rig.named().soaSerial(ZONE);
    assertThat(lagging.soaSerial(ZONE)).isEqualTo(SAMPLE_SERIAL);
    List<String> before = content(rig.zoneId());
    rig.proxy().clear();
    preferred.tcp.setFault(Fault.resetOnConnect()); // SOA (UDP) answers, transfers fail

    ZoneReport r = sync();

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains(
            "zone corp.example., master "
                + lagging.hostPort()
                + " serves serial "
                + SAMPLE_SERIAL
                + ", older than "
                + newest
                + " answered by "
                + preferred.hostPort()
                + ": not used (it lags); Route 53 keeps what it holds until a master at "
                + newest
                + " or newer transfers — check replication to "
                + lagging.hostPort());
    assertThat(preferred.tcp.connectionCount()).as("the preferred master was tried").isPositive();
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before).anyMatch(l -> l.contains("new-1."));
    assertSerialHonest(rig.zoneId(), held);
  }

  @Test
  void axfr_whenThePreferredMasterFailsAndTheOtherHasTheSameSerial_transfersFromTheOther() {
    NamedServer same = other(SAMPLE_SERIAL, "ns1.corp.example.");
    preferred.tcp.setFault(Fault.resetOnConnect());

    ZoneReport r = sync();

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.master()).isEqualTo(same.hostPort());
    assertThat(preferred.udpRelayed()).as("the preferred master answered the SOA").isPositive();
    assertThat(hostedData(rig.zoneId()))
        .isEqualTo(masterMirror(rig.zoneId(), same.hostPort(), rig.secret()));
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void axfr_whenThePreferredMasterFailsAndTheOtherIsOfAnotherLineage_failsWithoutUsingIt() {
    NamedServer dc2 = other(SAMPLE_SERIAL + 10, "dc2.corp.example.");
    List<String> before = content(rig.zoneId());
    preferred.tcp.setFault(Fault.resetOnConnect());

    ZoneReport r = sync();

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains(
            "zone corp.example., master "
                + dc2.hostPort()
                + " serves the zone of dc2.corp.example. (SOA MNAME), not of ns1.corp.example."
                + " whose serial "
                + SAMPLE_SERIAL
                + " "
                + preferred.hostPort()
                + " answered: not used in this run");
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
  }
}
