package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.alias;
import static dev.zonesync.plan.Fixtures.freshHostedZone;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.hostedNs;
import static dev.zonesync.plan.Fixtures.hostedSoa;
import static dev.zonesync.plan.Fixtures.marker;
import static dev.zonesync.plan.Fixtures.n;
import static dev.zonesync.plan.Fixtures.plan;
import static dev.zonesync.plan.Fixtures.rr;
import static dev.zonesync.plan.Fixtures.snapshot;
import static dev.zonesync.plan.Fixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  @Test
  void plan_whenHostedZoneEmpty_createsEveryManagedRRsetAndCommits() {
    Plan p = plan(snapshot(7, rr("www", "A", 300, "192.0.2.1")), freshHostedZone());
    assertThat(p.changes()).containsExactly(new Change.Create(rr("www", "A", 300, "192.0.2.1")));
    assertThat(p.commit()).hasSize(2);
    assertThat(p.commit().get(0)).isInstanceOf(Change.Update.class);
    Change.Update soa = (Change.Update) p.commit().get(0);
    assertThat(soa.desired().values().get(0)).contains(" 7 7200 ");
    assertThat(p.commit().get(1)).isInstanceOf(Change.Create.class);
    assertThat(p.commit().get(1).name()).isEqualTo(n("_zonesync"));
  }

  @Test
  void plan_whenOnlyTtlChanged_upsertsRecordSet() {
    Plan p =
        plan(
            snapshot(8, rr("www", "A", 600, "192.0.2.1")),
            freshHostedZone(hosted("www", "A", 300, "192.0.2.1"), marker(7, 1)));
    assertThat(p.changes()).hasSize(1);
    Change.Update u = (Change.Update) p.changes().get(0);
    assertThat(u.ttlOnly()).isTrue();
    assertThat(u.desired().ttl()).isEqualTo(600);
  }

  @Test
  void plan_whenSourceUnchanged_plansNothing() {
    RRset www = rr("www", "A", 300, "192.0.2.1", "192.0.2.2");
    RRset txt = rr("@", "TXT", 300, "\"" + "y".repeat(300) + "\"");
    List<HostedRRset> current =
        List.of(hostedSoa(9), hostedNs(), hosted(www), hosted(txt), marker(9, 2));
    Plan p = plan(snapshot(9, www, txt), current);
    assertThat(p.changes()).isEmpty();
    assertThat(p.commit()).isEmpty();
    assertThat(p.isEmpty()).isTrue();
  }

  @Test
  void plan_whenValuesDifferOnlyInOrder_plansNothing() {
    Plan p =
        plan(
            snapshot(9, rr("www", "A", 300, "192.0.2.2", "192.0.2.1")),
            List.of(
                hostedSoa(9),
                hostedNs(),
                hosted("www", "A", 300, "192.0.2.1", "192.0.2.2"),
                marker(9, 1)));
    assertThat(p.changes()).isEmpty();
  }

  @Test
  void plan_whenRecordGoneFromSource_deletesWithExactRoute53Values() {
    HostedRRset old =
        new HostedRRset(
            n("old"),
            RrType.CNAME,
            300,
            List.of("x.corp.example."),
            List.of("X.corp.example"),
            null,
            null);
    Plan p = plan(snapshot(9), List.of(hostedSoa(8), hostedNs(), old));
    assertThat(p.changes()).containsExactly(new Change.Delete(old));
    assertThat(((Change.Delete) p.changes().get(0)).current().exactValues())
        .containsExactly("X.corp.example");
  }

  @Test
  void plan_whenAReplacedByCname_deletesAndCreatesAtTheSameName() {
    Plan p =
        plan(
            snapshot(9, rr("app", "CNAME", 300, "web.corp.example.")),
            freshHostedZone(hosted("app", "A", 300, "192.0.2.9")));
    assertThat(p.changes())
        .extracting(c -> c.getClass().getSimpleName(), Change::name, c -> c.type().mnemonic())
        .containsExactlyInAnyOrder(
            tuple("Delete", n("app"), "A"), tuple("Create", n("app"), "CNAME"));
  }

  @Test
  void plan_neverTouchesApexNsSoaAliasOrRoutingPolicySets() {
    Plan p =
        plan(
            snapshot(9),
            freshHostedZone(alias("lb", "A"), weighted("geo", "A", "eu", "192.0.2.5")));
    assertThat(p.changes()).isEmpty();
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .containsExactly(tuple(ZONE, SkipReason.APEX_NS));
  }

  @Test
  void plan_whenSourceCollidesWithAlias_skipsWithConflict() {
    Plan p =
        plan(
            snapshot(9, rr("lb", "A", 300, "192.0.2.1"), rr("geo", "CNAME", 60, "x.corp.example.")),
            freshHostedZone(alias("lb", "A"), weighted("geo", "A", "eu", "192.0.2.5")));
    assertThat(p.changes()).isEmpty();
    assertThat(p.skipped())
        .filteredOn(s -> s.reason() == SkipReason.CONFLICT)
        .extracting(Skipped::name)
        .containsExactlyInAnyOrder(n("lb"), n("geo"));
  }

  @Test
  void plan_reportsUnsupportedTypesAndZoneCutsWithoutSendingThem() {
    Plan p =
        plan(
            snapshot(
                9,
                rr("host", "HINFO", 300, "\"PC\" \"Linux\""),
                rr("branch", "NS", 300, "ns.branch.corp.example."),
                rr("branch", "DS", 300, "1 8 2 abcd"),
                rr("ns.branch", "A", 300, "192.0.2.53"),
                rr("deep.under.branch", "TXT", 300, "\"x\""),
                rr("branchless", "A", 300, "192.0.2.1")),
            freshHostedZone());
    assertThat(p.changes()).extracting(Change::name).containsExactly(n("branchless"));
    assertThat(p.skipped())
        .extracting(s -> s.name().text(), s -> s.type().mnemonic(), Skipped::reason)
        .contains(
            tuple("host.corp.example.", "HINFO", SkipReason.UNSUPPORTED_TYPE),
            tuple("branch.corp.example.", "NS", SkipReason.ZONE_CUT),
            tuple("branch.corp.example.", "DS", SkipReason.ZONE_CUT),
            tuple("ns.branch.corp.example.", "A", SkipReason.ZONE_CUT),
            tuple("deep.under.branch.corp.example.", "TXT", SkipReason.ZONE_CUT));
    assertThat(
            p.skipped().stream().filter(s -> s.type().equals(RrType.NS) && !s.name().equals(ZONE)))
        .singleElement()
        .extracting(Skipped::detail)
        .asString()
        .contains("delegation of branch.corp.example.");
  }

  @Test
  void plan_leavesHostedDataBelowZoneCutsAlone() {
    Plan p =
        plan(
            snapshot(9, rr("branch", "NS", 300, "ns.branch.corp.example.")),
            freshHostedZone(hosted("x.branch", "A", 300, "192.0.2.1")));
    assertThat(p.changes()).isEmpty();
  }

  @Test
  void plan_whenNamePreserved_leavesItOnBothSides() {
    OwnershipRules rules =
        new OwnershipRules(
            ZONE,
            ZONE,
            RrType.ROUTE53_TYPES,
            List.of(
                NamePattern.parse("aws-*.corp.example."),
                NamePattern.parse("_acme-challenge.corp.example./TXT")),
            List.of(),
            TtlPolicy.NONE);
    Plan p =
        Planner.plan(
            snapshot(
                9,
                rr("aws-lb", "A", 300, "192.0.2.1"),
                rr("_acme-challenge", "TXT", 60, "\"src\"")),
            freshHostedZone(
                hosted("aws-db", "A", 300, "192.0.2.2"),
                hosted("_acme-challenge", "TXT", 60, "\"hosted\""),
                hosted("_acme-challenge", "A", 60, "192.0.2.3")),
            rules,
            BatchLimits.ROUTE53);
    assertThat(p.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c).isInstanceOf(Change.Delete.class);
              assertThat(c.name()).isEqualTo(n("_acme-challenge"));
              assertThat(c.type()).isEqualTo(RrType.A);
            });
    assertThat(p.skipped()).filteredOn(s -> s.reason() == SkipReason.PRESERVED).hasSize(2);
  }

  @Test
  void plan_whenTypeNotManaged_neitherCreatesNorDeletesIt() {
    OwnershipRules rules =
        new OwnershipRules(ZONE, ZONE, Set.of(RrType.A), List.of(), List.of(), TtlPolicy.NONE);
    Plan p =
        Planner.plan(
            snapshot(9, rr("a", "A", 300, "192.0.2.1"), rr("t", "TXT", 300, "\"x\"")),
            freshHostedZone(hosted("mx", "MX", 300, "10 mail.corp.example.")),
            rules,
            BatchLimits.ROUTE53);
    assertThat(p.changes()).extracting(Change::name).containsExactly(n("a"));
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .contains(tuple(n("t"), SkipReason.UNMANAGED_TYPE));
  }

  @Test
  void plan_appliesTtlPolicy() {
    OwnershipRules rules =
        new OwnershipRules(
            ZONE, ZONE, RrType.ROUTE53_TYPES, List.of(), List.of(), new TtlPolicy(60, 3600));
    Plan p =
        Planner.plan(
            snapshot(9, rr("low", "A", 0, "192.0.2.1"), rr("high", "A", 86400, "192.0.2.2")),
            freshHostedZone(),
            rules,
            BatchLimits.ROUTE53);
    assertThat(p.changes())
        .extracting(c -> ((Change.Create) c).desired().ttl())
        .containsExactlyInAnyOrder(60L, 3600L);
  }

  @Test
  void plan_whenSourceHasMarkerName_skipsItAsReserved() {
    Plan p = plan(snapshot(9, rr("_zonesync", "TXT", 300, "\"fake\"")), freshHostedZone());
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .contains(tuple(n("_zonesync"), SkipReason.RESERVED_NAME));
    assertThat(p.changes()).isEmpty();
  }

  @Test
  void plan_whenNestedSourceZoneExcluded_leavesItsSubtreeToIt() {
    OwnershipRules parent =
        new OwnershipRules(
            ZONE, ZONE, RrType.ROUTE53_TYPES, List.of(), List.of(n("_msdcs")), TtlPolicy.NONE);
    Plan p =
        Planner.plan(
            snapshot(9),
            freshHostedZone(
                hosted("dc._msdcs", "A", 300, "192.0.2.1"), hosted("gone", "A", 300, "192.0.2.2")),
            parent,
            BatchLimits.ROUTE53);
    assertThat(p.changes()).extracting(Change::name).containsExactly(n("gone"));
  }

  @Test
  void plan_whenHostedSerialAlreadyEqual_commitsOnlyTheMarker() {
    Plan p = plan(snapshot(1), freshHostedZone());
    assertThat(p.commit()).singleElement().extracting(Change::type).isEqualTo(RrType.TXT);
  }

  @Test
  void plan_whenMarkerFromOtherLineage_rewritesIt() {
    HostedRRset otherDc =
        hosted(
            new dev.zonesync.model.SyncMarker(
                    dev.zonesync.model.Serial.of(9),
                    dev.zonesync.model.DnsName.of("dc2.corp.example."),
                    0,
                    Set.of())
                .toRRset(ZONE));
    Plan p = plan(snapshot(9), List.of(hostedSoa(9), hostedNs(), otherDc));
    assertThat(p.commit()).singleElement().isInstanceOf(Change.Update.class);
  }

  @Test
  void plan_whenNameChangesTooLargeForOneRequest_skipsThemAsTooLarge() {
    String[] many = new String[600];
    for (int i = 0; i < many.length; i++) {
      many[i] = "10." + (i / 250) + "." + (i % 250) + ".1";
    }
    Plan p =
        plan(
            snapshot(9, rr("big", "A", 300, many)),
            freshHostedZone(hosted("big", "A", 300, "192.0.2.1")));
    assertThat(p.changes()).isEmpty();
    assertThat(p.skipped())
        .extracting(Skipped::name, Skipped::reason)
        .contains(tuple(n("big"), SkipReason.TOO_LARGE));
  }
}
