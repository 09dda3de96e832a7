package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.NS1;
import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.freshHostedZone;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.n;
import static dev.zonesync.plan.Fixtures.rr;
import static dev.zonesync.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.model.ZoneSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two delegations, {@code branch} (delegated: its NS and glue mirrored for a DELEGATE rule) and
 * {@code lab} (skipped): what a full plan mirrors, owns and reports. Expected values by hand.
 */
class DelegationPlanTest {

  private static final OwnershipRules DELEGATE_BRANCH =
      OwnershipRules.defaults(ZONE)
          .withCuts(new CutPolicy(true, Set.of(n("branch")), Set.of(), Set.of()));

  /**
   * corp.example. with two delegations, glue below both, and a name below branch that is not glue.
   */
  private static ZoneSnapshot zone(long serial, RRset... more) {
    List<RRset> all =
        new java.util.ArrayList<>(
            List.of(
                rr("www", "A", 300, "192.0.2.10"),
                rr("branch", "NS", 3600, "ns1.branch.corp.example.", "ns.other.example."),
                rr("ns1.branch", "A", 3600, "10.1.0.53"),
                rr("ns1.branch", "AAAA", 3600, "2001:db8::53"),
                rr("data.branch", "A", 3600, "10.1.0.80"),
                rr("branch", "DS", 3600, "12345 13 2 " + "ab".repeat(32)),
                rr("lab", "NS", 3600, "ns1.lab.corp.example."),
                rr("ns1.lab", "A", 3600, "10.2.0.53")));
    all.addAll(List.of(more));
    return snapshot(serial, all.toArray(RRset[]::new));
  }

  private static Plan plan(ZoneSnapshot s, List<dev.zonesync.model.HostedRRset> current) {
    return Planner.plan(s, current, DELEGATE_BRANCH, BatchLimits.ROUTE53);
  }

  private static List<String> created(Plan p) {
    return p.changes().stream()
        .filter(c -> c instanceof Change.Create)
        .map(c -> c.name().text() + " " + c.type())
        .sorted()
        .toList();
  }

  @Test
  void fullPlan_ofADelegatedCut_mirrorsItsNsAndTheGlueItsTargetsNeed() {
    Plan p = plan(zone(9), freshHostedZone());

    assertThat(created(p))
        .containsExactly(
            "branch.corp.example. NS",
            "ns1.branch.corp.example. A",
            "ns1.branch.corp.example. AAAA",
            "www.corp.example. A");
    assertThat(p.skipped())
        .extracting(s -> s.name().text() + " " + s.type() + " " + s.reason())
        .contains(
            "data.branch.corp.example. A ZONE_CUT",
            "branch.corp.example. DS ZONE_CUT",
            "lab.corp.example. NS ZONE_CUT",
            "ns1.lab.corp.example. A ZONE_CUT");
  }

  @Test
  void fullPlan_recordsTheDelegatedCutsInTheMarker() {
    Plan p = plan(zone(9), freshHostedZone());
    Change.Create marker =
        (Change.Create)
            p.commit().stream()
                .filter(c -> c.name().equals(n("_zonesync")))
                .findFirst()
                .orElseThrow();
    SyncMarker m = SyncMarker.parse(marker.desired().values().get(0), ZONE).orElseThrow();
    assertThat(m.delegated()).containsExactly(n("branch"));
    assertThat(m.cuts()).containsExactlyInAnyOrder(n("branch"), n("lab"));
    assertThat(marker.desired().values().get(0)).contains("\"delegated=branch\"");
  }

  @Test
  void fullPlan_whenTheMasterChangesAnNsTarget_replacesTheNsAndRemovesTheOldGlue() {
    ZoneSnapshot now =
        snapshot(
            10,
            rr("www", "A", 300, "192.0.2.10"),
            rr("branch", "NS", 3600, "ns2.branch.corp.example."),
            rr("ns2.branch", "A", 3600, "10.1.0.54"));
    Plan p =
        plan(
            now,
            freshHostedZone(
                hosted("www", "A", 300, "192.0.2.10"),
                hosted("branch", "NS", 3600, "ns1.branch.corp.example.", "ns.other.example."),
                hosted("ns1.branch", "A", 3600, "10.1.0.53")));

    assertThat(p.changes())
        .extracting(c -> c.getClass().getSimpleName() + " " + c.name().text() + " " + c.type())
        .containsExactlyInAnyOrder(
            "Update branch.corp.example. NS",
            "Delete ns1.branch.corp.example. A",
            "Create ns2.branch.corp.example. A");
  }

  @Test
  void fullPlan_whenTheDelegationIsGone_deletesItsNsAndGlue() {
    Plan p =
        plan(
            snapshot(10, rr("www", "A", 300, "192.0.2.10")),
            freshHostedZone(
                hosted("www", "A", 300, "192.0.2.10"),
                hosted("branch", "NS", 3600, "ns1.branch.corp.example."),
                hosted("ns1.branch", "A", 3600, "10.1.0.53")));

    assertThat(p.changes())
        .extracting(c -> c.getClass().getSimpleName() + " " + c.name().text() + " " + c.type())
        .containsExactlyInAnyOrder(
            "Delete branch.corp.example. NS", "Delete ns1.branch.corp.example. A");
  }

