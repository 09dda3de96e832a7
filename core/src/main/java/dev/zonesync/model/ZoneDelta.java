package dev.zonesync.model;

import java.util.Map;
import java.util.Objects;

/**
 * The net difference an incremental transfer (IXFR) describes between two versions of a zone.
 *
 * @param fromSerial the version the differences start from (what the hosted zone holds)
 * @param to the SOA of the resulting version
 * @param rrsets net change per RRset (the apex SOA excluded); only touched RRsets appear
 * @param unconvertible touched RRsets with a record zonesync could not convert, and why
 */
public record ZoneDelta(
    DnsName origin,
    Serial fromSerial,
    Soa to,
    Map<RRsetKey, RRsetDelta> rrsets,
    Map<RRsetKey, String> unconvertible) {
  public ZoneDelta {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(fromSerial, "fromSerial");
    Objects.requireNonNull(to, "to");
    rrsets = Map.copyOf(rrsets);
    unconvertible = Map.copyOf(unconvertible);
  }

  public ZoneDelta(DnsName origin, Serial fromSerial, Soa to, Map<RRsetKey, RRsetDelta> rrsets) {
    this(origin, fromSerial, to, rrsets, Map.of());
  }
}
