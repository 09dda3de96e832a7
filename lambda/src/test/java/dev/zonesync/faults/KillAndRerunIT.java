package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.hostedSerial;
import static dev.zonesync.testing.SyncHarness.markerSerial;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.FaultRule;
import dev.zonesync.testing.HttpFault;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import dev.zonesync.testing.ZoneFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI process killed with {@code kill -9} in the middle of a large initial load, between
 * batches: no shutdown hook, no finally block runs. The hosted zone must hold only complete batches
 * and no serial commit; the next run must converge, and the serial must be committed exactly once —
 * in the last request of the run that finished.
 */
@Timeout(120)
class KillAndRerunIT {

  private static final long SERIAL = 2026112201L;

  @RegisterExtension
  final FaultRig rig = FaultRig.zone(() -> ZoneFiles.generate(ZONE, 2000, SERIAL, 9));

  // one test swaps in a larger master (closed here; the rig closes its own)
  private NamedServer named;

  @BeforeEach
  void setUp() {
    named = rig.named();
  }

  @AfterEach
  void tearDown() {
    named.close();
  }

  private String config() {
    return SyncHarness.Config.of(rig.zoneId(), named.hostPort())
        .extras("batch: {maxValues: 100}")
        .yaml();
  }

  /** Successful ChangeResourceRecordSets calls, in order. */
  private List<WireCall.ChangeBatch> applied() {
    return rig.proxy().calls("ChangeResourceRecordSets").stream()
        .filter(c -> c.status() == 200)
        .map(c -> c.changeBatch().orElseThrow())
        .toList();
  }

  private static boolean commits(WireCall.ChangeBatch b) {
    return b.changes().stream()
        .anyMatch(c -> c.type().equals("SOA") || c.name().startsWith("_zonesync."));
  }

  @Test
  void cli_whenKilledBetweenBatchesOfALargeInitialLoad_theNextRunConvergesAndCommitsOnce()
      throws Exception {
    // slow requests so the kill lands in the middle of the load
    rig.proxy()
        .addFault(
            FaultRule.always(
                "ChangeResourceRecordSets", HttpFault.latency(Duration.ofMillis(250))));
    CliProcess first =
        CliProcess.start(config(), rig.secret(), rig.proxy().endpoint(), List.of(), Map.of());
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (rig.proxy().calls("ChangeResourceRecordSets").size() < 5) {
      assertThat(first.process.isAlive()).as("CLI exited early: %s", first.stderr()).isTrue();
      assertThat(System.nanoTime()).as("five batches went out").isLessThan(until);
      Thread.sleep(20);
    }
    first.kill9();
    // a request in flight at the kill still reaches Route 53 (as with AWS): wait until the proxy
    // has handled and recorded everything the killed process sent
    long drained = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rig.proxy().openConnections() > 0) {
      assertThat(System.nanoTime())
          .as("the proxy finished the killed CLI's requests")
          .isLessThan(drained);
      Thread.sleep(20);
    }

    Set<String> desired = masterMirror(rig.zoneId(), named.hostPort(), rig.secret());
    int appliedBeforeKill = applied().size();
    assertThat(first.process.exitValue()).isEqualTo(137); // 128 + SIGKILL
    assertThat(appliedBeforeKill).isGreaterThanOrEqualTo(5);
    assertThat(applied()).noneMatch(KillAndRerunIT::commits);
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    Set<String> partial = hostedData(rig.zoneId());
    assertThat(desired).containsAll(partial);
    assertThat(partial).hasSizeLessThan(desired.size());

    rig.proxy().clearFaults();
    CliProcess second =
        CliProcess.start(config(), rig.secret(), rig.proxy().endpoint(), List.of(), Map.of());

    assertThat(second.await(Duration.ofSeconds(60))).as(second.stderr()).isZero();
    JsonNode report = second.zoneReport();
    assertThat(report.path("status").asText()).isEqualTo("APPLIED");
    assertThat(report.path("changes").path("create").asLong())
        .isEqualTo(desired.size() - partial.size());
    assertThat(hostedData(rig.zoneId())).isEqualTo(desired);
    assertSerialHonest(rig.zoneId(), SERIAL);
    List<WireCall.ChangeBatch> all = applied();
    assertThat(all.stream().filter(KillAndRerunIT::commits)).as("serial commits").hasSize(1);
    assertThat(commits(all.getLast())).as("the commit is the last request").isTrue();
  }

  /**
   * 200,000 records in a 48 MB heap: without the limit the same run dies of OutOfMemoryError
   * (checked by hand when this test was written); with it, the transfer stops at the limit and the
   * zone fails with a report.
   */
  @Test
  void cli_whenAHugeZoneExceedsMaxTransferRecords_failsCleanlyInASmallHeap() {
    named.close();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", rig.secret())
            .zoneText(ZONE, ZoneFiles.generate(ZONE, 200_000, SERIAL, 3))
            .startTimeout(Duration.ofSeconds(60))
            .start();
    String yaml =
        SyncHarness.Config.of(rig.zoneId(), named.hostPort())
            .extras("limits: {maxTransferRecords: 10000}")
            .yaml();

    CliProcess cli =
        CliProcess.start(yaml, rig.secret(), rig.proxy().endpoint(), List.of("-Xmx48m"), Map.of());

    assertThat(cli.await(Duration.ofSeconds(60))).as(cli.stderr()).isEqualTo(1);
    JsonNode report = cli.zoneReport();
    assertThat(report.path("status").asText()).isEqualTo("FAILED");
    assertThat(report.path("error").asText())
        .contains(named.hostPort())
        .contains("more than 10000 records (limits.maxTransferRecords)");
    assertThat(cli.stderr()).doesNotContain("OutOfMemoryError");
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
  }
}