  @Test
  void fullPlan_underASkippedCut_neitherWritesNorDeletesAnything() {
    // lab is not delegated: what someone put below it in Route 53 is left alone
    Plan p =
        plan(
            zone(9),
            freshHostedZone(
                hosted("lab", "NS", 3600, "ns9.lab.corp.example."),
                hosted("ns9.lab", "A", 3600, "10.2.0.99")));

    assertThat(p.changes()).noneMatch(c -> c.name().isSubdomainOf(n("lab")));
  }

  /** The marker a commit that mirrored branch's NS and glue left (delegated=branch). */
  private static dev.zonesync.model.HostedRRset branchDelegatedMarker() {
    return hosted(
        new SyncMarker(Serial.of(9), NS1, 4, Set.of(n("branch"), n("lab")))
            .withDelegated(Set.of(n("branch")))
            .toRRset(ZONE));
  }

  private static List<String> changes(Plan p) {
    return p.changes().stream()
        .map(c -> c.getClass().getSimpleName() + " " + c.name().text() + " " + c.type())
        .sorted()
        .toList();
  }

  @Test
  void fullPlan_whenTheConfigurationNoLongerDelegatesACut_deletesTheNsAndGlueItWrote() {
    List<dev.zonesync.model.HostedRRset> hosted =
        freshHostedZone(
            branchDelegatedMarker(),
            hosted("www", "A", 300, "192.0.2.10"),
            hosted("branch", "NS", 3600, "ns.other.example.", "ns1.branch.corp.example."),
            hosted("ns1.branch", "A", 3600, "10.1.0.53"),
            hosted("ns1.branch", "AAAA", 3600, "2001:db8::53"),
            // not an address: zonesync never wrote it below the cut, so it is someone else's
            hosted("note.branch", "TXT", 300, "\"kept\""));
    OwnershipRules delegateNothing =
        OwnershipRules.defaults(ZONE).withCuts(new CutPolicy(true, Set.of(), Set.of(), Set.of()));

    for (OwnershipRules rules : List.of(delegateNothing, OwnershipRules.defaults(ZONE))) {
      Plan p = Planner.plan(zone(10), hosted, rules, BatchLimits.ROUTE53);

      assertThat(changes(p))
          .as("zoneCuts delegate: %s", rules.cuts().delegate())
          .containsExactly(
              "Delete branch.corp.example. NS",
              "Delete ns1.branch.corp.example. A",
              "Delete ns1.branch.corp.example. AAAA");
    }
  }

  @Test
  void fullPlan_whenTheMarkerRecordsNoDelegation_leavesWhatIsUnderASkippedCutAlone() {
    // the same hosted records without delegated=branch in the marker: someone else wrote them
    Plan p =
        Planner.plan(
            zone(10),
            freshHostedZone(
                hosted(new SyncMarker(Serial.of(9), NS1, 1, Set.of(n("branch"))).toRRset(ZONE)),
                hosted("www", "A", 300, "192.0.2.10"),
                hosted("branch", "NS", 3600, "ns.other.example.", "ns1.branch.corp.example."),
                hosted("ns1.branch", "A", 3600, "10.1.0.53")),
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);

    assertThat(changes(p)).isEmpty();
  }

  @Test
  void fullPlan_whenADelegatedCutIsNowMirroredIntoTheSameHostedZone_deletesOnlyItsNs() {
    // branch became a source zone of corp.example.'s hosted zone: its own records answer there,
    // and an NS left at its apex would refer every query away from them
    OwnershipRules branchMirrored =
        new OwnershipRules(
                ZONE,
                ZONE,
                dev.zonesync.model.RrType.ROUTE53_TYPES,
                List.of(),
                List.of(n("branch")),
                TtlPolicy.NONE)
            .withCuts(new CutPolicy(true, Set.of(), Set.of(), Set.of(n("branch"))));
    Plan p =
        Planner.plan(
            zone(10),
            freshHostedZone(
                branchDelegatedMarker(),
                hosted("www", "A", 300, "192.0.2.10"),
                hosted("branch", "NS", 3600, "ns.other.example.", "ns1.branch.corp.example."),
                hosted("ns1.branch", "A", 3600, "10.1.0.53")),
            branchMirrored,
            BatchLimits.ROUTE53);

    assertThat(changes(p)).containsExactly("Delete branch.corp.example. NS");
    SyncMarker next =
        SyncMarker.parse(
                p.commit().stream()
                    .filter(c -> c.name().equals(n("_zonesync")))
                    .map(c -> ((Change.Update) c).desired().values().get(0))
                    .findFirst()
                    .orElseThrow(),
                ZONE)
            .orElseThrow();
    assertThat(next.delegated()).isEmpty();
  }

