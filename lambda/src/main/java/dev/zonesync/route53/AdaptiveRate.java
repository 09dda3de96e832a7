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
 *   <li><b>Quiet: the rate probes upward.</b> After a quiet interval without a counted throttle in
 *       which the rate held callers back (some caller had to wait: an idle pacer learns nothing
 *       about Route 53), the rate steps up: back to the last rate that held for a quiet interval
 *       ({@code safe}) when it is below it; else halfway to the rate last throttled ({@code
 *       limit}), at least 2 % up; else (nothing throttled yet, or the rate now holds where it once
 *       did not) it doubles. Never above the ceiling.
 *   <li><b>A failed probe steps back, not down.</b> A throttle of a step above {@code safe} sends
 *       the rate back to {@code safe} (the bucket held that a moment ago; halving would cost a
 *       whole batch's time at half speed for every probe) and doubles the wait before the next step
 *       above it (from {@link #QUIET} up to {@link #MAX_PROBE_INTERVAL}): near Route 53's bucket
 *       the rate stays at the last one that held and tries a little more about once a minute. A
 *       throttle at or below {@code safe} means the bucket shrank (another tool took its share):
 *       {@code safe} is forgotten and the rate halves.
 *   <li><b>What Route 53 let through.</b> From a throttle on (Route 53's bucket was empty then),
 *       while callers keep drawing on it, the tokens of the requests it accepted per second are its
 *       refill rate: after {@link #MEASURE_AFTER}, a step goes straight back to {@link
 *       #MEASURED_SHARE} of that throughput when the rate is below it (after a halving: no slow
 *       climb back), and above it only {@link #MIN_PROBE_STEP} at a time. A rate above the refill
 *       rate holds for as long as the bucket's burst lasts, so "it held for a quiet interval" alone
 *       would creep above it. The measurement ends when the pacer idles (its own bucket full).
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

  /** The longest wait between two probes above the last rate that held. */
  static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(60);

  /** The least step of a probe towards the rate last throttled (2 % of the rate). */
  static final double MIN_PROBE_STEP = 0.02;

  /** Where the learned rate starts, as a share of the ceiling. */
  static final double START = 0.5;

  /** How long Route 53's throughput is measured before it is trusted (see {@link #measured}). */
  static final Duration MEASURE_AFTER = Duration.ofSeconds(10);

  /** The share of the measured throughput a step goes back to at once. */
  static final double MEASURED_SHARE = 0.98;

  private final double ceiling;
  private final double floor;
  private double rate;
  private double safe;
  private double limit = Double.POSITIVE_INFINITY;
  private long lastChange;
  private long lastDecrease;
  private boolean decreased;
  private long probeInterval = QUIET.toNanos();
  private boolean held;
  private int throttles;
  private boolean measuring;
  private long measuredSince;
  private double acceptedSince;

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

  /** The rate to send at now, after the probe step that is due (if any). */
  synchronized double rateAt(long now) {
    long interval = rate < safe ? QUIET.toNanos() : probeInterval;
    if (held && now - lastChange >= interval) {
      if (rate < safe) {
        rate = safe;
      } else {
        safe = rate;
        if (limit <= rate) {
          limit = Double.POSITIVE_INFINITY; // holds where it once did not: the bucket grew
          probeInterval = QUIET.toNanos();
        }
        double next =
            Double.isInfinite(limit)
                ? rate * 2
                : Math.max(rate * (1 + MIN_PROBE_STEP), (rate + limit) / 2);
        rate = Math.min(ceiling, next);
      }
      double measured = measured(now);
      if (!Double.isNaN(measured)) {
        // what Route 53 let through is the rate its bucket refills at: go back to just below it at
        // once, and above it only a step at a time (a rate above it can hold for a while on the
        // bucket's burst, so "it held" is no proof there)
        double target = MEASURED_SHARE * measured;
        rate =
            Math.min(
                ceiling,
                Math.max(
                    floor,
                    rate < target
                        ? target
                        : Math.min(rate, Math.max(safe, target) * (1 + MIN_PROBE_STEP))));
      }
      lastChange = now;
      held = false;
    }
    return rate;
  }

  /** A caller had to wait at the current rate: the rate, not the demand, set the pace. */
  synchronized void heldBack() {
    held = true;
  }

  /**
   * Route 53 answered {@code Throttling} to a request that left at {@code sentAt}.
   *
   * @return whether the rate went down (false for a request sent before the last decrease)
   */
  synchronized boolean throttled(long sentAt, long now) {
    if (!measuring) {
      // Route 53's bucket is empty now: from here on, what it accepts is what it refills
      measuring = true;
      measuredSince = now;
      acceptedSince = 0;
    }
    if (decreased && sentAt - lastDecrease < 0) {
      return false;
    }
    limit = rate;
    if (safe > 0 && rate > safe) {
      // a step above the last rate that held was one too many: back to that rate, and wait
      // longer before the next step
      probeInterval = Math.min(MAX_PROBE_INTERVAL.toNanos(), probeInterval * 2);
      rate = Math.max(floor, safe);
    } else {
      if (safe > 0) {
        safe = 0; // held before, throttled now: the bucket is smaller than it was
        probeInterval = QUIET.toNanos();
      }
      rate = Math.max(floor, rate * DECREASE);
    }
    lastChange = now;
    lastDecrease = now;
    decreased = true;
    held = false;
    throttles++;
    return true;
  }

  /** Route 53 accepted a request that took {@code n} tokens. */
  synchronized void accepted(int n) {
    if (measuring) {
      acceptedSince += n;
    }
  }

  /**
   * The pacer found its bucket full: callers were not held back, so Route 53's bucket may have
   * filled up too and what it accepts no longer tells how fast it refills.
   */
  synchronized void idle() {
    measuring = false;
  }

  /**
   * Route 53's throughput: the tokens of the requests it accepted since it last ran dry (the first
   * throttle since the pacer was busy), per second, once that is {@link #MEASURE_AFTER} ago; NaN
   * before, and while it has accepted nothing. Its bucket was empty then and has been drawn on
   * without pause since, so all it let through is what it refilled, give or take one request.
   */
  synchronized double measured(long now) {
    long elapsed = now - measuredSince;
    return measuring && acceptedSince > 0 && elapsed >= MEASURE_AFTER.toNanos()
        ? acceptedSince / (elapsed / 1e9)
        : Double.NaN;
  }

  synchronized double rate() {
    return rate;
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
