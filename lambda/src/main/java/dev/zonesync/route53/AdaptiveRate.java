package dev.zonesync.route53;

import java.time.Duration;

/**
 * A sending rate learned from Route 53's {@code Throttling} answers, below a configured ceiling and
 * above a floor. Route 53 throttles per account, and the account is shared with every other tool:
 * the rate that works is not known in advance and changes when they come and go, so zonesync starts
 * below its ceiling and adjusts to what the answers say.
 *
 * <ul>
 *   <li><b>Throttle: the rate halves</b> (never below the floor). Only once per overload: a
 *       throttled request sent before the last decrease was answered for by that decrease (requests
 *       in flight when the bucket ran dry all come back throttled), so it lowers nothing.
 *   <li><b>What Route 53 let through.</b> A throttle says Route 53's bucket is empty. Between two
 *       throttles at least {@link #MIN_SPAN} apart, with callers drawing on the bucket all along,
 *       what it accepted per second is what it refilled, give or take one request: that is the
 *       {@code estimate} of its rate. A throttle while sending below that rate (a request that
 *       arrived late, the bucket drawn down by another tool) measures only what was sent, so a
 *       lower measurement moves the estimate down by at most {@link #ESTIMATE_KEEP} per throttle, a
 *       higher one at once. A span in which the pacer idled (its own bucket full: Route 53's may
 *       have filled and overflowed) is not used.
 *   <li><b>Quiet: the rate steps up.</b> After a quiet interval in which the rate held callers back
 *       (some caller had to wait: an idle pacer learns nothing about Route 53) and Route 53
 *       accepted at least {@link #MIN_ACCEPTED} requests at it, the rate steps up: straight back to
 *       {@link #SHARE} of the estimate when below it (a halving costs one quiet interval, not a
 *       slow climb); above it by {@link #STEP} at a time; with no estimate yet, halfway to the rate
 *       last throttled, or double while nothing has been throttled. Never above the ceiling.
 *   <li><b>Fewer failed steps once converged.</b> A throttle of a rate above the estimate doubles
 *       the quiet interval required before the next step above {@link #SHARE} of it (from {@link
 *       #QUIET} up to {@link #MAX_PROBE_INTERVAL}): near Route 53's rate zonesync stays just below
 *       it and tries a little more about once a minute. A rate above the bucket's refill rate holds
 *       for as long as the bucket's burst lasts, which is why the estimate, not "it held", sets
 *       where the rate goes back to.
 * </ul>
 *
 * Times are nanoseconds of one monotonic clock, passed in by the caller (tests use a fake one).
 * Thread-safe.
 */
final class AdaptiveRate {

  /** What a throttle multiplies the rate by. */
  static final double DECREASE = 0.5;

  /** The least time without a throttle before the rate moves up again. */
  static final Duration QUIET = Duration.ofSeconds(2);

  /** The longest quiet interval before a step above the estimate. */
  static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(60);

  /** A step above the estimate (or with no estimate, towards the rate last throttled): 2 %. */
  static final double STEP = 0.02;

  /** The share of the estimate a step goes back to at once. */
  static final double SHARE = 0.95;

  /** The shortest time between two throttles whose throughput makes an estimate. */
  static final Duration MIN_SPAN = Duration.ofSeconds(5);

  /** The least share of the previous estimate a lower measurement leaves. */
  static final double ESTIMATE_KEEP = 0.9;

  /** Requests Route 53 must have accepted at the current rate before it steps up. */
  static final int MIN_ACCEPTED = 2;

  /** Where the learned rate starts, as a share of the ceiling. */
  static final double START = 0.5;

  private final double ceiling;
  private final double floor;
  private double rate;
  private double estimate = Double.NaN;
  private double limit = Double.POSITIVE_INFINITY;
  private long lastChange;
  private long lastDecrease;
  private boolean decreased;
  private long probeInterval = QUIET.toNanos();
  private boolean held;
  private int acceptedAtRate;
  private boolean spanOpen;
  private long spanStart;
  private double acceptedInSpan;
  private int throttles;

