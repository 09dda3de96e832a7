package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
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
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Masters tried in order with per-master timeouts ({@code timeouts: {query: 500ms, transfer: 3s}}):
 * a dead first master costs one timeout and the next one is used; when every master is down the
 * zone fails inside the budget those timeouts (and the run's deadline) allow, naming every master.
 */
@Timeout(60)
class MasterFailoverIT {

  private static final long QUERY_MS = 500;
  private static final long TRANSFER_MS = 3000;

  private static Route53Proxy route53;

  private final String secret = NamedServer.generateTsigSecret();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private NamedServer named;
  private String zoneId;

  @BeforeAll
  static void route53() {
    route53 = Route53Proxy.in(SyncHarness.moto());
  }

  @AfterAll
  static void stopRoute53() {
    route53.close();
  }

  @BeforeEach
  void master() {
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, SyncHarness.sampleZone())
            .start();
    resources.add(named);
    zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
  }

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
        SyncHarness.engine(SyncHarness.Config.of(zoneId, masters), secret, route53.endpoint()),
        SyncOptions.DEFAULT,
        deadline);
  }

  private void syncFromTheGoodMaster() {
    ZoneReport r = sync(Duration.ofSeconds(30), named.hostPort());
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
  }

  @Test
  void masters_whenTheFirstIsBlackHoled_theSecondIsUsedAfterOneQueryTimeout() {
    DeadMaster hole = keep(DeadMaster.blackHole());
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofSeconds(30), hole.hostPort(), named.hostPort());

    long took = millisSince(t0);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.master()).isEqualTo(named.hostPort());
    assertThat(hole.datagrams()).as("the first master was asked").isGreaterThanOrEqualTo(1);
    assertThat(took).isBetween(QUERY_MS, QUERY_MS + 4_000);
    assertThat(hostedData(zoneId)).isEqualTo(masterMirror(zoneId, named.hostPort(), secret));
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }

  @Test
  void masters_whenTheFirstAnswersSoaButItsTransfersAreBlackHoled_theSecondTransfers() {
    FaultyPath firewalled = keep(FaultyPath.to(named)); // UDP passes, TCP is dropped
    firewalled.tcp.setFault(Fault.blackHole());
    long t0 = System.nanoTime();

    ZoneReport r = sync(Duration.ofSeconds(30), firewalled.hostPort(), named.hostPort());

    long took = millisSince(t0);
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.master()).isEqualTo(named.hostPort());
    assertThat(firewalled.tcp.connectionCount()).isGreaterThanOrEqualTo(1);
    assertThat(took).isBetween(TRANSFER_MS, TRANSFER_MS + 4_000);
    assertThat(hostedData(zoneId)).isEqualTo(masterMirror(zoneId, named.hostPort(), secret));
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }

  @Test
  void masters_whenAllAreDown_failsWithinTheQueryBudgetNamingEachMaster() {
    syncFromTheGoodMaster();
    List<String> before = content(zoneId);
    DeadMaster hole = keep(DeadMaster.blackHole());
    DeadMaster closed = DeadMaster.closedPort();
    String stopped = named.hostPort();
    named.stop();
    route53.clear();
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
    assertThat(route53.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(zoneId)).isEqualTo(before);
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }

  @Test
  void masters_whenMoreAreDownThanTheRunDeadlineAllows_failsAtTheDeadline() {
    syncFromTheGoodMaster();
    List<String> before = content(zoneId);
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
    assertThat(content(zoneId)).isEqualTo(before);
  }
}
