package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.NS1;
import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.n;
import static dev.zonesync.plan.Fixtures.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Route 53 may hold at a touched RRset: what zonesync wrote before the change, or the master's
 * RRset after it; anything else is drift. One row per shape, for the change "www A 192.0.2.1 →
 * 192.0.2.1 + 192.0.2.2" (the master adds a value) and others.
 */
class TouchedCheckTest {

  private static final SyncMarker MARKER = new SyncMarker(Serial.of(10), NS1, 50, Set.of());

  /** What the check says, as text: consistent, drift or disagrees. */
  private static String check(
      RRsetDelta d, RRset atMaster, HostedRRset inRoute53, String name, String type) {
    RRsetKey key = new RRsetKey(n(name), RrType.fromName(type));
    ZoneDelta delta =
        new ZoneDelta(
            ZONE,
            Serial.of(10),
            new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(11), 3600),
            Map.of(key, d));
    Map<RRsetKey, RRset> master = new HashMap<>();
    if (atMaster != null) {
      master.put(key, atMaster);
    }
    Map<DnsName, List<HostedRRset>> read = new HashMap<>();
    if (inRoute53 != null) {
      read.put(inRoute53.name(), List.of(inRoute53));
    }
    return switch (TouchedCheck.check(delta, master, read, MARKER, OwnershipRules.defaults(ZONE))) {
      case TouchedCheck.Consistent c -> "consistent";
      case TouchedCheck.Drift x -> "drift";
      case TouchedCheck.Disagrees x -> "disagrees";
    };
  }

  private static RRsetDelta addsValue() {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.add("192.0.2.2", 300);
    return b.build();
  }

  private static RRsetDelta deletesAll() {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.delete("192.0.2.1", 300);
    return b.build();
  }

  static Stream<Arguments> shapes() {
    RRset after = rr("www", "A", 300, "192.0.2.1", "192.0.2.2");
    return Stream.of(
        Arguments.of(
            "Route 53 held what zonesync wrote",
            addsValue(),
            after,
            hosted("www", "A", 300, "192.0.2.1"),
            "consistent"),
        Arguments.of(
            "Route 53 already holds the master's RRset",
            addsValue(),
            after,
            hosted("www", "A", 300, "192.0.2.1", "192.0.2.2"),
            "consistent"),
        Arguments.of(
            "a value added by hand",
            addsValue(),
            after,
            hosted("www", "A", 300, "192.0.2.1", "203.0.113.9"),
            "drift"),
        Arguments.of(
            "a value removed by hand",
            addsValue(),
            after,
            hosted("www", "A", 300, "192.0.2.9"),
            "drift"),
        Arguments.of(
            "another TTL", addsValue(), after, hosted("www", "A", 60, "192.0.2.1"), "drift"),
        Arguments.of("the RRset deleted by hand", addsValue(), after, null, "drift"),
        Arguments.of(
            "the RRset gone at the master and in Route 53 already",
            deletesAll(),
            null,
            null,
            "consistent"),
        Arguments.of(
            "the RRset the master deletes",
            deletesAll(),
            null,
            hosted("www", "A", 300, "192.0.2.1"),
            "consistent"),
        Arguments.of(
            "a value added by hand where the master deletes all",
            deletesAll(),
            null,
            hosted("www", "A", 300, "192.0.2.1", "203.0.113.9"),
            "drift"),
        Arguments.of(
            "the master's answer lacks the value its differences add",
            addsValue(),
            rr("www", "A", 300, "192.0.2.1"),
            hosted("www", "A", 300, "192.0.2.1"),
            "disagrees"));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("shapes")
  void check_eachShapeOfWhatRoute53Holds(
      String shape, RRsetDelta d, RRset atMaster, HostedRRset inRoute53, String verdict) {
    assertThat(check(d, atMaster, inRoute53, "www", "A")).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apexReAdds")
  void check_whenTheDifferencesReAddAWholeApexRRset_acceptsAnyPriorState(
      String shape, HostedRRset inRoute53) {
    // NSD's create-ixfr re-sends unchanged apex RRsets as additions
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.add("10 mx.corp.example.", 300);
    assertThat(check(b.build(), rr("@", "MX", 300, "10 mx.corp.example."), inRoute53, "@", "MX"))
        .isEqualTo("consistent");
  }

  static Stream<Arguments> apexReAdds() {
    return Stream.of(
        Arguments.of("same", hosted("@", "MX", 300, "10 mx.corp.example.")),
        Arguments.of("absent", null),
        Arguments.of("other", hosted("@", "MX", 300, "20 other.corp.example.")));
  }
}
