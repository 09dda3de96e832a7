package dev.zonesync.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP hop in front of a Route 53 endpoint (moto) that plays Route 53's validation for chosen
 * names: any ChangeResourceRecordSets request that touches one of them is refused as a whole with
 * HTTP 400 {@code InvalidChangeBatch} in Route 53's current error shape (what AWS answers for,
 * e.g., a CNAME next to other data, which moto does not check). Every other request is forwarded
 * unchanged. Put a recording {@code Route53Proxy} in front of it to see the calls on the wire.
 */
final class RejectingRoute53 implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "host", "expect", "upgrade", "transfer-encoding");

  private final URI upstream;
  private final Map<String, String> rejected; // Route 53 name -> message
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final AtomicInteger rejections = new AtomicInteger();

  private RejectingRoute53(URI upstream, Map<String, String> rejected) throws IOException {
    this.upstream = upstream;
    this.rejected = Map.copyOf(rejected);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    this.server = HttpServer.create(new InetSocketAddress(SyncHarness.loopback(), 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * @param rejected names as sent (e.g. {@code intranet.corp.example.}) and the message Route 53
   *     gives for them
   */
  static RejectingRoute53 inFrontOf(URI upstream, Map<String, String> rejected) {
    try {
      return new RejectingRoute53(upstream, rejected);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start RejectingRoute53: " + e, e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests refused so far. */
  int rejections() {
    return rejections.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getRawPath();
      String text = new String(body, StandardCharsets.UTF_8);
      if (ex.getRequestMethod().equals("POST") && path.matches(".*/hostedzone/[^/]+/rrset/?")) {
        for (Map.Entry<String, String> e : rejected.entrySet()) {
          if (text.contains("<Name>" + e.getKey() + "</Name>")) {
            rejections.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            reply(ex, 400, invalidChangeBatch(e.getValue()));
            return;
          }
        }
      }
      forward(ex, body);
    }
  }

  private void forward(HttpExchange ex, byte[] body) throws IOException {
    String target = upstream.toString().replaceFirst("/$", "") + ex.getRequestURI().toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(60))
            .method(
                ex.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (k, values) -> {
              if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT))) {
                for (String v : values) {
                  try {
                    b.header(k, v);
                  } catch (IllegalArgumentException restricted) {
                    // a header java.net.http sets itself
                  }
                }
              }
            });
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    r.headers()
        .map()
        .forEach(
            (k, values) -> {
              if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                ex.getResponseHeaders().put(k, List.copyOf(values));
              }
            });
    reply(ex, r.statusCode(), r.body());
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] invalidChangeBatch(String message) {
    String xml =
        "<?xml version=\"1.0\"?>\n<ErrorResponse"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>"
            + "<Code>InvalidChangeBatch</Code><Message>["
            + message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            + "]</Message></Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
