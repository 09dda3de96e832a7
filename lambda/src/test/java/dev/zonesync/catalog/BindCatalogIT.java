package dev.zonesync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.catalog.CatalogRig.Run;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.WireCall;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A catalog kept by hand on BIND 9.18 (a dynamic zone, edited with {@code nsupdate} and the TSIG
 * key): members added and removed by dynamic update; a member outside {@code allow} — {@code
 * evilcorp.example.}, which merely ends in the letters of the allowed {@code *.corp.example.} —
 * refused and never created; a broken catalog (version TXT missing, {@code "1"} or twice; a member
 * with two PTRs; a member under two labels) changing nothing while the members of the last valid
 * set keep syncing; a shrink beyond the threshold rejected until forced; and the command line as a
 * user runs it ({@code zonesync sync --catalog}, {@code zonesync catalog}) with its JSON report,
 * table and exit codes.
 *
 * <p>The tests build on each other in order, against one BIND and one catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class BindCatalogIT {

  private static final String MASTER = "BIND 9.18";
  private static final String EVIL = "evilcorp.example.";

  private CatalogRig rig;
  private NamedServer named;
  private String a;
  private String b;
  private String c;
  private String d;
  private final Map<String, String> ids = new TreeMap<>();

  @BeforeAll
  void start() {
    rig = new CatalogRig("corp.example.");
    a = rig.member("a");
    b = rig.member("b");
    c = rig.member("c");
    d = rig.member("d");
    NamedServer.TsigKey key = rig.namedKey();
    named =
        NamedServer.builder()
            .tsigKey(key.name(), key.algorithm(), key.secret())
            .zoneText(rig.catalog, CatalogRig.text("bind-catalog"))
            .zoneText(a, CatalogRig.text("a"))
            .zoneText(b, CatalogRig.text("b"))
            .zoneText(c, CatalogRig.text("c"))
            .zoneText(d, CatalogRig.text("d"))
            .zoneText(EVIL, CatalogRig.text("outside"))
            .start();
    rig.master(named.hostPort());
    // small numbers, so a small catalog can shrink too far: removing more than half of 3 or more
    rig.catalogExtras("shrink: {maxRemoveFraction: 0.5, minMembers: 3}");
  }

  @AfterAll
  void stop() {
    if (named != null) {
      named.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  /** One dynamic update of the catalog zone; names relative to its {@code zones} node. */
  private void catalogUpdate(String... updates) {
    StringBuilder sb = new StringBuilder("zone " + rig.catalog + "\n");
    for (String u : updates) {
      sb.append("update ").append(u.replace("@", rig.catalog)).append('\n');
    }
    named.nsupdate(sb.append("send\n").toString());
  }

  private static boolean namesZone(WireCall c, String name) {
    return c.requestBody().contains("<Name>" + name + "</Name>")
        || c.requestBody().contains("<Name>" + name.substring(0, name.length() - 1) + "</Name>");
  }

  @Test
  @Order(1)
  void firstRun_mirrorsTheAllowedMembers_andRefusesANameThatOnlyEndsInTheAllowedLetters() {
    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "first run (2 members created, 1 refused)", 2, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.states()).isEqualTo(Map.of(a, "mirrored", b, "mirrored", EVIL, "refused"));
    assertThat(run.member(EVIL).reason()).contains("outside allow [*.corp.example.]");
    assertThat(run.member(EVIL).hostedZoneId()).isNull();
    assertThat(rig.zonesNamed(EVIL)).isEmpty();
    assertThat(run.calls("CreateHostedZone")).noneMatch(c -> namesZone(c, EVIL));
    assertThat(run.synced()).doesNotContain(EVIL);
    assertThat(rig.stateOf(EVIL)).isEmpty();
    for (String m : List.of(a, b)) {
      String id = run.member(m).hostedZoneId();
      ids.put(m, id);
      assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
      CatalogRig.assertExposedAfterItsWrites(run, id);
      assertThat(rig.hosted(m, id)).isEqualTo(CatalogRig.expectedFromFile(m, m.substring(0, 1)));
    }
    assertThat(rig.hosted(rig.catalog, rig.catalogZoneId))
        .isEqualTo(rig.expectedFromMaster(rig.catalog));
  }

  @Test
  @Order(2)
  void memberAddedByDynamicUpdate_isCreatedOnTheNextRun() {
    catalogUpdate("add m4.zones.@ 0 IN PTR " + c);

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member added (nsupdate)", 3, run);

    assertThat(run.member(c).state()).isEqualTo("mirrored");
    String id = run.member(c).hostedZoneId();
    ids.put(c, id);
    assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
    CatalogRig.assertExposedAfterItsWrites(run, id);
    assertThat(rig.hosted(c, id)).isEqualTo(CatalogRig.expectedFromFile(c, "c"));
    assertThat(run.calls("CreateHostedZone")).hasSize(1);
    assertThat(run.member(EVIL).state()).isEqualTo("refused");
  }

  @Test
  @Order(3)
  void memberRemovedByDynamicUpdate_isQuarantined_intact() {
    String id = ids.get(b);
    List<String> before = rig.content(id);
    catalogUpdate("delete m2.zones.@ PTR");

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member removed (nsupdate)", 2, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.member(b).state()).isEqualTo("quarantined");
    assertThat(run.synced()).doesNotContain(b);
    assertThat(rig.tags(id)).containsKey("zonesync:quarantined");
    assertThat(rig.content(id)).isEqualTo(before);
    assertThat(rig.zonesNamed(b)).hasSize(1);
    assertThat(run.calls()).doesNotContainKeys("DeleteHostedZone", "DisassociateVPCFromHostedZone");
  }

  // ---------------------------------------------------------------------------------------------
  // a broken catalog changes nothing

  /**
   * Breaks the catalog (and lists a new member {@code d} in the same update), changes member {@code
   * a} on the master, runs: the catalog is FAILED (broken, RFC 9432 §5.1), nothing about hosted
   * zones changes (none created, tagged or associated; the catalog's hosted zone — its mirror and
   * the state records — untouched), and the members of the last valid set keep syncing: {@code a}'s
   * change is mirrored, {@code c} is checked, quarantined {@code b} stays so. Then the catalog is
   * repaired.
   */
  private Run assertBrokenChangesNothing(
      String scenario, String why, List<String> breaking, List<String> repairing) {
    List<String> catalogZone = rig.content(rig.catalogZoneId);
    Map<String, String> states = rig.stateRecords();
    List<String> update = new java.util.ArrayList<>(breaking);
    update.add("add m5.zones.@ 0 IN PTR " + d);
    catalogUpdate(update.toArray(String[]::new));
    String owner = "broken-" + scenario.replaceAll("[^a-z0-9]", "") + "." + a;
    named.nsupdate("zone " + a + "\nupdate add " + owner + " 300 IN A 192.0.2.200\nsend\n");

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "broken catalog: " + scenario, 2, run);

    assertThat(run.catalog().status()).isEqualTo(Status.FAILED);
    assertThat(run.catalog().error()).contains("is broken").contains(why);
    assertThat(run.report().ok()).isFalse();
    assertThat(run.calls())
        .doesNotContainKeys(
            "CreateHostedZone",
            "ChangeTagsForResource",
            "AssociateVPCWithHostedZone",
            "GetAccountLimit");
    assertThat(run.on(rig.catalogZoneId))
        .extracting(WireCall::operation)
        .doesNotContain("ChangeResourceRecordSets");
    assertThat(rig.content(rig.catalogZoneId)).isEqualTo(catalogZone);
    assertThat(rig.stateRecords()).isEqualTo(states);
    assertThat(rig.zonesNamed(d)).isEmpty();
    assertThat(run.states()).containsEntry(a, "mirrored").containsEntry(c, "mirrored");
    assertThat(run.states()).containsEntry(b, "quarantined").doesNotContainKey(d);
    ZoneReport ra = run.zone(a).orElseThrow();
    assertThat(ra.status()).as(ra.error()).isEqualTo(Status.APPLIED);
    assertThat(rig.hosted(a, ids.get(a))).isEqualTo(rig.expectedFromMaster(a));
    assertThat(run.zone(c)).get().extracting(ZoneReport::status).isEqualTo(Status.UP_TO_DATE);
    assertThat(run.synced()).doesNotContain(b, d);

    List<String> fix = new java.util.ArrayList<>(repairing);
    fix.add("delete m5.zones.@ PTR");
    catalogUpdate(fix.toArray(String[]::new));
    return run;
  }

  @Test
  @Order(4)
  void brokenCatalog_withoutVersion_changesNothing() {
    assertBrokenChangesNothing(
        "version TXT missing",
        "no version property",
        List.of("delete version.@ TXT"),
        List.of("add version.@ 0 IN TXT \"2\""));
  }

  @Test
  @Order(5)
  void brokenCatalog_ofVersionOne_changesNothing_andTheCliExitsOne() {
    List<String> catalogZone = rig.content(rig.catalogZoneId);
    catalogUpdate("delete version.@ TXT", "add version.@ 0 IN TXT \"1\"");
    CatalogCli.Result cli = CatalogCli.run(rig, "sync", "--catalog", rig.catalog);

    assertThat(cli.exit()).as(cli.toString()).isEqualTo(1);
    JsonNode catalog = cli.report().path("catalogs").get(0);
    assertThat(catalog.path("status").asText()).isEqualTo("FAILED");
    assertThat(catalog.path("error").asText()).contains("is broken").contains("not \"2\"");
    assertThat(cli.report().path("ok").asBoolean()).isFalse();
    CatalogCli.Result table = CatalogCli.run(rig, "catalog");
    assertThat(table.exit()).as(table.toString()).isEqualTo(1);
    assertThat(table.stdout())
        .contains("catalog " + rig.catalog + ": FAILED")
        .contains("error: catalog " + rig.catalog + " is broken");
    assertThat(rig.content(rig.catalogZoneId)).isEqualTo(catalogZone);
    assertThat(rig.proxy.countsByOperation())
        .doesNotContainKeys(
            "CreateHostedZone", "ChangeTagsForResource", "AssociateVPCWithHostedZone");

    assertBrokenChangesNothing(
        "version TXT \"1\"",
        "not \"2\"",
        List.of(),
        List.of("delete version.@ TXT", "add version.@ 0 IN TXT \"2\""));
  }

  @Test
  @Order(6)
  void brokenCatalog_withTwoVersionRecords_changesNothing() {
    assertBrokenChangesNothing(
        "two version TXTs",
        "requires exactly one",
        List.of("add version.@ 0 IN TXT \"3\""),
        List.of("delete version.@ TXT \"3\""));
  }

  @Test
  @Order(7)
  void brokenCatalog_withAMemberOfTwoPtrs_changesNothing() {
    assertBrokenChangesNothing(
        "member with two PTRs",
        "m1.zones." + rig.catalog + " PTR holds 2 records",
        List.of("add m1.zones.@ 0 IN PTR " + EVIL),
        List.of("delete m1.zones.@ PTR " + EVIL));
  }

  @Test
  @Order(8)
  void brokenCatalog_withAMemberUnderTwoLabels_changesNothing() {
    assertBrokenChangesNothing(
        "one member under two labels",
        "listed under two labels",
        List.of("add m9.zones.@ 0 IN PTR " + c),
        List.of("delete m9.zones.@ PTR"));
  }

  @Test
  @Order(9)
  void repairedCatalog_isReadAgain_andNothingWasLeftBehind() {
    Run run = rig.run(SyncOptions.DEFAULT);

    // the repaired catalog lists the last valid set: no member changes, the catalog zone resynced
    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(run.zone(rig.catalog))
        .get()
        .extracting(ZoneReport::status)
        .isEqualTo(Status.APPLIED);
    assertThat(run.states())
        .isEqualTo(Map.of(a, "mirrored", b, "quarantined", c, "mirrored", EVIL, "refused"));
    assertThat(run.calls()).doesNotContainKeys("CreateHostedZone", "ChangeTagsForResource");
    assertThat(rig.hosted(rig.catalog, rig.catalogZoneId))
        .isEqualTo(rig.expectedFromMaster(rig.catalog));
  }

  // ---------------------------------------------------------------------------------------------
  // shrink, and the command line

  @Test
  @Order(10)
  void shrinkBeyondTheThreshold_isRejectedUntilForced() {
    catalogUpdate("add m5.zones.@ 0 IN PTR " + d);
    Run grown = rig.run(SyncOptions.DEFAULT);
    assertThat(grown.member(d).state()).isEqualTo("mirrored");
    ids.put(d, grown.member(d).hostedZoneId());
    // 3 synced members (a, c, d); removing 2 is 67 %, above maxRemoveFraction 50 %
    catalogUpdate("delete m4.zones.@ PTR", "delete m5.zones.@ PTR");

    Run rejected = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "shrink beyond the threshold (rejected)", 3, rejected);

    assertThat(rejected.catalog().status()).isEqualTo(Status.REJECTED);
    assertThat(rejected.catalog().error())
        .contains("removes 2 of the 3 members synced now")
        .contains("force");
    assertThat(rejected.report().ok()).isFalse();
    assertThat(rejected.states()).containsEntry(c, "mirrored").containsEntry(d, "mirrored");
    assertThat(rejected.synced()).contains(a, c, d);
    assertThat(rejected.calls()).doesNotContainKeys("ChangeTagsForResource", "CreateHostedZone");
    assertThat(rig.tags(ids.get(c))).doesNotContainKey("zonesync:quarantined");

    CatalogCli.Result unforced = CatalogCli.run(rig, "sync", "--catalog", rig.catalog);
    assertThat(unforced.exit()).as(unforced.toString()).isEqualTo(1);
    assertThat(unforced.report().path("catalogs").get(0).path("status").asText())
        .isEqualTo("REJECTED");

    CatalogCli.Result forced = CatalogCli.run(rig, "sync", "--catalog", rig.catalog, "--force");
    assertThat(forced.exit()).as(forced.toString()).isZero();
    JsonNode catalog = forced.report().path("catalogs").get(0);
    assertThat(catalog.path("status").asText()).isEqualTo("APPLIED");
    Map<String, String> states = new TreeMap<>();
    catalog
        .path("members")
        .forEach(m -> states.put(m.path("name").asText(), m.path("state").asText()));
    assertThat(states)
        .isEqualTo(
            Map.of(
                a,
                "mirrored",
                b,
                "quarantined",
                c,
                "quarantined",
                d,
                "quarantined",
                EVIL,
                "refused"));
    assertThat(rig.tags(ids.get(c))).containsKey("zonesync:quarantined");
    assertThat(rig.tags(ids.get(d))).containsKey("zonesync:quarantined");

    // the warm engine (a Lambda container that ran before the forced CLI run) agrees
    Run after = rig.run(SyncOptions.DEFAULT);
    assertThat(after.catalog().status())
        .as(after.catalog().error())
        .isIn(Status.UP_TO_DATE, Status.APPLIED);
    assertThat(after.states()).containsEntry(c, "quarantined").containsEntry(d, "quarantined");
    assertThat(after.synced()).doesNotContain(c, d);
  }

  @Test
  @Order(11)
  void catalogCommand_printsEachMembersState_andWritesNothing() {
    rig.proxy.clear();
    CatalogCli.Result table = CatalogCli.run(rig, "catalog");

    assertThat(table.exit()).as(table.toString()).isZero();
    String out = table.stdout();
    // read only: nothing pending since the last run, so UP_TO_DATE
    assertThat(out)
        .contains(
            "catalog "
                + rig.catalog
                + ": UP_TO_DATE (serial "
                + named.soaSerial(rig.catalog)
                + ")");
    assertThat(out).containsPattern("(?m)^  MEMBER +HOSTED ZONE +STATE +WHY$");
    assertThat(out)
        .containsPattern(
            "(?m)^  " + java.util.regex.Pattern.quote(a) + " +" + ids.get(a) + " +mirrored ");
    assertThat(out)
        .containsPattern(
            "(?m)^  " + java.util.regex.Pattern.quote(c) + " +" + ids.get(c) + " +quarantined ");
    assertThat(out)
        .containsPattern(
            "(?m)^  " + java.util.regex.Pattern.quote(EVIL) + " +- +refused +.*outside allow");
    assertThat(rig.proxy.countsByOperation().keySet())
        .as("read only")
        .allMatch(op -> op.startsWith("List") || op.startsWith("Get"));
    System.out.println("CATALOG-CLI | zonesync catalog --config F\n" + out);
  }
}
