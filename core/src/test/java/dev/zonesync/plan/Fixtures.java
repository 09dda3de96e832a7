package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small builders for plan tests. */
final class Fixtures {

  static final DnsName ZONE = DnsName.of("corp.example.");
  static final DnsName NS1 = DnsName.of("ns1.corp.example.");

  private Fixtures() {}

  static DnsName n(String relative) {
    return relative.equals("@") ? ZONE : DnsName.of(relative + "." + ZONE.text());
  }

  static RRset rr(String name, String type, long ttl, String... values) {
    RrType t = RrType.fromName(type);
    List<String> canon =
        Arrays.stream(values).map(v -> Rdata.canonicalize(t, v, Escaping.DECIMAL)).toList();
    return RRset.of(n(name), t, ttl, canon);
  }

  static HostedRRset hosted(RRset r) {
    return HostedRRset.plain(r, r.values());
  }

  static HostedRRset hosted(String name, String type, long ttl, String... values) {
    return hosted(rr(name, type, ttl, values));
  }

  static HostedRRset alias(String name, String type) {
    return new HostedRRset(
        n(name), RrType.fromName(type), 0, List.of(), List.of(), null, "lb.elb.amazonaws.com.");
  }

  static HostedRRset weighted(String name, String type, String id, String value) {
    RRset r = rr(name, type, 60, value);
    return new HostedRRset(r.name(), r.type(), 60, r.values(), r.values(), id, null);
  }

  static HostedRRset hostedSoa(long serial) {
    return hosted(
        "@",
        "SOA",
        900,
        "ns-2048.awsdns-64.net. hostmaster.example.com. " + serial + " 7200 900 1209600 86400");
  }

  static HostedRRset hostedNs() {
    return hosted("@", "NS", 172800, "ns-2048.awsdns-64.net.", "ns-2049.awsdns-00.com.");
  }

  /**
   * The marker an earlier run left, for a zone of {@code rrsets} managed RRsets, no cuts, with the
   * SOA of {@link #hostedSoa} that run wrote.
   */
  static HostedRRset marker(long serial, long rrsets) {
    return hosted(
        new SyncMarker(
                Serial.of(serial),
                NS1,
                rrsets,
                java.util.Set.of(),
                dev.zonesync.model.SoaTemplate.of(hostedSoa(serial)),
                null)
            .toRRset(ZONE));
  }

  /** A marker as versions before the SOA template wrote it. */
  static HostedRRset legacyMarker(long serial, long rrsets) {
    return hosted(new SyncMarker(Serial.of(serial), NS1, rrsets, java.util.Set.of()).toRRset(ZONE));
  }

  static ZoneSnapshot snapshot(long serial, RRset... rrsets) {
    List<RRset> all = new ArrayList<>(Arrays.asList(rrsets));
    all.add(rr("@", "NS", 3600, "ns1.corp.example.", "ns2.corp.example."));
    return new ZoneSnapshot(
        ZONE, new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(serial), 3600), all);
  }

  /** A freshly created hosted zone: SOA serial 1 and Route 53's NS. */
  static List<HostedRRset> freshHostedZone(HostedRRset... more) {
    List<HostedRRset> out = new ArrayList<>(List.of(hostedSoa(1), hostedNs()));
    out.addAll(Arrays.asList(more));
    return out;
  }

  static Plan plan(ZoneSnapshot s, List<HostedRRset> current) {
    return Planner.plan(s, current, OwnershipRules.defaults(ZONE), BatchLimits.ROUTE53);
  }
}
