package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.millisSince;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Masters tried in order with per-master timeouts ({@code timeouts: {query: 500ms, transfer: 3s}}):
 * a dead first master costs one timeout and the next one is used; when every master is down the
 * zone fails naming every master, and the masters after the run's deadline are never asked.
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
    // it waited out the first master's query timeout before moving on (a lower bound: more load
    // only makes it later)
    assertThat(took).isGreaterThanOrEqualTo(QUERY_MS);
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
    // it waited out the first master's transfer timeout before moving on
    assertThat(took).isGreaterThanOrEqualTo(TRANSFER_MS);
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

    ZoneReport r = sync(Duration.ofSeconds(30), hole.hostPort(), closed.hostPort(), stopped);

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains("failed on all 3 master(s)")
        .contains(hole.hostPort())
        .contains(closed.hostPort())
        .contains(stopped);
    // each master failed on its own (a timeout, a refusal): none was left untried for want of
    // time, the run's 30 s deadline was not what ended it
    assertThat(r.error()).doesNotContain("not tried");
    assertThat(hole.datagrams()).as("the black hole was asked").isGreaterThanOrEqualTo(1);
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void masters_whenMoreAreDownThanTheRunDeadlineAllows_failsAtTheDeadline() {
    syncFromTheGoodMaster();
    List<String> before = content(rig.zoneId());
    List<DeadMaster> dead = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      dead.add(keep(DeadMaster.blackHole()));
    }
    // the run's deadline passes once the second master has been asked (an event, not a time):
    // that query still runs to its own timeout, and no master after it is tried
    LongSupplier runClock =
        () -> dead.stream().filter(d -> d.datagrams() > 0).count() >= 2 ? Long.MAX_VALUE / 4 : 0L;

    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(
                    rig.zoneId(), dead.stream().map(DeadMaster::hostPort).toArray(String[]::new)),
                rig.secret(),
                rig.proxy().endpoint()),
            SyncOptions.DEFAULT,
            Deadline.after(Duration.ofSeconds(30), runClock));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains("failed on all 6 master(s)");
    for (int i = 0; i < 6; i++) {
      if (i < 2) {
        assertThat(dead.get(i).datagrams()).as("master %d was asked", i + 1).isNotZero();
        assertThat(r.error())
            .contains(dead.get(i).hostPort())
            .doesNotContain(dead.get(i).hostPort() + ": not tried");
      } else {
        assertThat(dead.get(i).datagrams()).as("master %d was not asked", i + 1).isZero();
        assertThat(r.error())
            .contains(dead.get(i).hostPort() + ": not tried, run deadline reached");
      }
    }
    assertThat(content(rig.zoneId())).isEqualTo(before);
  }
}
