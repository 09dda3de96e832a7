package dev.zonesync.route53;

import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's retry strategy with one difference: an answer that says the account's rate was exceeded
 * is retried without spending one of the call's attempts. The pacer has already learned from that
 * answer (a lower rate, an empty bucket), so the retry waits there, in the interceptor that paces
 * every attempt, not here: the delay returned for it is zero. Every other failure is the wrapped
 * strategy's to decide, on the wrapped strategy's own token, so {@code maxAttempts} and the backoff
 * still bound PriorRequestNotComplete, 5xx and network errors.
 *
 * <p>Throttled attempts of one call in a row are bounded ({@code maxThrottled}), for calls that
 * carry no deadline.
 */
final class PacedRetryStrategy implements RetryStrategy {

  private final RetryStrategy delegate;
  private final Predicate<Throwable> rateExceeded;
  private final int maxThrottled;

  /** The wrapped strategy's token, and the throttled attempts this call has had in a row. */
  record Token(RetryToken delegate, int throttledInARow) implements RetryToken {}

  PacedRetryStrategy(RetryStrategy delegate, Predicate<Throwable> rateExceeded, int maxThrottled) {
    if (maxThrottled < 1) {
      throw new IllegalArgumentException("maxThrottled must be >= 1, got " + maxThrottled);
    }
    this.delegate = delegate;
    this.rateExceeded = rateExceeded;
    this.maxThrottled = maxThrottled;
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    AcquireInitialTokenResponse r = delegate.acquireInitialToken(request);
    return AcquireInitialTokenResponse.create(new Token(r.token(), 0), r.delay());
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    Token token = (Token) request.token();
    if (rateExceeded.test(request.failure())) {
      if (token.throttledInARow() + 1 >= maxThrottled) {
        throw new TokenAcquisitionFailedException(
            "throttled " + maxThrottled + " times in a row", token, request.failure());
      }
      return RefreshRetryTokenResponse.create(
          new Token(token.delegate(), token.throttledInARow() + 1), Duration.ZERO);
    }
    try {
      RefreshRetryTokenResponse r =
          delegate.refreshRetryToken(request.toBuilder().token(token.delegate()).build());
      return RefreshRetryTokenResponse.create(new Token(r.token(), 0), r.delay());
    } catch (TokenAcquisitionFailedException e) {
      throw new TokenAcquisitionFailedException(e.getMessage(), token, e.getCause());
    }
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    Token token = (Token) request.token();
    delegate.recordSuccess(RecordSuccessRequest.create(token.delegate()));
    return RecordSuccessResponse.create(token);
  }

  @Override
  public int maxAttempts() {
    return delegate.maxAttempts();
  }

  @Override
  public boolean useClientDefaults() {
    return false;
  }

  /** The wrapped strategy's builder: what it builds no longer paces (nothing here rebuilds it). */
  @Override
  public Builder<?, ?> toBuilder() {
    return delegate.toBuilder();
  }
}
