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
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
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

  /**
   * Runs an AXFR that must fail; returns the failure after checking what ended it: the client's
   * timeout (a stall, a black hole), or else the connection itself (a cut, a reset, a refusal) —
   * which shows that the fault acted at once without timing anything.
   */
  private Throwable failingAxfr(boolean byClientTimeout) {
    Throwable t = catchThrowable(this::axfrThroughProxy);
    assertThat(t).as("transfer should fail").isNotNull();
    assertThat(timedOut(t)).as("ended by the client's timeout: %s", t).isEqualTo(byClientTimeout);
    return t;
  }

  /** Whether a failure (or its cause) is a timeout. */
  private static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.SocketTimeoutException
          || (c.getMessage() != null && c.getMessage().toLowerCase().contains("timed out"))) {
        return true;
      }
    }
    return false;
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
    Throwable t = failingAxfr(false);
    assertThat(t).isInstanceOfAny(IOException.class, org.xbill.DNS.ZoneTransferException.class);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.messagesToClient()).isEqualTo(2);
    assertThat(c.faultTriggered()).isTrue();
    assertThat(c.open()).isFalse();
  }

  @Test
  void cutAfterBytesEndsTheStreamInsideAMessage() {
    proxy.setFault(TcpFaultProxy.Fault.cutAfterBytes(1000));
    Throwable t = failingAxfr(false);
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isEqualTo(1000);
  }

  @Test
  void stallAfterMessagesHitsTheClientTimeout() {
    proxy.setFault(TcpFaultProxy.Fault.stallAfterMessages(1));
    Throwable t = failingAxfr(true);
    assertThat(t).isInstanceOf(IOException.class);
    TcpFaultProxy.ConnectionStats c = proxy.connections().get(0);
    assertThat(c.messagesToClient()).isEqualTo(1);
    assertThat(c.faultTriggered()).isTrue();
  }

  @Test
  void stallAfterBytesHitsTheClientTimeout() {
    proxy.setFault(TcpFaultProxy.Fault.stallAfterBytes(10));
    Throwable t = failingAxfr(true);
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isEqualTo(10);
  }

  @Test
  void resetOnConnect() {
    proxy.setFault(TcpFaultProxy.Fault.resetOnConnect());
    Throwable t = failingAxfr(false);
    assertThat(t).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).bytesToClient()).isZero();
  }

  @Test
  void resetAfterBytesIsSeenAsConnectionReset() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.resetAfterBytes(200));
    Throwable t = failingAxfr(false);
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
    assertThat(failingAxfr(false)).isInstanceOf(IOException.class);
    assertThat(proxy.connections().get(0).messagesToClient()).isEqualTo(1);
  }

  @Test
  void refuseClosesAtOnce() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.refuse());
    assertThat(failingAxfr(false)).isInstanceOf(IOException.class);
    try (Socket s = new Socket(TestProcesses.loopback(), proxy.port())) {
      s.setSoTimeout(2000);
      assertThat(s.getInputStream().read()).isEqualTo(-1); // FIN, no data
    }
  }

  @Test
  void blackHoleNeverAnswers() throws Exception {
    proxy.setFault(TcpFaultProxy.Fault.blackHole());
    assertThat(failingAxfr(true)).isInstanceOf(IOException.class);
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
      s.setSoTimeout(30_000);
      long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (proxy.connectionCount() == 0) {
        assertThat(System.nanoTime()).as("the proxy accepted the connection").isLessThan(giveUp);
        Thread.sleep(5);
      }
      proxy.close();
      // the close ends the stalled connection: end of stream or a reset, never the read timeout
      int[] read = {0};
      Throwable t = catchThrowable(() -> read[0] = s.getInputStream().read());
      if (t == null) {
        assertThat(read[0]).as("end of stream").isEqualTo(-1);
      } else {
        assertThat(t).isInstanceOf(IOException.class);
        assertThat(timedOut(t)).as("ended by the read timeout: %s", t).isFalse();
      }
    }
  }
}
