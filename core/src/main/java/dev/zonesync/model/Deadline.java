package dev.zonesync.model;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A point in time by which work must be done; every network wait is capped by it. */
public final class Deadline {

  private final LongSupplier nanoClock;
  private final long endNanos;

  private Deadline(LongSupplier nanoClock, long endNanos) {
    this.nanoClock = nanoClock;
    this.endNanos = endNanos;
  }

  public static Deadline after(Duration budget) {
    return after(budget, System::nanoTime);
  }

  /** For tests: a deadline on a controllable clock. */
  public static Deadline after(Duration budget, LongSupplier nanoClock) {
    return new Deadline(nanoClock, nanoClock.getAsLong() + budget.toNanos());
  }

  public Duration remaining() {
    long left = endNanos - nanoClock.getAsLong();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  public boolean isExpired() {
    return endNanos - nanoClock.getAsLong() <= 0;
  }

  /** The smaller of {@code limit} and the time left, never negative. */
  public Duration cap(Duration limit) {
    Duration left = remaining();
    return left.compareTo(limit) < 0 ? left : limit;
  }

  /** A deadline {@code reserve} earlier than this one (time kept back for reporting). */
  public Deadline minus(Duration reserve) {
    return new Deadline(nanoClock, endNanos - reserve.toNanos());
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining().toMillis() + "ms]";
  }
}
