package dev.zonesync.sync;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.sync.port.HostedZone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the hosted zone holds at the names an IXFR touched: name by name while that costs no
 * more calls than one paginated read of the whole zone (at least up to {@link #MIN_TARGETED_READS}
 * names), else in one full read filtered to those names.
 */
final class TouchedNames {

  /** Touched names up to which reading them one by one beats a full paginated read. */
  static final int MIN_TARGETED_READS = 50;

  /** RRsets per ListResourceRecordSets page. */
  private static final int PAGE = 300;

  /**
   * @param kind {@code targeted} or {@code full}, as the report shows it
   * @param atNames every RRset at each touched name (names holding nothing are absent)
   */
  record Read(String kind, Map<DnsName, List<HostedRRset>> atNames) {}

  private TouchedNames() {}

  /**
   * @param hostedRrsets how many RRsets the hosted zone holds (the marker's count)
   */
  static Read read(HostedZone reader, String hostedZoneId, ZoneDelta delta, long hostedRrsets) {
    Set<DnsName> names = new LinkedHashSet<>();
    for (RRsetKey k : delta.rrsets().keySet()) {
      names.add(k.name());
    }
    long fullReadCalls = hostedRrsets / PAGE + 1;
    Map<DnsName, List<HostedRRset>> atNames = new HashMap<>();
    if (names.size() <= Math.max(MIN_TARGETED_READS, fullReadCalls)) {
      for (DnsName n : names) {
        atNames.put(n, reader.readName(hostedZoneId, n));
      }
      return new Read("targeted", atNames);
    }
    for (HostedRRset h : reader.readAll(hostedZoneId)) {
      if (names.contains(h.name())) {
        atNames.computeIfAbsent(h.name(), x -> new ArrayList<>()).add(h);
      }
    }
    return new Read("full", atNames);
  }
}
