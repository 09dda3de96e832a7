package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.FULL;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a master can make zonesync hold is bounded ({@code limits.maxTransferRecords}, {@code
 * limits.maxTransferBytes}): over the limit the zone fails with an error naming the limit, and
 * nothing changes. TSIG is required unless a zone says {@code tsig: none} explicitly.
 */
@Timeout(60)
class SourcePolicyIT {

  @RegisterExtension static final FaultRig rig = FaultRig.sampleZone();

  private List<String> before;

  @BeforeEach
  void synced() {
    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(rig.zoneId(), rig.named().hostPort()),
                rig.secret(),
                rig.proxy().endpoint()));
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    before = content(rig.zoneId());
    rig.proxy().clear();
  }

  private ZoneReport fullSyncWith(String limits) {
    return run(
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), rig.named().hostPort()).extras("limits: " + limits),
            rig.secret(),
            rig.proxy().endpoint()),
        FULL,
        Duration.ofSeconds(30));
  }

  @Test
  void limits_whenTheTransferHasMoreRecordsThanAllowed_failsNamingTheLimitAndChangesNothing() {
    ZoneReport r = fullSyncWith("{maxTransferRecords: 20}");

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains(rig.named().hostPort())
        .contains("more than 20 records (limits.maxTransferRecords)");
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void limits_whenTheTransferHasMoreBytesThanAllowed_failsNamingTheLimitAndChangesNothing() {
    ZoneReport r = fullSyncWith("{maxTransferBytes: 1000}");

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains(rig.named().hostPort())
        .contains("exceeds 1000 bytes (limits.maxTransferBytes)");
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void tsig_whenAZoneDoesNotSayWhichKey_theConfigurationIsRefusedAndNothingRuns() {
    String yaml = SyncHarness.Config.of(rig.zoneId(), rig.named().hostPort()).tsig(null).yaml();

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(yaml, "t"));

    assertThat(e.getMessage())
        .contains("zones[0] (corp.example.).tsig: missing")
        .contains("tsig: none");
  }

  @Test
  void tsig_whenAZoneNamesAKeyThatIsNotDefined_theConfigurationIsRefused() {
    String yaml =
        SyncHarness.Config.of(rig.zoneId(), rig.named().hostPort()).tsig("no-such-key.").yaml();

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(yaml, "t"));

    assertThat(e.getMessage()).contains("zones[0] (corp.example.).tsig: no key named no-such-key.");
  }

  @Test
  void tsig_whenAZoneSaysNoneExplicitly_transfersUnsignedFromAMasterThatAllowsIt() {
    try (NamedServer open =
        NamedServer.builder().zoneText(ZONE, SyncHarness.sampleZone()).start()) { // no keys at all
      String fresh = SyncHarness.moto().createPrivateHostedZone(ZONE);

      ZoneReport r =
          run(
              SyncHarness.engine(
                  SyncHarness.Config.of(fresh, open.hostPort()).tsig("none"),
                  rig.secret(),
                  rig.proxy().endpoint()));

      assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
      assertThat(hostedData(fresh)).isEqualTo(masterMirror(fresh, open.hostPort(), null));
      assertSerialHonest(fresh, SAMPLE_SERIAL);
    }
  }
}
