package dev.zonesync.faults;

import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TcpFaultProxy;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network path to a named master as one {@code host:port}: TCP (zone transfers) through a
 * {@link TcpFaultProxy} that cuts, stalls or resets them, and UDP (SOA queries, which never go
 * through the TCP proxy) relayed untouched to named on the same port number. Configure the zone's
 * master as {@link #hostPort()}.
 */
final class FaultyPath implements AutoCloseable {

  final TcpFaultProxy tcp;
  private final DatagramSocket udp;
  private final InetSocketAddress named;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger relayed = new AtomicInteger();
  private volatile boolean closed;

  private FaultyPath(TcpFaultProxy tcp, DatagramSocket udp, InetSocketAddress named) {
    this.tcp = tcp;
    this.udp = udp;
    this.named = named;
    executor.execute(this::relay);
  }

  static FaultyPath to(NamedServer named) {
    for (int attempt = 0; attempt < 20; attempt++) {
      TcpFaultProxy proxy = TcpFaultProxy.in(named);
      try {
        DatagramSocket u =
            new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), proxy.port()));
        return new FaultyPath(proxy, u, named.address());
      } catch (IOException udpPortTaken) {
        proxy.close();
      }
    }
    throw new IllegalStateException("no port free for both the TCP proxy and the UDP relay");
  }

  String hostPort() {
    return tcp.hostPort();
  }

  /** SOA queries relayed to named so far. */
  int udpRelayed() {
    return relayed.get();
  }

  private void relay() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] query = Arrays.copyOf(p.getData(), p.getLength());
        var client = p.getSocketAddress();
        executor.execute(() -> forward(query, client));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void forward(byte[] query, java.net.SocketAddress client) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), 0))) {
      s.setSoTimeout(5000);
      s.send(new DatagramPacket(query, query.length, named));
      byte[] buf = new byte[65535];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      s.receive(answer);
      relayed.incrementAndGet();
      udp.send(new DatagramPacket(answer.getData(), answer.getLength(), client));
    } catch (SocketTimeoutException e) {
      // named did not answer: neither do we
    } catch (IOException e) {
      // relay closed
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    tcp.close();
    executor.shutdownNow();
  }
}
