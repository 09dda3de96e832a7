package dev.zonesync.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A local HTTP endpoint for the AWS adapters: answers with queued, AWS-shaped responses, or (with
 * an upstream such as moto) forwards the request and relays the answer. Records every request's
 * headers and body either way, so tests see what went over the wire.
 */
final class AwsHttpStub implements AutoCloseable {

  /** A request as received. Header names lower-case. */
  record Received(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "application/x-amz-json-1.1"));
    }
  }

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding", "upgrade");

  private final HttpServer server;
  private final URI upstream;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  private AwsHttpStub(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers only from the script (500 "script exhausted" when it runs dry). */
  static AwsHttpStub scripted() {
    return start(null);
  }

  /** Answers from the script first, then forwards to {@code upstream}. */
  static AwsHttpStub forwardingTo(URI upstream) {
    return start(upstream);
  }

  private static AwsHttpStub start(URI upstream) {
    try {
      return new AwsHttpStub(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the stub HTTP server: " + e, e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized AwsHttpStub then(Answer a) {
    script.add(a);
    return this;
  }

  AwsHttpStub then(int status, String jsonBody) {
    return then(Answer.json(status, jsonBody));
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      Answer answer;
      synchronized (this) {
        received.add(
            new Received(
                ex.getRequestMethod(),
                ex.getRequestURI().getRawPath(),
                headers,
                new String(body, StandardCharsets.UTF_8)));
        answer = script.poll();
      }
      if (answer == null && upstream != null) {
        answer = forward(ex, headers, body);
      }
      if (answer == null) {
        answer = Answer.json(500, "{\"__type\":\"StubScriptExhausted\"}");
      }
      answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  private Answer forward(HttpExchange ex, Map<String, String> headers, byte[] body)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().getRawPath()))
            .timeout(Duration.ofSeconds(30))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (k, v) -> {
          if (!NOT_FORWARDED.contains(k)) {
            b.header(k, v);
          }
        });
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue("content-type").orElse("application/json");
      return new Answer(r.statusCode(), r.body(), Map.of("Content-Type", type));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
