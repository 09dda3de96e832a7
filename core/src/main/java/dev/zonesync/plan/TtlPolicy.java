package dev.zonesync.plan;

import dev.zonesync.model.RRset;

/** Bounds applied to every mirrored TTL (e.g. raise 0-second TTLs to keep resolver load sane). */
public record TtlPolicy(long min, long max) {

  public static final TtlPolicy NONE = new TtlPolicy(0, RRset.MAX_TTL);

  public TtlPolicy {
    if (min < 0 || max > RRset.MAX_TTL || min > max) {
      throw new IllegalArgumentException(
          "ttl policy needs 0 <= min <= max <= "
              + RRset.MAX_TTL
              + ", got min="
              + min
              + " max="
              + max);
    }
  }

  public long apply(long ttl) {
    return Math.max(min, Math.min(max, ttl));
  }
}