  @Test
  void coverage_reportsTheCutNothingResolves_withTheNamesBelowIt() {
    List<CutCoverage.Uncovered> u = CutCoverage.uncovered(zone(9), DELEGATE_BRANCH);

    assertThat(u).hasSize(1);
    assertThat(u.get(0).cut()).isEqualTo(n("lab"));
    assertThat(u.get(0).nameServers()).containsExactly(DnsName.of("ns1.lab.corp.example."));
    assertThat(u.get(0).namesBelow()).containsExactly(n("ns1.lab"));
    assertThat(u.get(0).countBelow()).isEqualTo(1);
    assertThat(u.get(0).describe(ZONE))
        .contains("lab.corp.example. is delegated on the master (to ns1.lab.corp.example.)")
        .contains("`delegations: [lab.corp.example.]`")
        .contains("resolvedElsewhere");
  }

  @Test
  void coverage_ofCutsResolvedElsewhereOrMirrored_isNoFinding() {
    OwnershipRules rules =
        OwnershipRules.defaults(ZONE)
            .withCuts(new CutPolicy(false, Set.of(), Set.of(ZONE), Set.of()));
    assertThat(CutCoverage.uncovered(zone(9), rules)).isEmpty();
    OwnershipRules mirrored =
        OwnershipRules.defaults(ZONE)
            .withCuts(new CutPolicy(false, Set.of(), Set.of(), Set.of(n("branch"), n("lab"))));
    assertThat(CutCoverage.uncovered(zone(9), mirrored)).isEmpty();
  }

  @Test
  void uncoveredCuts_ofRecordedCuts_leaveOutCoveredNestedAndOutsideOnes() {
    Set<DnsName> recorded =
        Set.of(n("branch"), n("lab"), n("x.lab"), n("aws"), n("dev"), DnsName.of("other.example."));
    OwnershipRules rules =
        OwnershipRules.defaults(ZONE)
            .withCuts(new CutPolicy(true, Set.of(n("branch")), Set.of(n("aws")), Set.of(n("dev"))));

    // branch delegated, aws resolved elsewhere, dev mirrored as a zone, x.lab the lab's own data
    assertThat(CutCoverage.uncoveredCuts(recorded, rules)).containsExactly(n("lab"));
    assertThat(CutCoverage.uncoveredCuts(recorded, OwnershipRules.defaults(ZONE)))
        .containsExactly(n("aws"), n("branch"), n("dev"), n("lab"));
  }

  @Test
  void coverage_countsTheNamesBelowANestedCut_forTheTopLevelOne() {
    ZoneSnapshot z =
        zone(
            9,
            rr("x.lab", "NS", 3600, "ns.x.lab.corp.example."),
            rr("ns.x.lab", "A", 3600, "10.2.1.53"),
            rr("a.b.lab", "TXT", 3600, "\"deep\""),
            rr("ns1.lab", "AAAA", 3600, "2001:db8:2::53"));

    CutCoverage.Uncovered u = CutCoverage.uncovered(z, DELEGATE_BRANCH).get(0);

    // ns1.lab (A and AAAA), x.lab, ns.x.lab, a.b.lab: four names, in DNS order
    assertThat(u.cut()).isEqualTo(n("lab"));
    assertThat(u.countBelow()).isEqualTo(4);
    assertThat(u.namesBelow())
        .containsExactly(n("a.b.lab"), n("ns1.lab"), n("x.lab"), n("ns.x.lab"));
  }

  @Test
  void changedSince_whenTheConfigurationDelegatesAnotherCut_asksForAFullSync() {
    SyncMarker m =
        new SyncMarker(Serial.of(9), NS1, 3, Set.of(n("branch"), n("lab")))
            .withDelegated(Set.of(n("branch")));
    assertThat(DELEGATE_BRANCH.cuts().changedSince(m, DELEGATE_BRANCH)).isNull();
    OwnershipRules both =
        OwnershipRules.defaults(ZONE)
            .withCuts(new CutPolicy(true, Set.of(n("branch"), n("lab")), Set.of(), Set.of()));
    assertThat(both.cuts().changedSince(m, both)).contains("lab.corp.example.");
    assertThat(OwnershipRules.defaults(ZONE).cuts().changedSince(m, OwnershipRules.defaults(ZONE)))
        .contains("now: []");
  }

  @Test
  void increment_touchingADelegatedCut_needsAFullSync() {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    b.add("10.1.0.55", 3600);
    ZoneDelta d =
        new ZoneDelta(
            ZONE,
            Serial.of(9),
            new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(10), 3600),
            Map.of(new RRsetKey(n("ns1.branch"), RrType.A), b.build()));
    SyncMarker m =
        new SyncMarker(Serial.of(9), NS1, 3, Set.of(n("branch"), n("lab")))
            .withDelegated(Set.of(n("branch")));
    assertThat(DeltaPlanner.whyNotIncremental(d, m, DELEGATE_BRANCH))
        .contains("delegated cut branch.corp.example.");
    // below the skipped cut the same change is not mirrored, and needs no full sync
    ZoneDelta lab =
        new ZoneDelta(
            ZONE,
            Serial.of(9),
            new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(10), 3600),
            Map.of(new RRsetKey(n("ns1.lab"), RrType.A), b.build()));
    assertThat(DeltaPlanner.whyNotIncremental(lab, m, DELEGATE_BRANCH)).isNull();
  }
}
