package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.testing.SyncHarness;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The SOA query asks again over TCP when a master refuses it over UDP, as Knot DNS does for a
 * catalog zone it generates (it answers those only over TCP, with the transfer key); a master that
 * answers over UDP is never asked over TCP, and one that refuses both ways is reported refused.
 */
class UdpThenTcpTest {

  private static final DnsName ZONE = DnsName.of("catalog.corp.example.");
  private static final String SOA =
      "catalog.corp.example. 0 IN SOA invalid. invalid. 1796644576 3600 600 2147483646 0";

  /** A master on one loopback port, UDP and TCP, each transport answering as it is told. */
  private static final class TwoTransports implements AutoCloseable {
    final DatagramSocket udp;
    final ServerSocket tcp;
    final List<String> asked = new CopyOnWriteArrayList<>();
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    volatile boolean closed;

    TwoTransports(boolean udpRefuses, boolean tcpRefuses) throws IOException {
      DatagramSocket u = null;
      ServerSocket t = null;
      for (int i = 0; i < 20 && t == null; i++) {
        u = new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), 0));
        try {
          t = new ServerSocket();
          t.bind(new InetSocketAddress(SyncHarness.loopback(), u.getLocalPort()));
        } catch (IOException taken) {
          t = null;
          u.close();
        }
      }
      if (t == null) {
        throw new IllegalStateException("no loopback port free for both UDP and TCP");
      }
      this.udp = u;
      this.tcp = t;
      executor.execute(() -> serveUdp(udpRefuses));
      executor.execute(() -> serveTcp(tcpRefuses));
    }

    Master master() {
      return new Master("127.0.0.1", udp.getLocalPort());
    }

    InetSocketAddress address() {
      return new InetSocketAddress(SyncHarness.loopback(), udp.getLocalPort());
    }

    private static byte[] answer(byte[] wire, boolean refuse) throws IOException {
      Message q = new Message(wire);
      Message r = ScriptedResponder.reply(q, !refuse);
      if (refuse) {
        r.getHeader().setRcode(Rcode.REFUSED);
      } else {
        r.addRecord(ScriptedResponder.record(SOA), Section.ANSWER);
      }
      return r.toWire(Message.MAXLENGTH);
    }

    private void serveUdp(boolean refuse) {
      byte[] buf = new byte[65535];
      while (!closed) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          udp.receive(p);
          asked.add("udp");
          byte[] out = answer(Arrays.copyOf(p.getData(), p.getLength()), refuse);
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        } catch (IOException e) {
          if (closed) {
            return;
          }
        }
      }
    }

    private void serveTcp(boolean refuse) {
      while (!closed) {
        try (Socket s = tcp.accept()) {
          DataInputStream in = new DataInputStream(s.getInputStream());
          byte[] wire = new byte[in.readUnsignedShort()];
          in.readFully(wire);
          asked.add("tcp");
          byte[] out = answer(wire, refuse);
          DataOutputStream o = new DataOutputStream(s.getOutputStream());
          o.writeShort(out.length);
          o.write(out);
          o.flush();
        } catch (IOException e) {
          if (closed) {
            return;
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      closed = true;
      udp.close();
      tcp.close();
      executor.shutdownNow();
    }
  }

  private TwoTransports master;

  @AfterEach
  void stop() throws IOException {
    if (master != null) {
      master.close();
    }
  }

  private SourceSerial ask() {
    return SoaQuery.query(ZONE, master.master(), master.address(), null, Duration.ofSeconds(2));
  }

  @Test
  void soaQuery_refusedOverUdp_isAskedAgainOverTcp() throws IOException {
    master = new TwoTransports(true, false);

    SourceSerial s = ask();

    assertThat(s.serial()).isEqualTo(Serial.of(1796644576L));
    assertThat(master.asked).containsExactly("udp", "tcp");
  }

  @Test
  void soaQuery_answeredOverUdp_neverUsesTcp() throws IOException {
    master = new TwoTransports(false, false);

    ask();

    assertThat(master.asked).containsExactly("udp");
  }

  @Test
  void soaQuery_refusedBothWays_isReportedRefused() throws IOException {
    master = new TwoTransports(true, true);

    SourceException e = catchThrowableOfType(SourceException.class, this::ask);

    assertThat(e)
        .hasMessageContaining("zone catalog.corp.example.")
        .hasMessageContaining("REFUSED");
    assertThat(master.asked).containsExactly("udp", "tcp");
  }
}
