package dev.zonesync.model;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The complete, verified content of a source zone: its SOA and every other RRset (the apex SOA is
 * not repeated among the RRsets), indexed by name and type.
 */
public final class ZoneSnapshot {

  private final DnsName origin;
  private final Soa soa;
  private final Map<RRsetKey, RRset> byKey;
  private final Map<RRsetKey, String> unconvertible;

  /** A snapshot of these RRsets (one per name and type). */
  public ZoneSnapshot(DnsName origin, Soa soa, Collection<RRset> rrsets) {
    this(origin, soa, index(rrsets), Map.of());
  }

  private ZoneSnapshot(
      DnsName origin, Soa soa, Map<RRsetKey, RRset> byKey, Map<RRsetKey, String> unconvertible) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.soa = Objects.requireNonNull(soa, "soa");
    this.byKey = Collections.unmodifiableMap(byKey);
    this.unconvertible = Map.copyOf(unconvertible);
    for (RRsetKey k : this.unconvertible.keySet()) {
      if (byKey.containsKey(k)) {
        throw new IllegalArgumentException(k + " is both an RRset and unconvertible");
      }
    }
  }

  /**
   * A snapshot over an index built by the caller, taken over without copying (a million-record zone
   * must not exist twice in memory). The caller must not modify the map afterwards.
   */
  public static ZoneSnapshot adopt(DnsName origin, Soa soa, Map<RRsetKey, RRset> byKey) {
    return new ZoneSnapshot(origin, soa, byKey, Map.of());
  }

  /**
   * As {@link #adopt(DnsName, Soa, Map)}, with the RRsets whose data could not be converted (left
   * out of {@code byKey}; each with why, naming the record).
   */
  public static ZoneSnapshot adopt(
      DnsName origin, Soa soa, Map<RRsetKey, RRset> byKey, Map<RRsetKey, String> unconvertible) {
    return new ZoneSnapshot(origin, soa, byKey, unconvertible);
  }

  /** RRsets of the source whose record data zonesync could not convert, and why. */
  public Map<RRsetKey, String> unconvertible() {
    return unconvertible;
  }

  private static Map<RRsetKey, RRset> index(Collection<RRset> rrsets) {
    Map<RRsetKey, RRset> m = new HashMap<>(Math.max(16, rrsets.size() * 4 / 3 + 1));
    for (RRset r : rrsets) {
      if (m.put(r.key(), r) != null) {
        throw new IllegalArgumentException("two RRsets for " + r.key());
      }
    }
    return m;
  }

  public DnsName origin() {
    return origin;
  }

  public Soa soa() {
    return soa;
  }

  /** Every RRset but the apex SOA. */
  public Collection<RRset> rrsets() {
    return byKey.values();
  }

  /** The RRset with this name and type, or null. */
  public RRset get(RRsetKey key) {
    return byKey.get(key);
  }

  public int size() {
    return byKey.size();
  }

  public int recordCount() {
    int n = 1;
    for (RRset r : byKey.values()) {
      n += r.values().size();
    }
    return n;
  }
}
