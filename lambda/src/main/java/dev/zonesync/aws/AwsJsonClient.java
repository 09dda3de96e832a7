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
 * A minimal AWS JSON 1.1 client, in place of a generated SDK client (the SSM module alone is ~6 MB
 * of the package): one operation per call, SigV4-signed by the SDK's signer (session token
 * included), sent over the SDK's url-connection HTTP client with connect and read timeouts.
 * Throttling, HTTP 429/5xx and network failures are retried with full-jitter exponential backoff;
 * other errors are thrown at once. Errors carry the AWS code and message, never a body.
 */
final class AwsJsonClient {

  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
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
  record Retry(
      int maxAttempts, Duration base, Duration throttledBase, Duration cap, Sleeper sleeper) {
    static final Retry STANDARD =
        new Retry(3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5), null);

    Retry {
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
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AwsJsonService service;
  private final String region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final Retry retry;

  AwsJsonClient(
      AwsJsonService service,
      String region,
      URI endpoint,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      Retry retry) {
    this.service = Objects.requireNonNull(service, "service");
    this.region = Objects.requireNonNull(region, "region");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.http = Objects.requireNonNull(http, "http");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** The HTTP client every adapter shares: url-connection (no threads, no netty), timeouts set. */
  static SdkHttpClient defaultHttpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(READ_TIMEOUT)
        .build();
  }

  URI endpoint() {
    return endpoint;
  }

  String region() {
    return region;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Calls {@code operation} with {@code request} as body and returns the parsed response.
   *
   * @throws AwsCallException when AWS answers with an error, or after the last retry
   */
  JsonNode call(String operation, ObjectNode request) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String what = service.serviceId() + " " + operation + " at " + endpoint;
    for (int attempt = 1; ; attempt++) {
      AwsCallException failure;
      boolean throttled = false;
      try {
        Answer answer = send(operation, body);
        if (answer.status() / 100 == 2) {
          return parse(answer.body(), what);
        }
        String code = AwsErrors.code(answer.body(), answer.errorTypeHeader());
        throttled = THROTTLING_CODES.contains(code) || answer.status() == 429;
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

  private Answer send(String operation, byte[] body) throws IOException {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation)
            .putHeader("Content-Length", Integer.toString(body.length));
    if (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()) {
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
