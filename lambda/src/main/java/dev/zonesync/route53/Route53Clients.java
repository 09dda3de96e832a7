package dev.zonesync.route53;

import dev.zonesync.config.Route53Settings;
import dev.zonesync.sync.port.LearnedRates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.NonRetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
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
 * paced requests and record changes at rates learned from Route 53 below the configured ceilings
 * ({@code route53.requestsPerSecond}/{@code burst}, {@code route53.changesPerSecond}/{@code
 * changesBurst}; see {@link AdaptiveRate}), retries, and per-run call counting. No network calls
 * happen here (SnapStart-safe).
 *
 * <p>Retries: a {@code Throttling} answer is Route 53 saying how fast the account may go, not a
 * failure of the request: it lowers the learned rate of the bucket the request spends most on (the
 * change rate for a ChangeResourceRecordSets, the request rate for any other request — the answer
 * does not say which of Route 53's buckets ran dry) and the request is sent again once the pacer
 * lets it, without counting against {@code route53.maxAttempts} (up to {@link
 * #MAX_THROTTLED_ATTEMPTS} in a row, and for a change batch never past its deadline). {@code
 * PriorRequestNotComplete}, 5xx and network errors are retried with jittered backoff within {@code
 * maxAttempts}.
 */
public final class Route53Clients {

  /** Answers counted as throttled in the run's report (every attempt). */
  static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling", "ThrottlingException", "PriorRequestNotComplete", "RequestLimitExceeded");

  /**
   * The answer by which Route 53 says a per-account bucket is empty: it paces, and its retries do
   * not spend attempts. (PriorRequestNotComplete is about one hosted zone still applying a change,
   * not about the account's rate.)
   */
  static final String RATE_EXCEEDED = "Throttling";

  /** The learned request rate never goes below this (requests per second). */
  static final double REQUEST_FLOOR = 0.5;

  /** The learned change rate never goes below this (record changes per second). */
  static final double CHANGE_FLOOR = 10;

  /**
   * Throttled attempts of one call in a row after which it fails: a bound for calls without a
   * deadline (reads); change batches stop at their deadline long before on a learning pacer.
   */
  static final int MAX_THROTTLED_ATTEMPTS = 100;

  /**
   * Set by {@link ChangeApplier} on a change batch: how many nanoseconds it may still wait for the
   * change pacer, asked at each attempt. A longer wait is refused ({@link PacingDeadline}): the
   * batch is not sent rather than sent past its deadline.
   */
  static final ExecutionAttribute<LongSupplier> MAY_WAIT =
      new ExecutionAttribute<>("zonesync.mayWait");

  /** When the attempt left, on the pacers' clock (to tell a stale throttle from a new one). */
  private static final ExecutionAttribute<Long> SENT_AT =
      new ExecutionAttribute<>("zonesync.sentAt");

  private Route53Clients() {}

  /** The two pacers of one client, shared by every zone it syncs. */
  record Pacers(RequestPacer requests, RequestPacer changes) {}

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
    return create(settings, credentials, httpClient, System::nanoTime);
  }

  /** As above, the pacers on {@code clock} (nanoseconds; tests). */
  static Route53Client create(
      Route53Settings settings,
      AwsCredentialsProvider credentials,
      SdkHttpClient httpClient,
      LongSupplier clock) {
    Pacers pacers =
        new Pacers(
            RequestPacer.learning(
                settings.requestsPerSecond(), REQUEST_FLOOR, settings.burst(), clock),
            RequestPacer.learning(
                settings.changesPerSecond(), CHANGE_FLOOR, settings.changesBurst(), clock));
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
            .retryStrategy(
                new PacedRetryStrategy(
                    retryStrategy(settings), Route53Clients::rateExceeded, MAX_THROTTLED_ATTEMPTS))
            .addExecutionInterceptor(new MeteringInterceptor(pacers))
            .build());
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    if (credentials != null) {
      b.credentialsProvider(credentials);
    }
    Route53Client client = b.build();
    PACERS.put(client, pacers);
    return client;
  }

  /** Each client's pacers, for {@link #changePacingWait} and {@link #learnedRates}. */
  private static final Map<Route53Client, Pacers> PACERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  static Optional<Pacers> pacers(Route53Client client) {
    return Optional.ofNullable(PACERS.get(client));
  }

  /**
   * How long a ChangeResourceRecordSets request of {@code changes} changes would wait for the
   * client's change-pacing bucket now, at the rate learned so far (zero for a client this class did
   * not build).
   */
  static Duration changePacingWait(Route53Client client, int changes) {
    Pacers p = PACERS.get(client);
    return p == null || changes < 1
        ? Duration.ZERO
        : Duration.ofNanos(p.changes().nextWaitNanos(changes));
  }

  /** The rates the client's pacers have learned so far (empty for a client not built here). */
  public static Optional<LearnedRates> learnedRates(Route53Client client) {
    return pacers(client)
        .map(
            p ->
                new LearnedRates(
                    p.requests().rate(),
                    p.changes().rate(),
                    p.requests().decreases() + p.changes().decreases()));
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
    return t instanceof SdkException e && THROTTLING_CODES.contains(Route53Errors.code(e));
  }

  /** Route 53's "a per-account bucket is empty": paced, not counted against the attempts. */
  static boolean rateExceeded(Throwable t) {
    return t instanceof SdkException e && RATE_EXCEEDED.equals(Route53Errors.code(e));
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
   * Why a change batch was not sent: the change pacer would have held it longer than {@link
   * #MAY_WAIT} allowed (the cause of the {@link NonRetryableException} the call then throws).
   */
  static final class PacingDeadline extends RuntimeException {
    private final Duration wait;
    private final Duration left;

    PacingDeadline(Duration wait, Duration left) {
      super(
          "the change pacer would hold the batch "
              + wait.toMillis()
              + " ms, and it may leave only in the next "
              + Math.max(0, left.toMillis())
              + " ms");
      this.wait = wait;
      this.left = left;
    }

    Duration waitNeeded() {
      return wait;
    }

    Duration left() {
      return left;
    }

    /** The refusal in {@code t}'s causes, if any. */
    static Optional<PacingDeadline> in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof PacingDeadline p) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Paces every HTTP attempt (requests, and the record changes of ChangeResourceRecordSets), tells
   * the pacers about {@code Throttling} answers, and counts attempts, retries and throttled answers
   * for the run.
   */
  static final class MeteringInterceptor implements ExecutionInterceptor {
    private final Pacers pacers;

    MeteringInterceptor(Pacers pacers) {
      this.pacers = pacers;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      // Changes first (the longer wait), then the request token right before sending. Every
      // attempt takes its tokens again: whether Route 53 charged a throttled attempt's changes is
      // not documented, and assuming it did is the side that does not get throttled again.
      int changes = changeCount(context.request());
      if (changes > 0) {
        LongSupplier mayWait = attributes.getAttribute(MAY_WAIT);
        long maxWait = mayWait == null ? Long.MAX_VALUE : mayWait.getAsLong();
        long wait = pacers.changes().reserveWithin(changes, maxWait);
        if (wait < 0) {
          Duration needed = Duration.ofNanos(pacers.changes().nextWaitNanos(changes));
          throw NonRetryableException.create(
              "change batch not sent before its deadline",
              new PacingDeadline(needed, Duration.ofNanos(maxWait)));
        }
        RequestPacer.sleep(wait);
      }
      pacers.requests().acquire();
      attributes.putAttribute(SENT_AT, pacers.requests().now());
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
      int changes = changeCount(context.request());
      if (context.httpResponse().isSuccessful()) {
        // what Route 53 let through: the pacers measure its refill rate from it
        pacers.requests().accepted(1);
        if (changes > 0) {
          pacers.changes().accepted(changes);
        }
        return body;
      }
      if (context.httpResponse().statusCode() < 400 || body.isEmpty()) {
        return body;
      }
      // error bodies are small; read one to see whether Route 53 throttled us
      try (InputStream in = body.get()) {
        byte[] bytes = in.readNBytes(64 * 1024);
        String code = errorCode(new String(bytes, StandardCharsets.UTF_8));
        ApiMeter meter = ApiMeter.current();
        if (meter != null && THROTTLING_CODES.contains(code)) {
          meter.throttled();
        }
        if (RATE_EXCEEDED.equals(code)) {
          Long sentAt = attributes.getAttribute(SENT_AT);
          RequestPacer bucket = changes > 0 ? pacers.changes() : pacers.requests();
          bucket.throttled(sentAt == null ? bucket.now() : sentAt);
        }
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * The {@code <Code>} of a Route 53 ErrorResponse, or "" for a body without one (a proxy's or
     * load balancer's HTML page), as {@link Route53Errors#code} has it.
     */
    static String errorCode(String body) {
      int start = body.indexOf("<Code>");
      int end = start < 0 ? -1 : body.indexOf("</Code>", start);
      return end < 0 ? "" : body.substring(start + "<Code>".length(), end).strip();
    }
  }
}
