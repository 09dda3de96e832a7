package dev.zonesync.faults;

import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Masters that never answer. {@link #blackHole()}: a loopback port that takes UDP datagrams and TCP
 * connections and never answers (a firewall that drops packets: the client waits for its timeout).
 * {@link #closedPort()}: a port nobody listens on (connection refused, ICMP port unreachable — a
 * stopped server).
 */
final class DeadMaster implements AutoCloseable {

  private final int port;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService executor;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger datagrams = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private DeadMaster(int port, DatagramSocket udp, ServerSocket tcp) {
    this.port = port;
    this.udp = udp;
    this.tcp = tcp;
    this.executor = udp == null ? null : Executors.newVirtualThreadPerTaskExecutor();
    if (executor != null) {
      executor.execute(this::swallowUdp);
      executor.execute(this::holdTcp);
    }
  }

  static DeadMaster blackHole() {
    try {
      int port = SyncHarness.freePort();
      ServerSocket tcp = new ServerSocket();
      tcp.bind(new InetSocketAddress(SyncHarness.loopback(), port), 50);
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), port));
      return new DeadMaster(port, udp, tcp);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a black hole: " + e, e);
    }
  }

  /** A port free a moment ago; nothing listens on it. */
  static DeadMaster closedPort() {
    return new DeadMaster(SyncHarness.freePort(), null, null);
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Datagrams received (and dropped). */
  int datagrams() {
    return datagrams.get();
  }

  int connections() {
    return connections.get();
  }

  private void swallowUdp() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        udp.receive(new DatagramPacket(buf, buf.length));
        datagrams.incrementAndGet();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void holdTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        connections.incrementAndGet();
        held.add(s);
        executor.execute(
            () -> {
              try (InputStream in = s.getInputStream()) {
                in.transferTo(OutputStreamSink.INSTANCE);
              } catch (IOException ignored) {
                // closed
              }
            });
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  /** Discards bytes. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  @Override
  public void close() {
    closed = true;
    if (udp != null) {
      udp.close();
    }
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    for (Socket s : held) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
