package dev.zonesync.route53;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket of this process's Route 53 traffic (docs/architecture.md, invariant 7): staying
 * below Route 53's per-account buckets avoids throttling in the first place. {@link Route53Clients}
 * keeps two: one token per HTTP request (Route 53 allows 10 requests/s per account), and one token
 * per record change of a ChangeResourceRecordSets request (Route 53's separate change-throughput
 * bucket). Blocks the caller until its tokens are available.
 *
 * <p>Semantics of {@link #acquire(int) acquire(n)}: the bucket holds at most {@code burst} tokens
 * and refills at the configured rate. A caller takes its n tokens at once and goes as soon as the
 * bucket has refilled to n (tokens already promised to earlier callers count against it, so
 * concurrent callers queue in order). A request larger than the burst can never find n tokens in a
 * capped bucket; it waits for n tokens' worth of refill instead (the cap does not apply while it
 * waits), so it is delayed by (n − available) / rate and never deadlocks, and the bucket is empty
 * when it goes.
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
    acquire(1);
  }

  /** Takes {@code n} tokens (n >= 1), sleeping as long as needed; see the class comment. */
  public void acquire(int n) {
    long wait;
    synchronized (this) {
      wait = reserve(n);
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
    return nextWaitNanos(1);
  }

  /** Nanoseconds the next {@link #acquire(int) acquire(n)} would wait, taking nothing. */
  synchronized long nextWaitNanos(int n) {
    refill();
    return waitFor(n);
  }

  /**
   * Takes n tokens without sleeping and returns how long the caller must sleep before it sends (for
   * tests with a fake clock: the caller that would have slept is assumed to have slept).
   */
  synchronized long reserve(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("tokens to take must be >= 1, got " + n);
    }
    refill();
    long wait = waitFor(n);
    tokens -= n;
    return wait;
  }

  private long waitFor(int n) {
    return tokens >= n ? 0 : (long) Math.ceil((n - tokens) / ratePerNano);
  }

  private void refill() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
