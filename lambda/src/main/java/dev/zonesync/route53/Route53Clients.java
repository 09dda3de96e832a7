package dev.zonesync.route53;

import dev.zonesync.config.Route53Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;

/**
 * Builds the Route 53 client once per container: url-connection HTTP client (small, no netty),
 * paced requests and record changes ({@code route53.requestsPerSecond}/{@code burst}, {@code
 * route53.changesPerSecond}/{@code changesBurst}), jittered backoff on Throttling /
 * PriorRequestNotComplete / 5xx, and per-run call counting. No network calls happen here
 * (SnapStart-safe).
 */
public final class Route53Clients {

  static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling", "ThrottlingException", "PriorRequestNotComplete", "RequestLimitExceeded");

  private Route53Clients() {}

  public static Route53Client create(Route53Settings settings) {
    return create(settings, null);
  }

  /**
   * As {@link #create(Route53Settings)} with explicit credentials (tests, emulators); null means
   * the SDK's default chain.
   */
  public static Route53Client create(Route53Settings settings, AwsCredentialsProvider credentials) {
    return create(settings, credentials, null);
  }

  /**
   * As {@link #create(Route53Settings, AwsCredentialsProvider)} over an explicit HTTP client (the
   * handler's SnapStart priming drives canned responses through an otherwise identical client);
   * null means the url-connection client.
   */
  public static Route53Client create(
      Route53Settings settings, AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
    RequestPacer pacer = new RequestPacer(settings.requestsPerSecond(), settings.burst());
    RequestPacer changePacer =
        new RequestPacer(settings.changesPerSecond(), settings.changesBurst());
    Route53ClientBuilder b = Route53Client.builder().region(Region.AWS_GLOBAL);
    if (httpClient != null) {
      b.httpClient(httpClient);
    } else {
      b.httpClientBuilder(
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(30)));
    }
    b.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .retryStrategy(retryStrategy(settings))
            .addExecutionInterceptor(new MeteringInterceptor(pacer, changePacer))
            .build());
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    if (credentials != null) {
      b.credentialsProvider(credentials);
    }
    Route53Client client = b.build();
    CHANGE_PACERS.put(client, changePacer);
    return client;
  }

  /** Each client's change-pacing bucket, for {@link #changePacingWait}. */
  private static final Map<Route53Client, RequestPacer> CHANGE_PACERS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * How long a ChangeResourceRecordSets request of {@code changes} changes would wait for the
   * client's change-pacing bucket now (zero for a client this class did not build).
   */
  static Duration changePacingWait(Route53Client client, int changes) {
    RequestPacer p = CHANGE_PACERS.get(client);
    return p == null || changes < 1 ? Duration.ZERO : Duration.ofNanos(p.nextWaitNanos(changes));
  }

  static RetryStrategy retryStrategy(Route53Settings s) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(s.maxAttempts())
        .retryOnException(Route53Clients::retryable)
        .treatAsThrottling(Route53Clients::throttling)
        .backoffStrategy(BackoffStrategy.exponentialDelay(s.baseBackoff(), s.maxBackoff()))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(s.baseBackoff().multipliedBy(2), s.maxBackoff()))
        // the retry quota would stop retrying exactly when Route 53 is busiest
        .circuitBreakerEnabled(false)
        .build();
  }

  static boolean throttling(Throwable t) {
    // an error without a parseable code (a gateway's HTML 5xx, an emulator's bare 404) is not one
    return t instanceof AwsServiceException e
        && e.awsErrorDetails() != null
        && e.awsErrorDetails().errorCode() != null
        && THROTTLING_CODES.contains(e.awsErrorDetails().errorCode());
  }

  static boolean retryable(Throwable t) {
    return throttling(t) || (t instanceof AwsServiceException e && transientServerError(e));
  }

  /**
   * A 5xx a retry may cure. Not 501 Not Implemented or 505 HTTP Version Not Supported: the server
   * (an emulator or proxy without the operation) answers every attempt the same, and retrying only
   * spends the run's deadline on backoff.
   */
  private static boolean transientServerError(AwsServiceException e) {
    int status = e.statusCode();
    return status >= 500 && status != 501 && status != 505;
  }

  /**
   * Paces every HTTP attempt (requests, and the record changes of ChangeResourceRecordSets) and
   * counts attempts, retries and throttled answers for the run.
   */
  static final class MeteringInterceptor implements ExecutionInterceptor {
    private final RequestPacer pacer;
    private final RequestPacer changePacer;

    MeteringInterceptor(RequestPacer pacer, RequestPacer changePacer) {
      this.pacer = pacer;
      this.changePacer = changePacer;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      // Changes first (the longer wait), then the request token right before sending. Every
      // attempt takes its tokens again: whether Route 53 charged a throttled attempt's changes is
      // not documented, and assuming it did is the side that does not get throttled again.
      int changes = changeCount(context.request());
      if (changes > 0) {
        changePacer.acquire(changes);
      }
      pacer.acquire();
      ApiMeter meter = ApiMeter.current();
      if (meter != null) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        meter.call(op == null ? "unknown" : op);
      }
    }

    /** Change elements of a ChangeResourceRecordSets request; 0 for any other request. */
    static int changeCount(SdkRequest request) {
      return request instanceof ChangeResourceRecordSetsRequest r
              && r.changeBatch() != null
              && r.changeBatch().hasChanges()
          ? r.changeBatch().changes().size()
          : 0;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      ApiMeter meter = ApiMeter.current();
      if (meter != null) {
        meter.execution();
      }
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      Optional<InputStream> body = context.responseBody();
      ApiMeter meter = ApiMeter.current();
      if (meter == null || context.httpResponse().statusCode() < 400 || body.isEmpty()) {
        return body;
      }
      // error bodies are small; read one to see whether Route 53 throttled us
      try (InputStream in = body.get()) {
        byte[] bytes = in.readNBytes(64 * 1024);
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String code : THROTTLING_CODES) {
          if (text.contains("<Code>" + code + "</Code>")) {
            meter.throttled();
            break;
          }
        }
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
