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

import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy;
import dev.zonesync.testing.TcpFaultProxy.Fault;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Zone transfers cut, reset or stalled on the wire between a real named and the engine (through a
 * TCP fault proxy; SOA queries over UDP pass untouched). The hosted zone holds an earlier complete
 * sync; the master has changed since. Every broken transfer must fail the zone, name the master,
 * and leave Route 53 exactly as it was, serial and marker included.
 */
@Timeout(60)
class TransferCutIT {

  // small messages: the sample zone's AXFR spans several, so there is a "middle"
  @RegisterExtension
  static final FaultRig rig = FaultRig.sampleZone().namedOptions("transfer-message-size 512;");

  private FaultyPath path;
  private Engine engine;
  private List<String> before;

  /** Messages and bytes of a complete AXFR of the changed zone, as the proxy counted them. */
  private static long axfrMessages;

  private static long axfrBytes;

  @BeforeEach
  void syncedThenChangedOnTheMaster() throws Exception {
    path = FaultyPath.to(rig.named());
    engine =
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), path.hostPort()),
            rig.secret(),
            rig.proxy().endpoint());
    ZoneReport first = run(engine);
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
    rig.named()
        .nsupdate(
            """
        update add added.corp.example. 300 A 192.0.2.77
        update delete www.corp.example. A 192.0.2.12
        send
        """);
    ZoneTransferIn probe =
        ZoneTransferIn.newAXFR(
            Name.fromString(ZONE), path.tcp.address(), rig.named().key().toTsig());
    probe.setTimeout(Duration.ofSeconds(10));
    probe.run();
    TcpFaultProxy.ConnectionStats stats = path.tcp.connections().getLast();
    axfrMessages = stats.messagesToClient();
    axfrBytes = stats.bytesToClient();
    assertThat(axfrMessages).as("the AXFR must span several messages").isGreaterThanOrEqualTo(4);
    path.tcp.clear();
    before = content(rig.zoneId());
    rig.proxy().clear();
  }

  @AfterEach
  void stop() {
    path.close();
  }

  static Stream<Arguments> cutPoints() {
    return Stream.of(
        cut("before the first byte", () -> Fault.cutAfterBytes(0), "connection closed"),
        cut("inside the first message's header", () -> Fault.cutAfterBytes(7), "connection closed"),
        cut("after the first message", () -> Fault.cutAfterMessages(1), "connection closed"),
        cut(
            "mid-zone",
            () -> Fault.cutAfterMessages((int) (axfrMessages / 2)),
            "connection closed"),
        cut(
            "before the message with the closing SOA",
            () -> Fault.cutAfterMessages((int) (axfrMessages - 1)),
            "connection closed"),
        cut(
            "inside the closing SOA",
            () -> Fault.cutAfterBytes(axfrBytes - 12),
            "connection closed"),
        cut("reset on connect", () -> Fault.resetOnConnect(), "AXFR"),
        cut("reset mid-zone", () -> Fault.resetAfterMessages(2), "AXFR"),
        cut("accepted and closed at once", () -> Fault.refuse(), "connection closed"));
  }

  private static Arguments cut(String point, Supplier<Fault> fault, String cause) {
    return Arguments.of(point, fault, cause);
  }

  @ParameterizedTest(name = "AXFR cut {0}")
  @MethodSource("cutPoints")
  void transfer_whenCut_failsAndLeavesRoute53Unchanged(
      String point, Supplier<Fault> fault, String cause) {
    path.tcp.setFault(fault.get());

    ZoneReport r = run(engine, FULL, Duration.ofSeconds(30));

    assertThat(r.status()).as("%s", r).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(path.hostPort()).contains(cause);
    assertThat(path.tcp.connections()).anyMatch(TcpFaultProxy.ConnectionStats::faultTriggered);
    assertThat(rig.proxy().calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void transfer_whenIxfrAndItsAxfrFallbackAreBothCut_failsAndLeavesRoute53Unchanged() {
    path.tcp.setFault(Fault.cutAfterBytes(7));

    ZoneReport r = run(engine);

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(path.hostPort()).contains("AXFR").contains("connection closed");
    assertThat(path.tcp.connections()).hasSizeGreaterThanOrEqualTo(2); // IXFR, then AXFR
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void transfer_whenIxfrIsCutButTheAxfrFallbackCompletes_appliesTheMastersZone() {
    path.tcp.enqueue(Fault.cutAfterBytes(7)); // the IXFR; the AXFR after it passes

    ZoneReport r = run(engine);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains("IXFR failed");
    assertThat(hostedData(rig.zoneId()))
        .isEqualTo(masterMirror(rig.zoneId(), rig.named().hostPort(), rig.secret()));
    assertSerialHonest(rig.zoneId(), rig.named().soaSerial(ZONE));
  }

  @Test
  void transfer_whenMasterStallsMidZone_failsWithinTheTransferTimeout() {
    path.tcp.setFault(Fault.stallAfterMessages(2));

    // the run's deadline never passes (its clock stands still): only timeouts.transfer (3 s) can
    // end the stall, and if it did not, the class's @Timeout would fail the test
    ZoneReport r = run(engine, FULL, Deadline.after(Duration.ofSeconds(30), () -> 0L));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(path.hostPort()).contains("stalled");
    assertThat(content(rig.zoneId())).isEqualTo(before);
    assertSerialHonest(rig.zoneId(), SAMPLE_SERIAL);
  }

  @Test
  void transfer_whenRunDeadlineIsShorterThanTheTransferTimeout_stopsAtTheDeadline() {
    path.tcp.setFault(Fault.stallAfterMessages(1));

    // timeouts.transfer (10 min) cannot end the stall before the class's @Timeout (60 s) fails the
    // test: only the run's 5 s deadline can
    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(rig.zoneId(), path.hostPort())
                    .timeouts("{query: 2s, transfer: 10m}"),
                rig.secret(),
                rig.proxy().endpoint()),
            FULL,
            Duration.ofSeconds(5));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(path.hostPort()).contains("stalled");
    assertThat(content(rig.zoneId())).isEqualTo(before);
  }
}
