package dev.zonesync.route53;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket in front of every Route 53 HTTP request from this process (docs/architecture.md,
 * invariant 7: Route 53 allows 10 requests/s per account; staying below it avoids throttling in the
 * first place). Blocks the caller until a token is available.
 */
public final class RequestPacer {

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier clock;
  private double tokens;
  private long last;

  public RequestPacer(double requestsPerSecond, int burst) {
    this(requestsPerSecond, burst, System::nanoTime);
  }

  RequestPacer(double requestsPerSecond, int burst, LongSupplier clock) {
    if (requestsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("requestsPerSecond > 0 and burst >= 1 required");
    }
    this.ratePerNano = requestsPerSecond / 1e9;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.getAsLong();
  }

  /** Takes one token, sleeping as long as needed. */
  public void acquire() {
    long wait;
    synchronized (this) {
      refill();
      tokens -= 1;
      wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }
    if (wait > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing Route 53 requests", e);
      }
    }
  }

  /** Nanoseconds the next {@link #acquire()} would wait (for tests). */
  synchronized long nextWaitNanos() {
    refill();
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  private void refill() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
