package dev.zonesync.route53;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket of this process's Route 53 traffic (docs/architecture.md, invariant 7): staying
 * below Route 53's per-account buckets avoids throttling in the first place. {@link Route53Clients}
 * keeps two: one token per HTTP request (Route 53's request-rate bucket), and one token per record
 * change of a ChangeResourceRecordSets request (Route 53's separate change-throughput bucket).
 * Blocks the caller until its tokens are available.
 *
 * <p>Semantics of {@link #acquire(int) acquire(n)}: the bucket holds at most {@code burst} tokens
 * and refills at the current rate. A caller takes its n tokens at once and goes as soon as the
 * bucket has refilled to n (tokens already promised to earlier callers count against it, so
 * concurrent callers queue in order). A request larger than the burst can never find n tokens in a
 * capped bucket; it waits for n tokens' worth of refill instead (the cap does not apply while it
 * waits), so it is delayed by (n − available) / rate and never deadlocks, and the bucket is empty
 * when it goes.
 *
 * <p>The rate is fixed, or learned ({@link #learning}): an {@link AdaptiveRate} below the
 * configured ceiling sets it before every reservation, and a {@code Throttling} answer ({@link
 * #throttled}) lowers it and empties the bucket, so the retry of the throttled request waits for a
 * whole token's (or batch's) worth of refill at the lower rate rather than going straight back to a
 * bucket Route 53 has just said is empty.
 */
public final class RequestPacer {

  private final double burst;
  private final LongSupplier clock;
  private final AdaptiveRate learned; // null: a fixed rate
  private double ratePerNano;
  private double tokens;
  private long last;

  public RequestPacer(double requestsPerSecond, int burst) {
    this(requestsPerSecond, burst, System::nanoTime);
  }

  RequestPacer(double requestsPerSecond, int burst, LongSupplier clock) {
    this(requestsPerSecond, burst, clock, null);
  }

  private RequestPacer(double perSecond, int burst, LongSupplier clock, AdaptiveRate learned) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("requestsPerSecond > 0 and burst >= 1 required");
    }
    this.burst = burst;
    this.clock = clock;
    this.learned = learned;
    this.ratePerNano = (learned == null ? perSecond : learned.rate()) / 1e9;
    this.tokens = burst;
    this.last = clock.getAsLong();
  }

  /**
   * A bucket whose rate is learned from Route 53's answers: it starts below {@code ceiling}, never
   * exceeds it and never goes below {@code floor} (see {@link AdaptiveRate}).
   */
  static RequestPacer learning(double ceiling, double floor, int burst, LongSupplier clock) {
    return new RequestPacer(
        ceiling, burst, clock, new AdaptiveRate(ceiling, floor, clock.getAsLong()));
  }

  /** Takes one token, sleeping as long as needed. */
  public void acquire() {
    acquire(1);
  }

  /** Takes {@code n} tokens (n >= 1), sleeping as long as needed; see the class comment. */
  public void acquire(int n) {
    sleep(reserve(n));
  }

  static void sleep(long nanos) {
    if (nanos > 0) {
      try {
        Thread.sleep(Duration.ofNanos(nanos));
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
    return reserveWithin(n, Long.MAX_VALUE);
  }

  /**
   * As {@link #reserve}, unless the caller would have to wait longer than {@code maxWaitNanos}:
   * then it takes nothing and returns -1 (a change batch that could not leave before its deadline
   * must not hold tokens it will never use).
   */
  synchronized long reserveWithin(int n, long maxWaitNanos) {
    if (n < 1) {
      throw new IllegalArgumentException("tokens to take must be >= 1, got " + n);
    }
    refill();
    long wait = waitFor(n);
    if (wait > maxWaitNanos) {
      return -1;
    }
    if (learned != null) {
      if (wait > 0) {
        learned.heldBack();
      } else if (tokens >= burst) {
        learned.idle();
      }
    }
    tokens -= n;
    return wait;
  }

  /**
   * Route 53 answered {@code Throttling} to a request that left at {@code sentAtNanos} (this
   * pacer's clock): a learning pacer lowers its rate and empties its bucket, unless an earlier
   * answer already did so for requests sent before it. A fixed pacer ignores it.
   */
  synchronized void throttled(long sentAtNanos) {
    if (learned == null) {
      return;
    }
    refill();
    if (learned.throttled(sentAtNanos, last)) {
      ratePerNano = learned.rate() / 1e9;
      tokens = Math.min(tokens, 0);
    }
  }

  /** Route 53 accepted a request that took {@code n} of this pacer's tokens. */
  synchronized void accepted(int n) {
    if (learned != null) {
      learned.accepted(n);
    }
  }

  /** The current rate per second (the learned one, or the fixed one). */
  synchronized double rate() {
    refill();
    return ratePerNano * 1e9;
  }

  /** The configured ceiling (the fixed rate of a pacer that does not learn). */
  double ceiling() {
    return learned == null ? ratePerNano * 1e9 : learned.ceiling();
  }

  /** Throttles that lowered the rate since the pacer was built (0 for a fixed pacer). */
  int decreases() {
    return learned == null ? 0 : learned.decreases();
  }

  /** This pacer's clock, on which {@link #throttled} expects the send time. */
  long now() {
    return clock.getAsLong();
  }

  private long waitFor(int n) {
    return tokens >= n ? 0 : (long) Math.ceil((n - tokens) / ratePerNano);
  }

  /** Adds the refill since the last call at the rate that held, then takes up the learned rate. */
  private void refill() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
    if (learned != null) {
      ratePerNano = learned.rateAt(now) / 1e9;
    }
  }
}
