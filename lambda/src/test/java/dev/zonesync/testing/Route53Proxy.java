package dev.zonesync.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * A recording, fault-injecting HTTP/1.1 proxy between a Route 53 client and moto (or any Route 53
 * endpoint). Point the client under test at {@link #endpoint()}.
 *
 * <p>Every request is forwarded to the upstream and recorded as a {@link WireCall} (method, path,
 * query, body, status, duration, Route 53 operation name, fault if any), so tests can assert on
 * what really crossed the wire — e.g. batch limits with {@link WireCall#changeBatch()}. Faults
 * ({@link HttpFault}) are injected by {@link FaultRule}s: throttling, PriorRequestNotComplete, 5xx,
 * InvalidChangeBatch, latency, connection resets, each optionally after forwarding (applied but the
 * response lost).
 *
 * <p>Moto is not AWS; behaviours moto lacks (throttling, {@code \052} escapes in names, the 32 000
 * character limit, {@code PriorRequestNotComplete}) are what this proxy is for.
 *
 * <p>Implementation: raw sockets (so a reset really is a TCP RST), one virtual thread per client
 * connection, keep-alive, {@code Content-Length} and chunked request bodies, {@code Expect:
 * 100-continue}; responses are always sent with {@code Content-Length}. Upstream calls go through
 * {@link HttpClient} (HTTP/1.1) with a 60 s timeout. Idle client connections are closed after 60 s.
 */
public final class Route53Proxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "host",
          "expect");
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final List<WireCall> calls = new ArrayList<>(); // guarded by itself
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger seq = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private Route53Proxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(TestProcesses.loopback(), 0), 200);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    this.acceptor = new Thread(this::acceptLoop, "route53-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy in front of {@code upstream} on a free 127.0.0.1 port. */
  public static Route53Proxy start(URI upstream) {
    try {
      return new Route53Proxy(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Route53Proxy: " + e.getMessage(), e);
    }
  }

  /** Starts a proxy in front of a moto server. */
  public static Route53Proxy in(MotoServer moto) {
    return start(moto.endpoint());
  }

  /** What the client under test uses as Route 53 endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  public URI upstream() {
    return upstream;
  }

  /**
   * A client pointed at this proxy (see {@link MotoServer#newClient}); {@code maxAttempts = 1}
   * disables the SDK's retries so faults are observed raw.
   */
  public Route53Client newClient(int maxAttempts) {
    return MotoServer.newClient(endpoint(), maxAttempts);
  }

  // ------------------------------------------------------------------------------------------
  // recording

  /** All calls so far, in the order they were received. */
  public List<WireCall> calls() {
    List<WireCall> l;
    synchronized (calls) {
      l = new ArrayList<>(calls);
    }
    l.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
    return List.copyOf(l);
  }

  /** Calls of one operation. */
  public List<WireCall> calls(String operation) {
    return calls().stream().filter(c -> c.operation().equals(operation)).toList();
  }

  /** Number of calls per operation (sorted by name), faulted ones included. */
  public Map<String, Integer> countsByOperation() {
    Map<String, Integer> m = new TreeMap<>();
    for (WireCall c : calls()) {
      m.merge(c.operation(), 1, Integer::sum);
    }
    return m;
  }

  /** Parsed change batches of all ChangeResourceRecordSets calls, in order (faulted included). */
  public List<WireCall.ChangeBatch> changeBatches() {
    return calls("ChangeResourceRecordSets").stream()
        .map(c -> c.changeBatch().orElseThrow())
        .toList();
  }

  /**
   * Client connections open now. Each connection's requests are handled and recorded one after
   * another before it is closed, so 0 means every request a client sent has been recorded (e.g.
   * after the client was killed: what was in flight has reached the upstream or failed).
   */
  public int openConnections() {
    return open.size();
  }

  /** Forgets recorded calls (fault rules stay). */
  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }

  // ------------------------------------------------------------------------------------------
  // faults

  /** Adds a rule; returns it (its counters show what it did). */
  public FaultRule addFault(FaultRule rule) {
    rules.add(rule);
    return rule;
  }

  public void clearFaults() {
    rules.clear();
  }

  private HttpFault decide(String operation) {
    HttpFault chosen = null;
    for (FaultRule r : rules) {
      HttpFault f = r.onCall(operation);
      if (chosen == null && f != null) {
        chosen = f;
      }
    }
    return chosen;
  }

  // ------------------------------------------------------------------------------------------
  // server

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        executor.execute(() -> serve(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private record Request(
      String method,
      String target,
      Map<String, List<String>> headers,
      byte[] body,
      boolean keepAlive) {}

  private record Response(int status, Map<String, List<String>> headers, byte[] body) {}

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(60_000);
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        Request req = readRequest(in, out);
        if (req == null) {
          return;
        }
        boolean keep = handle(s, req, out);
        if (!keep || !req.keepAlive()) {
          return;
        }
      }
    } catch (IOException e) {
      // client went away, idle timeout or proxy closed
    } catch (RuntimeException e) {
      if (!closed) {
        System.err.println("Route53Proxy: dropping connection after " + e);
      }
    } finally {
      open.remove(s);
    }
  }

  /** Handles one request; returns false if the connection must be closed. */
  private boolean handle(Socket s, Request req, OutputStream out) throws IOException {
    long t0 = System.nanoTime();
    Instant startedAt = Instant.now();
    int n = seq.incrementAndGet();
    String path = req.target();
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    String op = WireCall.operationOf(req.method(), path);
    HttpFault fault = decide(op);
    String reqBody = new String(req.body(), StandardCharsets.UTF_8);

    Response upstreamResponse = null;
    boolean forward =
        fault == null || fault.isAfterForwarding() || fault.kind() == HttpFault.Kind.LATENCY;
    if (fault != null && fault.kind() == HttpFault.Kind.LATENCY && !fault.isAfterForwarding()) {
      sleep(fault.latency());
    }
    if (forward) {
      upstreamResponse = forward(req);
    }
    if (fault != null && fault.kind() == HttpFault.Kind.LATENCY && fault.isAfterForwarding()) {
      sleep(fault.latency());
    }

    Response toClient;
    if (fault == null || fault.kind() == HttpFault.Kind.LATENCY) {
      toClient = upstreamResponse;
    } else if (fault.kind() == HttpFault.Kind.ERROR) {
      String requestId = UUID.randomUUID().toString();
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.put("Content-Type", List.of("text/xml"));
      h.put("x-amzn-RequestId", List.of(requestId));
      toClient =
          new Response(fault.status(), h, fault.body(requestId).getBytes(StandardCharsets.UTF_8));
    } else {
      // CONNECTION_RESET
      record(n, op, req, path, query, reqBody, -1, "", upstreamResponse, t0, fault, startedAt);
      reset(s);
      return false;
    }
    record(
        n,
        op,
        req,
        path,
        query,
        reqBody,
        toClient.status(),
        new String(toClient.body(), StandardCharsets.UTF_8),
        upstreamResponse,
        t0,
        fault,
        startedAt);
    // recorded before the client can see the response: a test reading calls() after the SDK
    // call returned always finds it
    write(out, req, toClient);
    return true;
  }

  private void record(
      int n,
      String op,
      Request req,
      String path,
      String query,
      String reqBody,
      int status,
      String respBody,
      Response upstreamResponse,
      long t0,
      HttpFault fault,
      Instant startedAt) {
    String faultDesc = fault == null ? null : fault.describe();
    if (upstreamResponse != null && upstreamResponse.headers().containsKey("x-zonesync-proxy")) {
      faultDesc = faultDesc == null ? "upstream-unreachable" : faultDesc + "+upstream-unreachable";
    }
    WireCall call =
        new WireCall(
            n,
            op,
            req.method(),
            path,
            query,
            reqBody,
            status,
            respBody,
            upstreamResponse == null ? -1 : upstreamResponse.status(),
            Duration.ofNanos(System.nanoTime() - t0),
            faultDesc,
            startedAt);
    synchronized (calls) {
      calls.add(call);
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Response forward(Request req) {
    URI target = URI.create(stripSlash(upstream.toString()) + req.target());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(60))
            .method(
                req.method(),
                req.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(req.body()));
    for (Map.Entry<String, List<String>> e : req.headers().entrySet()) {
      if (HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : e.getValue()) {
        try {
          b.header(e.getKey(), v);
        } catch (IllegalArgumentException restricted) {
          // a header java.net.http refuses to set (e.g. Date); moto does not need it
        }
      }
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      HttpHeaders hh = r.headers();
      hh.map()
          .forEach(
              (k, v) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                  h.put(k, v);
                }
              });
      return new Response(r.statusCode(), h, r.body() == null ? new byte[0] : r.body());
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      h.put("Content-Type", List.of("text/plain"));
      h.put("x-zonesync-proxy", List.of("upstream-unreachable"));
      return new Response(
          502,
          h,
          ("Route53Proxy: upstream " + upstream + " failed: " + e)
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  // ------------------------------------------------------------------------------------------
  // HTTP/1.1 wire format

  private static Request readRequest(InputStream in, OutputStream out) throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in); // tolerate stray CRLF between requests
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length < 3) {
      throw new IOException("bad request line: " + line);
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String h;
    while ((h = readLine(in)) != null && !h.isEmpty()) {
      int c = h.indexOf(':');
      if (c <= 0) {
        throw new IOException("bad header line: " + h);
      }
      headers
          .computeIfAbsent(h.substring(0, c).trim(), k -> new ArrayList<>())
          .add(h.substring(c + 1).trim());
    }
    if (h == null) {
      throw new EOFException("connection closed inside headers");
    }
    String version = parts[parts.length - 1];
    String connection = first(headers, "Connection");
    boolean keepAlive =
        version.equals("HTTP/1.1")
            ? !"close".equalsIgnoreCase(connection)
            : "keep-alive".equalsIgnoreCase(connection);
    if ("100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    byte[] body;
    String te = first(headers, "Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
    } else {
      String cl = first(headers, "Content-Length");
      int len = cl == null ? 0 : Integer.parseInt(cl.trim());
      if (len < 0 || len > MAX_BODY) {
        throw new IOException("bad Content-Length " + cl);
      }
      body = in.readNBytes(len);
      if (body.length != len) {
        throw new EOFException("connection closed inside body");
      }
    }
    return new Request(parts[0], parts[1], headers, body, keepAlive);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new EOFException("connection closed inside chunked body");
      }
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
      if (size == 0) {
        String trailer;
        while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
          // ignore trailers
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) {
        throw new IOException("body too large");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("connection closed inside chunk");
      }
      body.write(chunk);
      readLine(in); // CRLF after the chunk
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == '\r') {
          b.setLength(len - 1);
        }
        return b.toString();
      }
      b.append((char) c);
      if (b.length() > MAX_LINE) {
        throw new IOException("line too long");
      }
    }
    return b.isEmpty() ? null : b.toString();
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static void write(OutputStream out, Request req, Response r) throws IOException {
    boolean noBody =
        req.method().equals("HEAD") || r.status() == 204 || r.status() == 304 || r.status() < 200;
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status()));
    head.append("\r\n");
    for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
      for (String v : e.getValue()) {
        head.append(e.getKey()).append(": ").append(v).append("\r\n");
      }
    }
    if (!noBody) {
      head.append("Content-Length: ").append(r.body().length).append("\r\n");
    }
    if (!req.keepAlive()) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!noBody) {
      out.write(r.body());
    }
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  // ------------------------------------------------------------------------------------------

  /** Stops accepting, closes all connections, interrupts pending latencies. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    http.shutdownNow();
    executor.shutdownNow();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Route53Proxy[" + endpoint() + " -> " + upstream + "]";
  }
}