  /**
   * @param ceiling the configured rate, never exceeded
   * @param floor the least rate, however often Route 53 throttles (lowered to the start when the
   *     ceiling is so low that the start is below it)
   * @param now the clock's reading when the pacer is built
   */
  AdaptiveRate(double ceiling, double floor, long now) {
    if (!(ceiling > 0) || Double.isInfinite(ceiling) || !(floor > 0)) {
      throw new IllegalArgumentException(
          "ceiling and floor must be positive, got " + ceiling + " and " + floor);
    }
    this.ceiling = ceiling;
    this.rate = ceiling * START;
    this.floor = Math.min(floor, rate);
    this.lastChange = now;
  }

  /** The rate to send at now, after the step up that is due (if any). */
  synchronized double rateAt(long now) {
    boolean known = !Double.isNaN(estimate);
    boolean below = known && rate < SHARE * estimate;
    long interval = !known || below ? QUIET.toNanos() : probeInterval;
    if (held && acceptedAtRate >= MIN_ACCEPTED && now - lastChange >= interval) {
      double next;
      if (!known) {
        next =
            Double.isInfinite(limit) ? rate * 2 : Math.max(rate * (1 + STEP), (rate + limit) / 2);
      } else if (below) {
        next = SHARE * estimate;
      } else {
        next = rate * (1 + STEP);
      }
      rate = Math.min(ceiling, Math.max(floor, next));
      lastChange = now;
      held = false;
      acceptedAtRate = 0;
    }
    return rate;
  }

  /** A caller had to wait at the current rate: the rate, not the demand, set the pace. */
  synchronized void heldBack() {
    held = true;
  }

  /** Route 53 accepted a request that took {@code n} tokens. */
  synchronized void accepted(int n) {
    acceptedAtRate++;
    if (spanOpen) {
      acceptedInSpan += n;
    }
  }

  /**
   * The pacer found its bucket full: callers were not held back, so Route 53's bucket may have
   * filled and overflowed too, and what it accepts until the next throttle is no measure of its
   * rate.
   */
  synchronized void idle() {
    spanOpen = false;
  }

  /**
   * Route 53 answered {@code Throttling} to a request that left at {@code sentAt}.
   *
   * @return whether the rate went down (false for a request sent before the last decrease)
   */
  synchronized boolean throttled(long sentAt, long now) {
    if (decreased && sentAt - lastDecrease < 0) {
      return false;
    }
    if (spanOpen && now - spanStart >= MIN_SPAN.toNanos() && acceptedInSpan > 0) {
      double measured = acceptedInSpan / ((now - spanStart) / 1e9);
      // a throttle while sending below Route 53's rate (a late request, a burst drawn down by
      // another tool) measures what was sent, not what Route 53 refills: the estimate follows a
      // lower measurement only a tenth at a time, a higher one at once
      estimate = Double.isNaN(estimate) ? measured : Math.max(measured, ESTIMATE_KEEP * estimate);
    }
    spanOpen = true;
    spanStart = now;
    acceptedInSpan = 0;
    if (!Double.isNaN(estimate) && rate > estimate) {
      probeInterval = Math.min(MAX_PROBE_INTERVAL.toNanos(), probeInterval * 2);
    }
    limit = rate;
    rate = Math.max(floor, rate * DECREASE);
    lastChange = now;
    lastDecrease = now;
    decreased = true;
    held = false;
    acceptedAtRate = 0;
    throttles++;
    return true;
  }

  synchronized double rate() {
    return rate;
  }

  /** Route 53's rate as last measured between two throttles; NaN before. */
  synchronized double estimate() {
    return estimate;
  }

  double ceiling() {
    return ceiling;
  }

  double floor() {
    return floor;
  }

  /** Throttles that lowered the rate, since the pacer was built. */
  synchronized int decreases() {
    return throttles;
  }
}
