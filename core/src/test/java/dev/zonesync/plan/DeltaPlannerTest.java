package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.NS1;
import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.hostedSoa;
import static dev.zonesync.plan.Fixtures.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
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
import org.junit.jupiter.api.Test;

class DeltaPlannerTest {

  private static final SyncMarker MARKER =
      new SyncMarker(Serial.of(10), NS1, 100, Set.of(n("branch")));

  private final Map<RRsetKey, RRsetDelta> deltas = new HashMap<>();
  private final Map<DnsName, List<HostedRRset>> hosted = new HashMap<>();

  private RRsetDelta.Builder delta(String name, String type) {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    // built lazily in plan()
    pending.put(new RRsetKey(n(name), RrType.fromName(type)), b);
    return b;
  }

  private final Map<RRsetKey, RRsetDelta.Builder> pending = new HashMap<>();

  private void hosts(HostedRRset h) {
    hosted.computeIfAbsent(h.name(), k -> new java.util.ArrayList<>()).add(h);
  }

  private DeltaResult plan() {
    pending.forEach((k, b) -> deltas.put(k, b.build()));
    ZoneDelta d =
        new ZoneDelta(
            ZONE,
            Serial.of(10),
            new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(11), 3600),
            deltas);
    HostedRRset marker = hosted(MARKER.toRRset(ZONE));
    return DeltaPlanner.plan(
        d,
        MARKER,
        hosted,
        hostedSoa(10),
        marker,
        OwnershipRules.defaults(ZONE),
        BatchLimits.ROUTE53);
  }

  private Plan planned() {
    DeltaResult r = plan();
    assertThat(r).isInstanceOf(DeltaResult.Planned.class);
    return ((DeltaResult.Planned) r).plan();
  }

  @Test
  void addedValue_updatesTheRRsetWithAllItsValues() {
    hosts(hosted("www", "A", 300, "192.0.2.1"));
    delta("www", "A").add("192.0.2.2", 300);
    Plan p = planned();
    Change.Update u = (Change.Update) p.changes().get(0);
    assertThat(u.desired().values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(p.commit()).hasSize(2);
  }

  @Test
  void ttlOnlyChange_readdsEveryValue() {
    hosts(hosted("www", "A", 300, "192.0.2.1"));
    RRsetDelta.Builder b = delta("www", "A");
    b.delete("192.0.2.1", 300);
    b.add("192.0.2.1", 600);
    Change.Update u = (Change.Update) planned().changes().get(0);
    assertThat(u.ttlOnly()).isTrue();
    assertThat(u.desired().ttl()).isEqualTo(600);
  }

  @Test
  void lastValueDeleted_deletesTheRRset() {
    hosts(hosted("old", "A", 300, "192.0.2.1"));
    delta("old", "A").delete("192.0.2.1", 300);
    Plan p = planned();
    assertThat(p.changes()).singleElement().isInstanceOf(Change.Delete.class);
    assertThat(p.desiredManaged()).isEqualTo(99);
  }

  @Test
  void aReplacedByCname_isOneDeleteAndOneCreate() {
    hosts(hosted("app", "A", 300, "192.0.2.9"));
    delta("app", "A").delete("192.0.2.9", 300);
    delta("app", "CNAME").add("web.corp.example.", 300);
    assertThat(planned().changes())
        .extracting(c -> c.getClass().getSimpleName() + " " + c.type())
        .containsExactly("Delete A", "Create CNAME");
  }

  @Test
  void deletedValueMissingInRoute53_isDrift() {
    hosts(hosted("www", "A", 300, "192.0.2.7"));
    delta("www", "A").delete("192.0.2.1", 300);
    assertThat(plan())
        .isInstanceOfSatisfying(
            DeltaResult.NeedsFullSync.class,
            f -> {
              assertThat(f.drift()).isTrue();
              assertThat(f.reason()).contains("192.0.2.1");
            });
  }

  @Test
  void ttlDifferentFromWhatTheDeltaDeletes_withAValueLeftUnmentioned_isDrift() {
    hosts(hosted("www", "A", 60, "192.0.2.1", "192.0.2.2"));
    delta("www", "A").delete("192.0.2.1", 300);
    assertThat(plan())
        .isInstanceOfSatisfying(
            DeltaResult.NeedsFullSync.class, f -> assertThat(f.reason()).contains("TTL 60"));
  }

  @Test
  void addedValueAlreadyInRoute53_isAnRfc1995NoOp_notDrift() {
    // NSD 4.6's create-ixfr re-adds unchanged RRsets: adding a held value changes nothing
    hosts(hosted("www", "A", 300, "192.0.2.1", "192.0.2.2"));
    delta("www", "A").add("192.0.2.2", 300);
    assertThat(planned().changes()).isEmpty();
  }

  @Test
  void reAddedApexRRsetsBesideARealChange_planOnlyTheRealChange() {
    hosts(hosted("@", "MX", 3600, "10 mail1.corp.example.", "20 mail2.corp.example."));
    hosts(hosted("mail2", "A", 600, "192.0.2.26"));
    delta("@", "MX").add("10 mail1.corp.example.", 3600);
    delta("@", "MX").add("20 mail2.corp.example.", 3600);
    delta("mail2", "A").delete("192.0.2.26", 600);
    delta("mail2", "A").add("192.0.2.27", 600);
    assertThat(planned().changes())
        .extracting(c -> c.getClass().getSimpleName() + " " + c.name() + " " + c.type())
        .containsExactly("Update mail2.corp.example. A");
  }

  @Test
  void changedDelegation_needsAFullSyncButIsNotDrift() {
    delta("newsub", "NS").add("ns.newsub.corp.example.", 300);
    assertThat(plan())
        .isInstanceOfSatisfying(
            DeltaResult.NeedsFullSync.class,
            f -> {
              assertThat(f.drift()).isFalse();
              assertThat(f.reason()).contains("delegation");
            });
  }

  @Test
  void changeBelowAKnownCut_isSkipped() {
    delta("ns1.branch", "A").add("10.1.0.99", 300);
    Plan p = planned();
    assertThat(p.changes()).isEmpty();
    assertThat(p.skipped()).extracting(Skipped::reason).containsExactly(SkipReason.ZONE_CUT);
  }

  @Test
  void unsupportedType_isSkipped() {
    delta("host", "HINFO").add("\"PC\" \"Linux\"", 300);
    assertThat(planned().skipped())
        .extracting(Skipped::reason)
        .containsExactly(SkipReason.UNSUPPORTED_TYPE);
  }

  @Test
  void changedLineage_needsAFullSync() {
    pending.clear();
    ZoneDelta d =
        new ZoneDelta(
            ZONE,
            Serial.of(10),
            new Soa(
                DnsName.of("dc2.corp.example."),
                DnsName.of("h.corp.example."),
                Serial.of(11),
                3600),
            Map.of());
    DeltaResult r =
        DeltaPlanner.plan(
            d,
            MARKER,
            Map.of(),
            hostedSoa(10),
            null,
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);
    assertThat(r).isInstanceOf(DeltaResult.NeedsFullSync.class);
  }

  @Test
  void commit_recordsTheNewSerialAndSize() {
    delta("new", "A").add("192.0.2.50", 300);
    Plan p = planned();
    Change.Update markerUpdate =
        (Change.Update)
            p.commit().stream().filter(c -> c.type().equals(RrType.TXT)).findFirst().orElseThrow();
    SyncMarker next = SyncMarker.parse(markerUpdate.desired().values().get(0), ZONE).orElseThrow();
    assertThat(next.serial()).isEqualTo(Serial.of(11));
    assertThat(next.rrsets()).isEqualTo(101);
    assertThat(next.cuts()).containsExactly(n("branch"));
  }

  @Test
  void deltaBuilder_foldsSequencesOfDifferences() {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.add("a", 300); // new in version 2
    b.delete("a", 300); // gone again in version 3
    b.delete("b", 300); // existed before
    b.add("b", 600); // back with another TTL
    RRsetDelta d = b.build();
    assertThat(d.added()).isEmpty();
    assertThat(d.removed()).isEmpty();
    assertThat(d.kept()).containsExactly("b");
    assertThat(d.newTtl()).isEqualTo(600);
    assertThat(d.expectedBefore()).containsExactly("b");
  }
}
