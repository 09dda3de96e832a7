package dev.zonesync.model;

import java.util.List;
import java.util.Objects;

/**
 * The complete, verified content of a source zone: its SOA and every other RRset (the apex SOA is
 * not repeated in {@code rrsets}).
 */
public record ZoneSnapshot(DnsName origin, Soa soa, List<RRset> rrsets) {
  public ZoneSnapshot {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(soa, "soa");
    rrsets = List.copyOf(rrsets);
  }

  public int recordCount() {
    int n = 1;
    for (RRset r : rrsets) {
      n += r.values().size();
    }
    return n;
  }
}
