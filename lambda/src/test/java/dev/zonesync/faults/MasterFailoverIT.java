package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.millisSince;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Masters tried in order with per-master timeouts ({@code timeouts: {query: 500ms, transfer: 3s}}):
 * a dead first master costs one timeout and the next one is used; when every master is down the
 * zone fails inside the budget those timeouts (and the run's deadline) allow, naming every master.
 */
@Timeout(60)
class MasterFailoverIT {

  private static final long QUERY_MS = 500;
  private static final long TRANSFER_MS = 3000;

  @RegisterExtension static final FaultRig rig = FaultRig.sampleZone();

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : resources) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private ZoneReport sync(Duration deadline, String... masters) {
    return run(
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), masters), rig.secret(), rig.proxy().endpoint()),
        SyncOptions.DEFAULT,
        deadline);
  }

  private void syncFromTheGoodMaster() {
    ZoneReport r = sync(Duration.ofSeconds(30), rig.named().hostPort());
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
  }

  @Test
  void masters_whenTheFirstIsBlackHoled_theSecondIsUsedAfterOneQueryTimeout() {
    DeadMaster hole = keep(DeadMaster.blackHole());
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofSeconds(30), hole.hostPort(), rig.named().hostPort());

    long took = millisSince(t0);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.master()).isEqualTo(rig.named().hostPort());
    assertThat(hole.datagrams()).as("the first master was asked").isGreaterThanOrEqualTo(1);
    assertThat(took).isBetween(QUERY_MS, QUERY_MS + 4_000);
    assertThat(hostedData(rig.zoneId()))
        .isEqualTo(masterMirror(rig.zoneId(), rig.named().hostPort(), rig.secret()));
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void masters_whenTheFirstAnswersSoaButItsTransfersAreBlackHoled_theSecondTransfers() {
    FaultyPath firewalled = keep(FaultyPath.to(rig.named())); // UDP passes, TCP is dropped
    firewalled.tcp.setFault(Fault.blackHole());
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofSeconds(30), firewalled.hostPort(), rig.named().hostPort());

    long took = millisSince(t0);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.master()).isEqualTo(rig.named().hostPort());
    assertThat(firewalled.tcp.connectionCount()).isGreaterThanOrEqualTo(1);
    assertThat(took).isBetween(TRANSFER_MS, TRANSFER_MS + 4_000);
    assertThat(hostedData(rig.zoneId()))
        .isEqualTo(masterMirror(rig.zoneId(), rig.named().hostPort(), rig.secret()));
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void masters_whenAllAreDown_failsWithinTheQueryBudgetNamingEachMaster() {
    syncFromTheGoodMaster();
    List<String> before = content(rig.zoneId());
    DeadMaster hole = keep(DeadMaster.blackHole());
    DeadMaster closed = DeadMaster.closedPort();
    String stopped = rig.named().hostPort();
    rig.named().stop();
    rig.proxy().clear();
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofSeconds(30), hole.hostPort(), closed.hostPort(), stopped);

    long took = millisSince(t0);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains("failed on all 3 master(s)")
        .contains(hole.hostPort())
        .contains(closed.hostPort())
        .contains(stopped);
    // three masters, 500 ms each at most; far inside the run's 30 s deadline
    assertThat(took).isLessThan(3 * QUERY_MS + 2_000);
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void masters_whenMoreAreDownThanTheRunDeadlineAllows_failsAtTheDeadline() {
    syncFromTheGoodMaster();
    List<String> before = content(rig.zoneId());
    List<String> holes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      holes.add(keep(DeadMaster.blackHole()).hostPort());
    }
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofMillis(1200), holes.toArray(String[]::new));

    long took = millisSince(t0);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains("not tried, run deadline reached").contains(holes.get(0));
    assertThat(took).as("6 x 500 ms of timeouts cut to the 1.2 s deadline").isLessThan(2_500L);
    assertThat(content(rig.zoneId())).isEqualTo(before);
  }
}
