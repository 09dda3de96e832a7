package dev.zonesync.model;

import java.util.Map;
import java.util.Objects;

/**
 * The net difference an incremental transfer (IXFR) describes between two versions of a zone.
 *
 * @param fromSerial the version the differences start from (what the hosted zone holds)
 * @param to the SOA of the resulting version
 * @param rrsets net change per RRset (the apex SOA excluded); only touched RRsets appear
 */
public record ZoneDelta(
    DnsName origin, Serial fromSerial, Soa to, Map<RRsetKey, RRsetDelta> rrsets) {
  public ZoneDelta {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(fromSerial, "fromSerial");
    Objects.requireNonNull(to, "to");
    rrsets = Map.copyOf(rrsets);
  }
}
