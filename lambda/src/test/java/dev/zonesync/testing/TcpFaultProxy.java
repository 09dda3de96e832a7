package dev.zonesync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free 127.0.0.1 port in front of a DNS server's TCP port (zone transfers run over
 * TCP), with faults on the server→client stream: pass-through, cut (FIN) or reset (RST) or stall
 * after N bytes or N DNS messages, reset on connect, refuse (accept and close at once), black-hole
 * (accept, never answer).
 *
 * <p>Messages are counted with DNS-over-TCP framing (2-byte length prefix per message), so {@code
 * cutAfterMessages(3)} forwards exactly three complete messages and then closes. A byte threshold
 * forwards exactly that many bytes (so it can cut inside a message).
 *
 * <p>The fault for a connection is fixed when it is accepted: {@link #setFault} changes the default
 * for later connections, {@link #enqueue} gives the next connections specific faults (e.g. cut the
 * first attempt, let the retry through).
 *
 * <p><b>TCP only.</b> SOA queries normally go over UDP straight to the server and are not seen
 * here; a test that needs to fault them must make the client under test query over TCP through this
 * proxy.
 *
 * <p>Stalled and black-holed connections stay open until the client closes them or the proxy is
 * closed, so clients must use timeouts. {@link #close()} closes everything.
 */
public final class TcpFaultProxy implements AutoCloseable {

  /** What happens to a connection. Immutable. */
  public static final class Fault {
    enum Action {
      PASS,
      CUT,
      STALL,
      RESET,
      REFUSE,
      BLACK_HOLE
    }

    private final Action action;
    private final long afterBytes; // -1: not by bytes
    private final long afterMessages; // -1: not by messages

    private Fault(Action action, long afterBytes, long afterMessages) {
      this.action = action;
      this.afterBytes = afterBytes;
      this.afterMessages = afterMessages;
    }

    /** Forward everything both ways. */
    public static Fault passThrough() {
      return new Fault(Action.PASS, -1, -1);
    }

    /** Forward {@code n} server bytes, then close both sides (client sees EOF). */
    public static Fault cutAfterBytes(long n) {
      return new Fault(Action.CUT, nonNegative(n), -1);
    }

    /** Forward {@code n} complete DNS messages from the server, then close (client sees EOF). */
    public static Fault cutAfterMessages(int n) {
      return new Fault(Action.CUT, -1, nonNegative(n));
    }

    /** Forward {@code n} server bytes, then stop forwarding but keep the connection open. */
    public static Fault stallAfterBytes(long n) {
      return new Fault(Action.STALL, nonNegative(n), -1);
    }

    /** Forward {@code n} complete messages, then stop forwarding but keep the connection open. */
    public static Fault stallAfterMessages(int n) {
      return new Fault(Action.STALL, -1, nonNegative(n));
    }

    /** Accept, then reset (RST, SO_LINGER 0) before anything is forwarded. */
    public static Fault resetOnConnect() {
      return new Fault(Action.RESET, 0, -1);
    }

    /** Forward {@code n} server bytes, then reset the client connection (RST). */
    public static Fault resetAfterBytes(long n) {
      return new Fault(Action.RESET, nonNegative(n), -1);
    }

    /** Forward {@code n} complete messages, then reset the client connection (RST). */
    public static Fault resetAfterMessages(int n) {
      return new Fault(Action.RESET, -1, nonNegative(n));
    }

    /**
     * Accept and close at once (FIN) without contacting the server. (A listening socket cannot
     * refuse single connections; for a real "connection refused" use a port nobody listens on, e.g.
     * a stopped {@link NamedServer}.)
     */
    public static Fault refuse() {
      return new Fault(Action.REFUSE, -1, -1);
    }

    /** Accept, read and discard what the client sends, never answer, never contact the server. */
    public static Fault blackHole() {
      return new Fault(Action.BLACK_HOLE, -1, -1);
    }

    private static long nonNegative(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("negative threshold: " + n);
      }
      return n;
    }

    Action action() {
      return action;
    }

    @Override
    public String toString() {
      return switch (action) {
        case PASS -> "passThrough";
        case REFUSE -> "refuse";
        case BLACK_HOLE -> "blackHole";
        case RESET ->
            afterBytes == 0
                ? "resetOnConnect"
                : "resetAfter"
                    + (afterBytes >= 0 ? "Bytes(" + afterBytes : "Messages(" + afterMessages)
                    + ")";
        case CUT, STALL ->
            action.name().toLowerCase(java.util.Locale.ROOT)
                + "After"
                + (afterBytes >= 0 ? "Bytes(" + afterBytes : "Messages(" + afterMessages)
                + ")";
      };
    }
  }

  /**
   * A snapshot of one proxied connection.
   *
   * @param id 1-based, in accept order
   * @param fault the fault applied (its {@code toString()})
   * @param bytesToServer bytes forwarded client→server
   * @param messagesToServer complete DNS messages forwarded client→server
   * @param bytesToClient bytes forwarded server→client
   * @param messagesToClient complete DNS messages forwarded server→client
   * @param faultTriggered whether the fault's threshold was reached and it acted
   * @param open whether the connection is still open
   */
  public record ConnectionStats(
      int id,
      String fault,
      long bytesToServer,
      long messagesToServer,
      long bytesToClient,
      long messagesToClient,
      boolean faultTriggered,
      boolean open,
      Instant acceptedAt) {}

  private final class Conn {
    final int id;
    final Fault fault;
    final Socket client;
    volatile Socket server;
    final Instant acceptedAt = Instant.now();
    volatile long bytesToServer;
    volatile long messagesToServer;
    volatile long bytesToClient;
    volatile long messagesToClient;
    volatile boolean triggered;
    volatile boolean open = true;

    Conn(int id, Fault fault, Socket client) {
      this.id = id;
      this.fault = fault;
      this.client = client;
    }

    ConnectionStats snapshot() {
      return new ConnectionStats(
          id,
          fault.toString(),
          bytesToServer,
          messagesToServer,
          bytesToClient,
          messagesToClient,
          triggered,
          open,
          acceptedAt);
    }

    void closeAll() {
      open = false;
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Conn> conns = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Deque<Fault> queue = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Thread acceptor;
  private volatile Fault defaultFault = Fault.passThrough();
  private volatile boolean closed;

  private TcpFaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(TestProcesses.loopback(), 0), 100);
    this.acceptor = new Thread(this::acceptLoop, "tcp-fault-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a pass-through proxy to {@code host:port}. */
  public static TcpFaultProxy start(String host, int port) {
    try {
      return new TcpFaultProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start TcpFaultProxy: " + e.getMessage(), e);
    }
  }

  /** Starts a pass-through proxy in front of named's TCP port. */
  public static TcpFaultProxy in(NamedServer named) {
    return start(named.host(), named.port());
  }

  public String host() {
    return TestProcesses.LOOPBACK;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(TestProcesses.loopback(), port());
  }

  /** {@code 127.0.0.1:<port>}, the form zonesync's configuration takes for a master. */
  public String hostPort() {
    return host() + ":" + port();
  }

  /** Sets the fault for connections accepted from now on (queued faults go first). */
  public void setFault(Fault fault) {
    this.defaultFault = Objects.requireNonNull(fault);
  }

  public Fault fault() {
    return defaultFault;
  }

  /** The next connections get these faults, one each, before the default applies again. */
  public void enqueue(Fault... faults) {
    synchronized (queue) {
      for (Fault f : faults) {
        queue.addLast(Objects.requireNonNull(f));
      }
    }
  }

  /** Snapshots of all connections so far, in accept order. */
  public List<ConnectionStats> connections() {
    List<ConnectionStats> l = new ArrayList<>();
    for (Conn c : conns) {
      l.add(c.snapshot());
    }
    return l;
  }

  /** Number of connections accepted so far. */
  public int connectionCount() {
    return conns.size();
  }

  /** Forgets connection statistics (open connections keep running). */
  public void clear() {
    conns.clear();
  }

  private Fault nextFault() {
    synchronized (queue) {
      Fault f = queue.pollFirst();
      return f != null ? f : defaultFault;
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = listener.accept();
        sockets.add(s);
        Conn c = new Conn(ids.incrementAndGet(), nextFault(), s);
        conns.add(c);
        executor.execute(() -> run(c));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void run(Conn c) {
    Fault f = c.fault;
    try {
      switch (f.action()) {
        case REFUSE -> {
          c.triggered = true;
          c.closeAll();
          return;
        }
        case BLACK_HOLE -> {
          c.triggered = true;
          discardUntilEof(c);
          return;
        }
        case RESET -> {
          if (f.afterBytes == 0) {
            c.triggered = true;
            reset(c.client);
            c.open = false;
            return;
          }
        }
        default -> {
          // connect below
        }
      }
      Socket server = new Socket();
      sockets.add(server);
      c.server = server;
      try {
        server.connect(target, 5000);
        server.setTcpNoDelay(true);
        c.client.setTcpNoDelay(true);
      } catch (IOException e) {
        reset(c.client); // upstream down: the client sees a reset
        c.closeAll();
        return;
      }
      executor.execute(() -> pumpClientToServer(c));
      pumpServerToClient(c);
    } catch (IOException e) {
      c.closeAll();
    } finally {
      if (!c.open) {
        sockets.remove(c.client);
        if (c.server != null) {
          sockets.remove(c.server);
        }
      }
    }
  }

  private void discardUntilEof(Conn c) {
    byte[] buf = new byte[8192];
    DnsTcpFraming framing = new DnsTcpFraming();
    try (InputStream in = c.client.getInputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        framing.consume(buf, 0, n, -1);
        c.bytesToServer = framing.bytes(); // received, not forwarded: there is no server
        c.messagesToServer = framing.messages();
      }
    } catch (IOException ignored) {
      // closed
    } finally {
      c.closeAll();
    }
  }

  private void pumpClientToServer(Conn c) {
    byte[] buf = new byte[16384];
    DnsTcpFraming framing = new DnsTcpFraming();
    try {
      InputStream in = c.client.getInputStream();
      OutputStream out = c.server.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        framing.consume(buf, 0, n, -1);
        c.bytesToServer = framing.bytes(); // counted before forwarding: stats never lag
        c.messagesToServer = framing.messages();
        out.write(buf, 0, n);
        out.flush();
      }
      // client finished sending (or closed): half-close toward the server
      c.server.shutdownOutput();
    } catch (IOException ignored) {
      // one side closed
    }
    if (c.triggered && c.fault.action() == Fault.Action.STALL) {
      c.closeAll(); // stalled connection: the client gave up
    }
  }

  private void pumpServerToClient(Conn c) throws IOException {
    Fault f = c.fault;
    byte[] buf = new byte[16384];
    DnsTcpFraming framing = new DnsTcpFraming();
    InputStream in = c.server.getInputStream();
    OutputStream out = c.client.getOutputStream();
    boolean limited = f.action() != Fault.Action.PASS;
    if (limited && thresholdReached(f, framing)) {
      act(c);
      return;
    }
    int n;
    while ((n = in.read(buf)) > 0) {
      int allowed = n;
      if (limited) {
        if (f.afterBytes >= 0) {
          allowed = (int) Math.min(n, f.afterBytes - framing.bytes());
          framing.consume(buf, 0, allowed, -1);
        } else {
          allowed = framing.consume(buf, 0, n, f.afterMessages);
        }
      } else {
        framing.consume(buf, 0, n, -1);
      }
      c.bytesToClient = framing.bytes(); // counted before forwarding: stats never lag
      c.messagesToClient = framing.messages();
      boolean reached = limited && thresholdReached(f, framing);
      if (reached) {
        c.triggered = true;
      }
      if (allowed > 0) {
        out.write(buf, 0, allowed);
        out.flush();
      }
      if (reached) {
        act(c);
        return;
      }
    }
    // server closed: close the client side too
    c.closeAll();
  }

  private static boolean thresholdReached(Fault f, DnsTcpFraming framing) {
    return f.afterBytes >= 0
        ? framing.bytes() >= f.afterBytes
        : f.afterMessages >= 0 && framing.messages() >= f.afterMessages;
  }

  private void act(Conn c) {
    c.triggered = true;
    switch (c.fault.action()) {
      case CUT -> c.closeAll();
      case RESET -> {
        reset(c.client);
        c.closeAll();
      }
      case STALL -> {
        // stop reading from the server; keep both sockets open until the client gives up
      }
      default -> c.closeAll();
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // gone
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Closes the listener and every connection. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Conn c : conns) {
      c.closeAll();
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    executor.shutdownNow();
    try {
      acceptor.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "TcpFaultProxy[" + hostPort() + " -> " + target + ", fault=" + defaultFault + "]";
  }
}
