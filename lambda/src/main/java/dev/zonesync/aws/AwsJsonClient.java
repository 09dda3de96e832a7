package dev.zonesync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A minimal AWS JSON client, in place of a generated SDK client (the SSM module alone is ~6 MB of
 * the package; Route 53 Profiles' does not resolve at the pinned SDK version): one operation per
 * call, JSON 1.1 ({@link #call}: {@code POST /} with {@code X-Amz-Target}) or REST-JSON ({@link
 * #post}: {@code POST <path>}), SigV4-signed by the SDK's signer (session token included), sent
 * over the SDK's url-connection HTTP client with connect and read timeouts. Throttling, HTTP
 * 429/5xx and network failures are retried with full-jitter exponential backoff; other errors are
 * thrown at once. Errors carry the AWS code and message, never a body. Used by this package's
 * adapters and by {@code route53}'s one Route 53 Profiles call.
 */
public final class AwsJsonClient {

  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String REST_JSON_CONTENT_TYPE = "application/json";
  private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  /** Error codes AWS JSON services use for "slow down" (SSM, Secrets Manager, generic). */
  static final Set<String> THROTTLING_CODES =
      Set.of(
          "ThrottlingException",
          "Throttling",
          "ThrottledException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "RequestThrottledException");

  /** Connect and read timeouts: a VPC without a route to the endpoint fails in seconds. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Retries: at most {@code maxAttempts} attempts; before attempt n+1 a random delay in [0,
   * min(cap, base·2^(n-1))), with {@code throttledBase} as base after a throttling answer.
   */
  public record Retry(
      int maxAttempts, Duration base, Duration throttledBase, Duration cap, Sleeper sleeper) {
    public static final Retry STANDARD =
        new Retry(3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5), null);

    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(throttledBase, "throttledBase");
      Objects.requireNonNull(cap, "cap");
      if (sleeper == null) {
        sleeper = d -> Thread.sleep(d);
      }
    }

    Duration delayBefore(int nextAttempt, boolean throttled, DoubleSupplier random) {
      Duration b = throttled ? throttledBase : base;
      long ceiling = Math.min(cap.toMillis(), b.toMillis() << Math.min(20, nextAttempt - 2));
      return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
  }

  /** How the client waits between attempts (tests record instead of sleeping). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * What a caller learns of its calls as they happen (e.g. to count them with its other API calls):
   * each call once, each HTTP attempt before it is sent (retries included), and each attempt that
   * was answered "slow down".
   */
  public interface Observer {
    Observer NONE = new Observer() {};

    default void call(String operation) {}

    default void attempt(String operation) {}

    default void throttled(String operation) {}
  }

  private final AwsJsonService service;
  private final String region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final Retry retry;
  private final Observer observer;

  AwsJsonClient(
      AwsJsonService service,
      String region,
      URI endpoint,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      Retry retry) {
    this(service, region, endpoint, credentials, http, retry, Observer.NONE);
  }

  public AwsJsonClient(
      AwsJsonService service,
      String region,
      URI endpoint,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      Retry retry,
      Observer observer) {
    this.service = Objects.requireNonNull(service, "service");
    this.region = Objects.requireNonNull(region, "region");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.http = Objects.requireNonNull(http, "http");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** The HTTP client every adapter shares: url-connection (no threads, no netty), timeouts set. */
  public static SdkHttpClient defaultHttpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(READ_TIMEOUT)
        .build();
  }

  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return region;
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** How one operation goes over HTTP: the request path and its protocol's headers. */
  private record Shape(String path, String contentType, String target) {}

  /**
   * Calls the JSON 1.1 {@code operation} with {@code request} as body and returns the parsed
   * response.
   *
   * @throws AwsCallException when AWS answers with an error, or after the last retry
   */
  public JsonNode call(String operation, ObjectNode request) {
    if (service.targetPrefix() == null) {
      throw new IllegalStateException(service.serviceId() + " is a REST-JSON API: use post()");
    }
    return execute(
        operation,
        new Shape(null, CONTENT_TYPE, service.targetPrefix() + "." + operation),
        request);
  }

  /**
   * Calls the REST-JSON {@code operation} as {@code POST <path>} (below the endpoint's own path)
   * with {@code request} as body and returns the parsed response.
   *
   * @throws AwsCallException when AWS answers with an error, or after the last retry
   */
  public JsonNode post(String operation, String path, ObjectNode request) {
    if (service.targetPrefix() != null || !path.startsWith("/")) {
      throw new IllegalArgumentException(
          service.serviceId() + " " + operation + ": post() takes a REST-JSON API and a /path");
    }
    return execute(operation, new Shape(path, REST_JSON_CONTENT_TYPE, null), request);
  }

  private JsonNode execute(String operation, Shape shape, ObjectNode request) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String what = service.serviceId() + " " + operation + " at " + endpoint;
    observer.call(operation);
    for (int attempt = 1; ; attempt++) {
      AwsCallException failure;
      boolean throttled = false;
      try {
        observer.attempt(operation);
        Answer answer = send(shape, body);
        if (answer.status() / 100 == 2) {
          return parse(answer.body(), what);
        }
        String code = AwsErrors.code(answer.body(), answer.errorTypeHeader());
        throttled = THROTTLING_CODES.contains(code) || answer.status() == 429;
        if (throttled) {
          observer.throttled(operation);
        }
        failure =
            new AwsCallException(
                AwsCallException.Kind.SERVICE,
                answer.status(),
                code,
                what
                    + ": HTTP "
                    + answer.status()
                    + (code.isEmpty() ? "" : " " + code)
                    + AwsErrors.message(answer.body()),
                attempt,
                null);
        if (!throttled && answer.status() < 500) {
          throw failure;
        }
      } catch (IOException e) {
        failure =
            new AwsCallException(
                AwsCallException.Kind.NETWORK,
                -1,
                "",
                what + ": no answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                attempt,
                e);
      } catch (SdkClientException e) {
        throw new AwsCallException(
            AwsCallException.Kind.CREDENTIALS,
            -1,
            "",
            what + ": no AWS credentials (" + e.getMessage() + ")",
            attempt,
            e);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      Duration delay =
          retry.delayBefore(attempt + 1, throttled, () -> ThreadLocalRandom.current().nextDouble());
      LOG.warn(
          "{}; retrying (attempt {} of {}) in {} ms",
          failure.getMessage(),
          attempt + 1,
          retry.maxAttempts(),
          delay.toMillis());
      try {
        retry.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  private record Answer(int status, byte[] body, String errorTypeHeader) {}

  private Answer send(Shape shape, byte[] body) throws IOException {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", shape.contentType())
            .putHeader("Content-Length", Integer.toString(body.length));
    if (shape.target() != null) {
      request.putHeader("X-Amz-Target", shape.target());
    }
    String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    if (shape.path() != null) {
      request.encodedPath(
          (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + shape.path());
    } else if (base.isEmpty()) {
      request.encodedPath("/");
    }
    AwsCredentialsIdentity identity = credentials.resolveCredentials();
    SignedRequest signed =
        SIGNER.sign(
            r ->
                r.identity(identity)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpExecuteResponse response =
        http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build())
            .call();
    byte[] bytes = new byte[0];
    if (response.responseBody().isPresent()) {
      try (InputStream in = response.responseBody().get()) {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException("response larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
    }
    return new Answer(
        response.httpResponse().statusCode(),
        bytes,
        response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null));
  }

  private static JsonNode parse(byte[] body, String what) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        return n;
      }
    } catch (IOException e) {
      // not chained: the parser's message would quote the body, which may hold a secret
    }
    throw new AwsCallException(
        AwsCallException.Kind.SERVICE,
        200,
        "",
        what + ": the answer is not a JSON object (" + body.length + " bytes)",
        1,
        null);
  }
}
