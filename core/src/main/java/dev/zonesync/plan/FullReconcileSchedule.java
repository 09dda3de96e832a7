package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * When a zone's scheduled runs reconcile it in full on their own (docs/architecture.md, "Full
 * reconcile"): once per period, at a slot fixed by a hash of the zone's name, so that a thousand
 * zones deployed together spread their full reconciles over the period instead of all coming due in
 * the same run. A run that cannot do it (deadline, failure) leaves the zone due; the next run tries
 * again. Pure.
 *
 * @param every the period, or null when the zone is never reconciled in full on its own
 */
public record FullReconcileSchedule(DnsName zone, Duration every) {

  /** A zone whose last full reconcile is older than this many periods is overdue. */
  public static final double OVERDUE_PERIODS = 1.25;

  /**
   * How long after its slot a zone whose marker does not say when it was last reconciled (written
   * by an older version) is due: its first run in that window reconciles it and records the time.
   */
  static final long UNKNOWN_WINDOW_DIVISOR = 8;

  public FullReconcileSchedule {
    java.util.Objects.requireNonNull(zone, "zone");
    if (every != null && (every.isNegative() || every.isZero())) {
      throw new IllegalArgumentException("full reconcile period must be positive, got " + every);
    }
  }

  /** The zone's slot within each period: seconds after each multiple of the period since 1970. */
  long phaseSeconds() {
    CRC32 crc = new CRC32();
    crc.update(zone.text().getBytes(StandardCharsets.ISO_8859_1));
    return crc.getValue() % every.toSeconds();
  }

  /** The zone's latest slot at or before {@code now}. */
  Instant latestSlot(Instant now) {
    long period = every.toSeconds();
    long sinceFirst = Math.floorMod(now.getEpochSecond() - phaseSeconds(), period);
    return Instant.ofEpochSecond(now.getEpochSecond() - sinceFirst);
  }

  /**
   * Why a full reconcile is due now, or null.
   *
   * @param lastFull when the marker says the zone was last reconciled in full, or null if unknown
   */
  public String due(Instant lastFull, Instant now) {
    if (every == null) {
      return null;
    }
    Instant slot = latestSlot(now);
    if (lastFull == null) {
      Duration window = every.dividedBy(UNKNOWN_WINDOW_DIVISOR);
      return Duration.between(slot, now).compareTo(window) < 0
          ? "periodic full reconcile (every "
              + text(every)
              + "; the marker does not say when the last one was)"
          : null;
    }
    if (!lastFull.isBefore(slot)) {
      return null;
    }
    return "periodic full reconcile (every " + text(every) + "; last " + lastFull + ")";
  }

  /** The wait after a first failed full reconcile; it doubles with each further failure. */
  public static final Duration FIRST_RETRY = Duration.ofMinutes(15);

  /** The longest wait between attempts for a zone never reconciled on its own schedule. */
  static final Duration MAX_RETRY_UNSCHEDULED = Duration.ofHours(6);

  /**
   * When a full reconcile may be tried again after {@code failures} in a row: {@link #FIRST_RETRY}
   * after the first, doubling, at most a quarter of the period (so a zone still gets about four
   * attempts per period), never less than {@link #FIRST_RETRY}. Until then the zone's runs go on
   * incrementally: a full reconcile that cannot succeed never stops the master's changes from
   * arriving.
   */
  public Instant retryAt(dev.zonesync.model.SyncMarker.FullFailures failures) {
    Duration cap = every == null ? MAX_RETRY_UNSCHEDULED : every.dividedBy(4);
    if (cap.compareTo(FIRST_RETRY) < 0) {
      cap = FIRST_RETRY;
    }
    Duration wait = FIRST_RETRY;
    for (int i = 1; i < failures.count() && wait.compareTo(cap) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return failures.last().plus(wait.compareTo(cap) > 0 ? cap : wait);
  }

  /** True when the last full reconcile is older than {@link #OVERDUE_PERIODS} periods. */
  public boolean overdue(Instant lastFull, Instant now) {
    if (every == null || lastFull == null) {
      return false;
    }
    long limit = (long) (every.toSeconds() * OVERDUE_PERIODS);
    return Duration.between(lastFull, now).toSeconds() > limit;
  }

  private static String text(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
