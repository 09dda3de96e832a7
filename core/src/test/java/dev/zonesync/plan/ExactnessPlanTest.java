package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.NS1;
import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.freshHostedZone;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.hostedSoa;
import static dev.zonesync.plan.Fixtures.n;
import static dev.zonesync.plan.Fixtures.plan;
import static dev.zonesync.plan.Fixtures.rr;
import static dev.zonesync.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #10: names Route 53 cannot hold, unconvertible data, cut agreement, the rrsets count. */
class ExactnessPlanTest {

  private static final Soa SOA =
      new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(11), 3600);

  @Test
  void ownerNamesRoute53CannotHold_areSkippedWithReasonBeforeAnyRequest() {
    RRset space = rr("spaced\\032name", "TXT", 300, "\"x\"");
    RRset control = rr("ctl\\001", "A", 300, "192.0.2.1");
    RRset high = rr("caf\\233", "A", 300, "192.0.2.2");
    RRset punct = rr("bang!\\\"#$%&'()+,/:;<=>?@[\\\\]^`{|}~", "A", 300, "192.0.2.3");
    Plan p = plan(snapshot(7, space, control, high, punct), freshHostedZone());
    assertThat(p.changes()).extracting(Change::name).containsExactly(punct.name());
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .contains(
            tuple(space.name(), SkipReason.UNSUPPORTED_NAME),
            tuple(control.name(), SkipReason.UNSUPPORTED_NAME),
            tuple(high.name(), SkipReason.UNSUPPORTED_NAME));
    assertThat(p.skipped().get(0).detail()).contains("0x21-0x7E");
  }

  @Test
  void unconvertibleSourceData_isSkippedNamingTheRecord_andNotDeletedFromRoute53() {
    ZoneSnapshot base = snapshot(7, rr("www", "A", 300, "192.0.2.1"));
    Map<RRsetKey, RRset> sets = new java.util.HashMap<>();
    base.rrsets().forEach(r -> sets.put(r.key(), r));
    RRsetKey bad = new RRsetKey(n("svc"), RrType.SVCB);
    ZoneSnapshot s =
        ZoneSnapshot.adopt(
            ZONE, base.soa(), sets, Map.of(bad, "svc.corp.example. SVCB: malformed alpn value"));
    HostedRRset held = hosted("svc", "SVCB", 300, "1 . alpn=h2");
    Plan p = plan(s, freshHostedZone(held));
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::type, Skipped::reason, Skipped::detail)
        .contains(
            tuple(
                n("svc"),
                RrType.SVCB,
                SkipReason.INVALID_RDATA,
                "svc.corp.example. SVCB: malformed alpn value"));
    assertThat(p.changes()).noneMatch(c -> c.name().equals(n("svc")));
  }

  @Test
  void markerRrsets_countsWhatRoute53Holds_notRRsetsSkippedAsTooLarge() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add("192.0." + (i / 250) + "." + (i % 250));
    }
    RRset big = RRset.of(n("big"), RrType.A, 300, many);
    Plan p = plan(snapshot(7, rr("www", "A", 300, "192.0.2.1"), big), freshHostedZone());
    assertThat(p.skipped()).extracting(Skipped::reason).contains(SkipReason.TOO_LARGE);
    RRset marker =
        p.commit().stream()
            .filter(c -> c.name().equals(SyncMarker.nameFor(ZONE)))
            .map(c -> ((Change.Create) c).desired())
            .findFirst()
            .orElseThrow();
    assertThat(marker.values().get(0)).contains(" rrsets=1\"");
  }

  @Test
  void ixfrBelowAnEscapedCut_isSkippedLikeTheFullRun() {
    DnsName cut = DnsName.of("64/26." + ZONE.text());
    // the full run: the cut and its child data are skipped
    RRset ns = RRset.of(cut, RrType.NS, 300, List.of("ns.other.example."));
    RRset ptr = RRset.of(DnsName.of("70." + cut.text()), RrType.PTR, 300, List.of("h.example."));
    Plan full = plan(snapshot(10, ns, ptr, rr("www", "A", 300, "192.0.2.1")), freshHostedZone());
    assertThat(full.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .contains(tuple(ptr.name(), SkipReason.ZONE_CUT));
    // the marker the full run writes, as Route 53 gives it back, then an IXFR adding below the cut
    RRset markerSet =
        full.commit().stream()
            .filter(c -> c.name().equals(SyncMarker.nameFor(ZONE)))
            .map(c -> ((Change.Create) c).desired())
            .findFirst()
            .orElseThrow();
    SyncMarker marker = SyncMarker.parse(markerSet.values().get(0), ZONE).orElseThrow();
    assertThat(marker.cuts()).containsExactly(cut);
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.add("h2.example.", 300);
    DnsName added = DnsName.of("71." + cut.text());
    ZoneDelta d =
        new ZoneDelta(ZONE, Serial.of(10), SOA, Map.of(new RRsetKey(added, RrType.PTR), b.build()));
    DeltaResult r =
        DeltaPlanner.plan(
            d,
            marker,
            Map.of(),
            hostedSoa(10),
            hosted(markerSet),
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);
    Plan inc = ((DeltaResult.Planned) r).plan();
    assertThat(inc.changes()).isEmpty();
    assertThat(inc.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .containsExactly(tuple(added, SkipReason.ZONE_CUT));
    assertThat(inc.commit().toString()).contains("\"cuts=64\\\\04726\"").doesNotContain("092");
  }

  @Test
  void ixfrTouchingUnconvertibleData_needsAFullSync() {
    SyncMarker marker = new SyncMarker(Serial.of(10), NS1, 5, java.util.Set.of());
    ZoneDelta d =
        new ZoneDelta(
            ZONE,
            Serial.of(10),
            SOA,
            Map.of(),
            Map.of(new RRsetKey(n("svc"), RrType.SVCB), "svc.corp.example. SVCB: bad"));
    DeltaResult r =
        DeltaPlanner.plan(
            d,
            marker,
            Map.of(),
            hostedSoa(10),
            hosted(marker.toRRset(ZONE)),
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);
    assertThat(r).isInstanceOf(DeltaResult.NeedsFullSync.class);
    assertThat(((DeltaResult.NeedsFullSync) r).reason()).contains("svc.corp.example. SVCB");
  }
}
