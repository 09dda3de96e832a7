package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

@Timeout(120)
class TcpFaultProxyIT {
  private static final String ZONE = "xfr.example.";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
  private static NamedServer named;
  private static int fullSize;
  private TcpFaultProxy proxy;

  @BeforeAll
  static void startNamed() {
    // big enough that named sends the AXFR in many messages
    named =
        NamedServer.builder()
            .tsigKey("xfr-key.", "hmac-sha256", NamedServer.generateTsigSecret())
            .zoneText(ZONE, ZoneFiles.generate(ZONE, 3000, 1, 11))
            .start();
    fullSize = named.axfr(ZONE).size();
  }

  @AfterAll
  static void stopNamed() {
    if (named != null) {
      named.close();
    }
  }

  @BeforeEach
  void startProxy() {
    proxy = TcpFaultProxy.in(named);
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  private List<Record> axfrThroughProxy() throws Exception {
    ZoneTransferIn xfr =
        ZoneTransferIn.newAXFR(Name.fromString(ZONE), proxy.address(), named.key().toTsig());
    xfr.setTimeout(CLIENT_TIMEOUT);
    xfr.run();
    return xfr.getAXFR();
  }

  /** The TCP bytes of a TSIG-signed AXFR query for the zone: length prefix and message. */
  private int signedAxfrQueryBytes() throws Exception {
    org.xbill.DNS.Message q =
        org.xbill.DNS.Message.newQuery(
            Record.newRecord(
                Name.fromString(ZONE), org.xbill.DNS.Type.AXFR, org.xbill.DNS.DClass.IN));
    named.key().toTsig().apply(q, null);
    return 2 + q.toWire().length;
  }

  /** Runs an AXFR that must fail; returns the failure and asserts it came within {@code max}. */
  private Throwable failingAxfr(Duration max) {
    long t0 = System.nanoTime();
    Throwable t = catchThrowable(this::axfrThroughProxy);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(t).as("transfer should fail").isNotNull();
    assertThat(took).as("failure took %s", took).isLessThan(max);
    return t;
  }

  @Test
  void passThroughTransfersTheWholeZoneAndCountsMessages() throws Exception {
    assertThat(axfrThroughProxy()).hasSize(fullSize);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.fault()).isEqualTo("passThrough");
    assertThat(c.messagesToServer()).isEqualTo(1);
    assertThat(c.messagesToClient()).isGreaterThan(3);
    assertThat(c.bytesToClient()).isGreaterThan(50_000);
    assertThat(c.faultTriggered()).isFalse();
  }

  @Test
  void cutAfterMessagesEndsTheStreamBetweenMessages() {
    proxy.setFault(TcpFaultProxy.Fault.cutAfterMessages(2));
    Throwable t = failingAxfr(Duration.ofSeconds(2));
    assertThat(t).isInstanceOfAny(IOException.class, org.xbill.DNS.ZoneTransferException.class);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.messagesToClient()).isEqualTo(2);
    assertThat(c.faultTriggered()).isTrue();
    assertThat(c.open()).isFalse();
  }

  @Test
  void cutAfterBytesEndsTheStreamInsideAMessage() {
    proxy.setFault(TcpFaultProxy.Fault.cutAfterBytes(1000));
    Throwable t = failingAxfr(Duration.ofSeconds(2));
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isEqualTo(1000);
  }

  @Test
  void stallAfterMessagesHitsTheClientTimeout() {
    proxy.setFault(TcpFaultProxy.Fault.stallAfterMessages(1));
    Throwable t = failingAxfr(CLIENT_TIMEOUT.plusSeconds(3));
    assertThat(t).isInstanceOf(IOException.class);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.messagesToClient()).isEqualTo(1);
    assertThat(c.faultTriggered()).isTrue();
  }

  @Test
  void stallAfterBytesHitsTheClientTimeout() {
    proxy.setFault(TcpFaultProxy.Fault.stallAfterBytes(10));
    Throwable t = failingAxfr(CLIENT_TIMEOUT.plusSeconds(3));
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isEqualTo(10);
  }

  @Test
  void resetOnConnect() {
    proxy.setFault(TcpFaultProxy.Fault.resetOnConnect());
    Throwable t = failingAxfr(Duration.ofSeconds(2));
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isZero();
  }

  @Test
  void resetAfterBytesIsSeenAsConnectionReset() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.resetAfterBytes(200));
    Throwable t = failingAxfr(Duration.ofSeconds(2));
    assertThat(t).isInstanceOf(IOException.class);
    // a plain socket client sees the RST as "Connection reset"
    proxy.setFault(TcpFaultProxy.Fault.resetOnConnect());
    try (Socket s = new Socket(TestProcesses.loopback(), proxy.port())) {
      s.setSoTimeout(2000);
      InputStream in = s.getInputStream();
      Throwable r = catchThrowable(in::read);
      assertThat(r).isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
    }
  }

  @Test
  void resetAfterMessages() {
    proxy.setFault(TcpFaultProxy.Fault.resetAfterMessages(1));
    assertThat(failingAxfr(Duration.ofSeconds(2))).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).messagesToClient()).isEqualTo(1);
  }

  @Test
  void refuseClosesAtOnce() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.refuse());
    assertThat(failingAxfr(Duration.ofSeconds(2))).isInstanceOf(IOException.class);
    try (Socket s = new Socket(TestProcesses.loopback(), proxy.port())) {
      s.setSoTimeout(2000);
      assertThat(s.getInputStream().read()).isEqualTo(-1); // FIN, no data
    }
  }

  @Test
  void blackHoleNeverAnswers() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.blackHole());
    assertThat(failingAxfr(CLIENT_TIMEOUT.plusSeconds(3))).isInstanceOf(IOException.class);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.bytesToServer()).isEqualTo(signedAxfrQueryBytes()); // the query arrived …
    assertThat(c.bytesToClient()).isZero(); // … and nothing came back
  }

  @Test
  void queuedFaultsApplyToTheNextConnectionsThenTheDefault() throws Exception {
    proxy.enqueue(TcpFaultProxy.Fault.cutAfterMessages(1), TcpFaultProxy.Fault.refuse());
    assertThat(catchThrowable(this::axfrThroughProxy))
        .isInstanceOfAny(IOException.class, org.xbill.DNS.ZoneTransferException.class);
    assertThat(catchThrowable(this::axfrThroughProxy)).isInstanceOf(IOException.class);
    assertThat(axfrThroughProxy()).hasSize(fullSize);
    assertThat(proxy.connections())
        .extracting(TcpFaultProxy.ConnectionStats::fault)
        .containsExactly("cutAfterMessages(1)", "refuse", "passThrough");
    assertThat(proxy.connectionCount()).isEqualTo(3);
  }

  @Test
  void closeEndsStalledConnections() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.stallAfterBytes(0));
    try (Socket s = new Socket(TestProcesses.loopback(), proxy.port())) {
      s.setSoTimeout(5000);
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (proxy.connectionCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      proxy.close();
      long t0 = System.nanoTime();
      Throwable t = catchThrowable(() -> s.getInputStream().read());
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      assertThat(t == null || t instanceof IOException).isTrue();
    }
  }
}
