package dev.zonesync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.catalog.CatalogRig.Run;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.KnotCatalogServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * A catalog Knot DNS 3.2 generates ({@code catalog-role: generate}), its members added and removed
 * the Knot way (knot.conf rewritten, {@code knotc reload}), mirrored into Route 53's stand-in: each
 * member created in the {@code createIn} VPC, mirrored exactly, exposed only after its first
 * complete sync, a new member picked up on the next run, a removed one quarantined and left intact,
 * then resumed under the new label Knot gives it; a member whose master refuses its transfer
 * created but not exposed until a sync completes; and the Route 53 calls of each kind of run (grep
 * {@code CATALOG-CALLS}). Knot answers the catalog only over TCP with TSIG.
 *
 * <p>The tests build on each other in order, against one Knot and one catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class KnotCatalogIT {

  private static final String MASTER = "Knot DNS 3.2";

  private CatalogRig rig;
  private KnotCatalogServer knot;
  private String a;
  private String b;
  private String c;
  private String d;

  /** Hosted zone IDs of the members, as the first runs created them. */
  private final Map<String, String> ids = new java.util.HashMap<>();

  @BeforeAll
  void start() {
    rig = new CatalogRig("knot.example.");
    a = rig.member("a");
    b = rig.member("b");
    c = rig.member("c");
    d = rig.member("d");
    knot =
        KnotCatalogServer.start(
            rig.key(),
            rig.catalog,
            List.of(zone(a, "a"), zone(b, "b")),
            zone(c, "c"),
            zone(d, "d"));
    rig.master(knot.hostPort());
  }

  @AfterAll
  void stop() {
    if (knot != null) {
      knot.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  private static DnsMaster.Zone zone(String origin, String fixture) {
    return new DnsMaster.Zone(origin, CatalogRig.text(fixture));
  }

  private static String field(String state, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[ \"]" + name + "=([^ \"]*)").matcher(state);
    if (!m.find()) {
      throw new AssertionError("no " + name + "= in the state record " + state);
    }
    return m.group(1);
  }

  /** Created for the catalog: private, with its caller reference, comment and tags. */
  private void assertCreatedForTheCatalog(String member, String id) {
    List<HostedZone> named = rig.zonesNamed(member);
    assertThat(named).as("hosted zones named " + member).hasSize(1);
    HostedZone z = named.get(0);
    assertThat(z.id()).endsWith("/" + id);
    assertThat(z.config().privateZone()).isTrue();
    assertThat(z.callerReference()).startsWith("zonesync/" + member + "/g1/");
    assertThat(z.config().comment()).isEqualTo("zonesync: member of catalog " + rig.catalog);
    assertThat(rig.tags(id))
        .isEqualTo(Map.of("zonesync:catalog", rig.catalog, "zonesync:member", member));
  }

  @Test
  @Order(1)
  void firstRun_createsEachMember_mirrorsItExactly_andExposesItOnlyAfterItsWrites() {
    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "first run (2 members created)", 2, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.catalog().serial()).isEqualTo(knot.catalogSerial());
    assertThat(run.states()).isEqualTo(Map.of(a, "mirrored", b, "mirrored"));
    assertThat(run.report().ok()).isTrue();
    for (String m : List.of(a, b)) {
      String id = run.member(m).hostedZoneId();
      ids.put(m, id);
      assertThat(run.zone(m)).get().extracting(ZoneReport::status).isEqualTo(Status.APPLIED);
      assertCreatedForTheCatalog(m, id);
      assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
      CatalogRig.assertExposedAfterItsWrites(run, id);
      assertThat(rig.hosted(m, id))
          .as(m + " mirrored exactly")
          .isEqualTo(CatalogRig.expectedFromFile(m, m.startsWith("a.") ? "a" : "b"));
      String state = rig.stateOf(m).orElseThrow();
      assertThat(field(state, "state")).isEqualTo("mirrored");
      assertThat(field(state, "exposed")).isEqualTo("1");
      assertThat(field(state, "zone")).isEqualTo(id);
    }
    // the catalog itself is mirrored into its own hosted zone, as Knot serves it
    assertThat(run.zone(rig.catalog))
        .get()
        .extracting(ZoneReport::status)
        .isEqualTo(Status.APPLIED);
    assertThat(rig.hosted(rig.catalog, rig.catalogZoneId))
        .isEqualTo(rig.expectedFromMaster(rig.catalog));
    assertThat(run.calls()).doesNotContainKeys("DeleteHostedZone", "DisassociateVPCFromHostedZone");
  }

  @Test
  @Order(2)
  void unchangedRun_costsTheCatalogsMarkerAndOneMarkerPerMember() {
    Run warm = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "unchanged, warm container", 2, warm);

    assertThat(warm.catalog().status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(warm.report().zones())
        .extracting(ZoneReport::status)
        .containsOnly(Status.UP_TO_DATE);
    // by hand: the catalog zone's marker (1) and each member's marker (2); the state records are
    // known to this container, the catalog's serial asked of Knot (free)
    assertThat(warm.calls()).isEqualTo(Map.of("ListResourceRecordSets", 3, "total", 3));

    Run cold = rig.runCold(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "unchanged, new container (CLI)", 2, cold);

    assertThat(cold.catalog().status()).isEqualTo(Status.UP_TO_DATE);
    // plus one page of the catalog's hosted zone for the state records (fewer than 300 RRsets)
    assertThat(cold.calls()).isEqualTo(Map.of("ListResourceRecordSets", 4, "total", 4));
  }

  @Test
  @Order(3)
  void oneMemberChanged_isAppliedByIxfr_theOthersStayUpToDate() {
    long serial =
        knot.transaction(
            a, "set www 300 A 192.0.2.82", "unset mail A 192.0.2.25", "set mail 300 A 192.0.2.26");

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member changed (IXFR)", 2, run);

    ZoneReport ra = run.zone(a).orElseThrow();
    assertThat(ra.status()).as(ra.error()).isEqualTo(Status.APPLIED);
    assertThat(ra.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(ra.sourceSerial()).isEqualTo(serial);
    assertThat(run.zone(b)).get().extracting(ZoneReport::status).isEqualTo(Status.UP_TO_DATE);
    assertThat(run.catalog().status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(rig.hosted(a, ids.get(a))).isEqualTo(rig.expectedFromMaster(a));
    // README: the optimistic path costs 1 or 2 calls; the rest are the two unchanged markers
    assertThat(ra.apiCalls().get("total")).isBetween(1, 2);
    assertThat(run.calls().get("total")).isEqualTo(2 + ra.apiCalls().get("total"));
  }

  @Test
  @Order(4)
  void memberAdded_isCreatedMirroredAndExposedOnTheNextRun() {
    long catalogSerial = knot.setMembers(a, b, c);

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member added", 3, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.catalog().serial()).isEqualTo(catalogSerial);
    assertThat(run.states()).isEqualTo(Map.of(a, "mirrored", b, "mirrored", c, "mirrored"));
    String id = run.member(c).hostedZoneId();
    ids.put(c, id);
    assertCreatedForTheCatalog(c, id);
    assertThat(run.calls("CreateHostedZone")).hasSize(1);
    assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
    CatalogRig.assertExposedAfterItsWrites(run, id);
    assertThat(rig.hosted(c, id)).isEqualTo(CatalogRig.expectedFromFile(c, "c"));
    assertThat(run.member(a).hostedZoneId()).isEqualTo(ids.get(a));
    assertThat(run.zone(a)).get().extracting(ZoneReport::status).isEqualTo(Status.UP_TO_DATE);
    // the catalog's change came by IXFR, and its new PTR was asked of Knot over TCP (Knot refuses
    // catalog queries over UDP): the one-request optimistic path, not a read of Route 53
    ZoneReport catalogZone = run.zone(rig.catalog).orElseThrow();
    assertThat(catalogZone.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(catalogZone.path()).as(catalogZone.reason()).isEqualTo("optimistic");
    assertThat(rig.hosted(rig.catalog, rig.catalogZoneId))
        .isEqualTo(rig.expectedFromMaster(rig.catalog));
  }

  @Test
  @Order(5)
  void memberRemoved_isQuarantined_itsZoneKeptIntactAndTagged_neverDeleted() {
    String id = ids.get(b);
    List<String> before = rig.content(id);
    Set<String> vpcsBefore = rig.vpcs(id);
    knot.setMembers(a, c);

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member removed (quarantined)", 2, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.member(b).state()).isEqualTo("quarantined");
    assertThat(run.member(b).hostedZoneId()).isEqualTo(id);
    assertThat(run.synced()).doesNotContain(b);
    assertThat(rig.tags(id)).containsKey("zonesync:quarantined");
    assertThat(rig.content(id)).as("records intact").isEqualTo(before);
    assertThat(rig.vpcs(id)).isEqualTo(vpcsBefore);
    assertThat(rig.zonesNamed(b)).hasSize(1);
    assertThat(run.calls()).doesNotContainKeys("DeleteHostedZone", "DisassociateVPCFromHostedZone");
    assertThat(run.on(id)).extracting(w -> w.operation()).containsExactly("ChangeTagsForResource");
    assertThat(field(rig.stateOf(b).orElseThrow(), "state")).isEqualTo("quarantined");

    // later runs only look whether an operator retired it (deleted its zone): one read, no write
    Run again = rig.run(SyncOptions.DEFAULT);
    assertThat(again.member(b).state()).isEqualTo("quarantined");
    assertThat(again.on(id)).extracting(w -> w.operation()).containsExactly("GetHostedZone");
  }

  @Test
  @Order(6)
  void removedMemberListedAgain_isResumed_inItsOwnZone_underTheLabelKnotGaveIt() {
    String id = ids.get(b);
    String oldLabel = labelOf(b);
    knot.setMembers(a, b, c);

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "removed member listed again (resumed)", 3, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.member(b).state()).isEqualTo("mirrored");
    assertThat(run.member(b).hostedZoneId()).isEqualTo(id);
    ZoneReport rb = run.zone(b).orElseThrow();
    assertThat(rb.status()).as(rb.error()).isIn(Status.APPLIED, Status.UP_TO_DATE);
    assertThat(rb.path()).isEqualTo("full");
    assertThat(rig.tags(id)).doesNotContainKey("zonesync:quarantined");
    assertThat(rig.zonesNamed(b)).hasSize(1);
    assertThat(run.calls("CreateHostedZone")).isEmpty();
    assertThat(rig.hosted(b, id)).isEqualTo(CatalogRig.expectedFromFile(b, "b"));
    // Knot gave it a new member label when it came back: the state record moved with it
    String newLabel = labelOf(b);
    assertThat(newLabel).isNotEqualTo(oldLabel);
    assertThat(rig.stateRecords()).doesNotContainKey(oldLabel);
    assertThat(field(rig.stateOf(b).orElseThrow(), "state")).isEqualTo("mirrored");
  }

  @Test
  @Order(7)
  void memberWhoseFirstSyncFails_isCreatedButNotExposed_untilASyncCompletes() {
    knot.refuseTransfers(d, true);
    knot.setMembers(a, b, c, d);

    Run refused = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "member added, its transfer refused", 4, refused);

    String id = refused.member(d).hostedZoneId();
    assertThat(id).isNotNull();
    assertThat(refused.member(d).state()).isEqualTo("created");
    ZoneReport rd = refused.zone(d).orElseThrow();
    assertThat(rd.status()).isEqualTo(Status.FAILED);
    assertThat(rd.error()).contains("AXFR rejected: NOTAUTH/BADKEY");
    assertThat(rig.hosted(d, id)).as("nothing mirrored yet").isEmpty();
    assertThat(refused.report().ok()).isFalse();
    assertThat(rig.vpcs(id)).as("only the createIn VPC").isEqualTo(Set.of(rig.createIn));
    assertThat(refused.calls("AssociateVPCWithHostedZone")).isEmpty();
    assertThat(field(rig.stateOf(d).orElseThrow(), "exposed")).isEqualTo("0");

    knot.refuseTransfers(d, false);
    Run allowed = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "its transfer allowed again", 4, allowed);

    assertThat(allowed.zone(d)).get().extracting(ZoneReport::status).isEqualTo(Status.APPLIED);
    assertThat(allowed.member(d).state()).isEqualTo("mirrored");
    assertThat(allowed.member(d).hostedZoneId()).isEqualTo(id);
    assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
    CatalogRig.assertExposedAfterItsWrites(allowed, id);
    assertThat(rig.hosted(d, id)).isEqualTo(CatalogRig.expectedFromFile(d, "d"));
    assertThat(field(rig.stateOf(d).orElseThrow(), "exposed")).isEqualTo("1");
    assertThat(allowed.report().ok()).isTrue();
  }

  @Test
  @Order(8)
  void unchangedRun_ofFourMembers_costsOneCallMoreThanItsMembers() {
    Run warm = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "unchanged, warm container", 4, warm);
    Run cold = rig.runCold(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "unchanged, new container (CLI)", 4, cold);

    assertThat(warm.report().zones())
        .extracting(ZoneReport::status)
        .containsOnly(Status.UP_TO_DATE);
    // by hand: 1 (the catalog zone's marker) + 4 (each member's marker)
    assertThat(warm.calls()).isEqualTo(Map.of("ListResourceRecordSets", 5, "total", 5));
    // a new container also lists the catalog's hosted zone for the state records: one page of
    // fewer than 300 RRsets
    assertThat(rig.content(rig.catalogZoneId)).hasSizeLessThan(300);
    assertThat(cold.calls()).isEqualTo(Map.of("ListResourceRecordSets", 6, "total", 6));
  }

  /** The label of the member's state record. */
  private String labelOf(String member) {
    return rig.stateRecords().entrySet().stream()
        .filter(e -> e.getValue().contains(" member=" + member + " "))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }
}
