package dev.zonesync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.catalog.CatalogRig.Run;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.PowerDnsServer;
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

/**
 * A catalog PowerDNS Authoritative 4.7 produces (zone kind PRODUCER, members joined with {@code
 * pdnsutil set-catalog}) on its SQLite backend: members created, mirrored exactly and exposed only
 * after their writes, a new member picked up on the next run, a removed one quarantined and left
 * intact, then resumed. PowerDNS serves a changed member list at once but moves the catalog's
 * serial only at its next check (xfr-cycle-interval, 1 s here): each step waits for the serial, as
 * a consumer, which goes by the serial, must.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class PowerDnsCatalogIT {

  private static final String MASTER = "PowerDNS 4.7";

  private CatalogRig rig;
  private PowerDnsServer pdns;
  private String a;
  private String b;
  private String c;
  private final Map<String, String> ids = new java.util.HashMap<>();

  @BeforeAll
  void start() {
    rig = new CatalogRig("pdns.example.");
    a = rig.member("a");
    b = rig.member("b");
    c = rig.member("c");
    pdns =
        PowerDnsServer.start(
            rig.key(),
            "xfr-cycle-interval=1\n",
            new DnsMaster.Zone(a, CatalogRig.text("a")),
            new DnsMaster.Zone(b, CatalogRig.text("b")),
            new DnsMaster.Zone(c, CatalogRig.text("c")));
    long before = serialOrZero();
    pdns.pdnsutil("create-zone", rig.catalog);
    pdns.pdnsutil("set-kind", rig.catalog, "producer");
    pdns.pdnsutil("activate-tsig-key", rig.catalog, rig.key().name(), "primary");
    for (String m : List.of(a, b, c)) {
      pdns.pdnsutil("set-kind", m, "primary");
    }
    pdns.pdnsutil("set-catalog", a, rig.catalog);
    pdns.pdnsutil("set-catalog", b, rig.catalog);
    awaitCatalogSerialAfter(before);
    rig.master(pdns.hostPort());
  }

  @AfterAll
  void stop() {
    if (pdns != null) {
      pdns.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  private long serialOrZero() {
    try {
      return pdns.soaSerial(rig.catalog);
    } catch (IllegalStateException notYet) {
      return 0;
    }
  }

  /** PowerDNS moves a producer catalog's serial at its next check: wait for it. */
  private long awaitCatalogSerialAfter(long before) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      long s = serialOrZero();
      if (s > before) {
        return s;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "PowerDNS did not move the catalog's serial past " + before + "\n" + pdns.log());
  }

  /** {@code pdnsutil set-catalog ZONE CATALOG} (empty: leaves), then the catalog's new serial. */
  private long setCatalog(String zone, String catalog) {
    long before = pdns.soaSerial(rig.catalog);
    pdns.pdnsutil("set-catalog", zone, catalog);
    return awaitCatalogSerialAfter(before);
  }

  @Test
  @Order(1)
  void firstRun_createsEachMember_mirrorsItExactly_andExposesItAfterItsWrites() {
    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "first run (2 members created)", 2, run);

    assertThat(run.catalog().status()).as(run.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(run.catalog().serial()).isEqualTo(pdns.soaSerial(rig.catalog));
    assertThat(run.states()).isEqualTo(Map.of(a, "mirrored", b, "mirrored"));
    for (String m : List.of(a, b)) {
      String id = run.member(m).hostedZoneId();
      ids.put(m, id);
      assertThat(rig.zonesNamed(m)).hasSize(1);
      assertThat(rig.zonesNamed(m).get(0).callerReference()).startsWith("zonesync/" + m + "/g1/");
      assertThat(rig.tags(id)).containsEntry("zonesync:catalog", rig.catalog);
      assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
      CatalogRig.assertExposedAfterItsWrites(run, id);
      assertThat(rig.hosted(m, id))
          .as(m + " mirrored exactly")
          .isEqualTo(CatalogRig.expectedFromFile(m, m.substring(0, 1)));
    }
    assertThat(rig.hosted(rig.catalog, rig.catalogZoneId))
        .isEqualTo(rig.expectedFromMaster(rig.catalog));

    Run unchanged = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "unchanged, warm container", 2, unchanged);
    assertThat(unchanged.catalog().status()).isEqualTo(Status.UP_TO_DATE);
    // by hand: the catalog zone's marker and each member's
    assertThat(unchanged.calls()).isEqualTo(Map.of("ListResourceRecordSets", 3, "total", 3));
  }

  @Test
  @Order(2)
  void memberJoinedBySetCatalog_isCreatedOnTheNextRun() {
    long serial = setCatalog(c, rig.catalog);

    Run run = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member added", 3, run);

    assertThat(run.catalog().serial()).isEqualTo(serial);
    assertThat(run.states()).isEqualTo(Map.of(a, "mirrored", b, "mirrored", c, "mirrored"));
    String id = run.member(c).hostedZoneId();
    ids.put(c, id);
    assertThat(run.calls("CreateHostedZone")).hasSize(1);
    assertThat(rig.vpcs(id)).isEqualTo(Set.of(rig.createIn, rig.exposeTo));
    CatalogRig.assertExposedAfterItsWrites(run, id);
    assertThat(rig.hosted(c, id)).isEqualTo(CatalogRig.expectedFromFile(c, "c"));
    assertThat(run.zone(a)).get().extracting(ZoneReport::status).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  @Order(3)
  void memberLeavingTheCatalog_isQuarantinedIntact_thenResumedWhenItReturns() {
    String id = ids.get(b);
    List<String> before = rig.content(id);
    setCatalog(b, "");

    Run left = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "one member removed (quarantined)", 2, left);

    assertThat(left.catalog().status()).as(left.catalog().error()).isEqualTo(Status.APPLIED);
    assertThat(left.member(b).state()).isEqualTo("quarantined");
    assertThat(left.synced()).doesNotContain(b);
    assertThat(rig.tags(id)).containsKey("zonesync:quarantined");
    assertThat(rig.content(id)).as("records intact").isEqualTo(before);
    assertThat(rig.zonesNamed(b)).hasSize(1);
    assertThat(left.calls())
        .doesNotContainKeys("DeleteHostedZone", "DisassociateVPCFromHostedZone");

    setCatalog(b, rig.catalog);
    Run back = rig.run(SyncOptions.DEFAULT);
    CatalogRig.row(MASTER, "removed member listed again (resumed)", 3, back);

    assertThat(back.member(b).state()).isEqualTo("mirrored");
    assertThat(back.member(b).hostedZoneId()).isEqualTo(id);
    assertThat(back.zone(b)).get().extracting(ZoneReport::path).isEqualTo("full");
    assertThat(rig.tags(id)).doesNotContainKey("zonesync:quarantined");
    assertThat(rig.hosted(b, id)).isEqualTo(CatalogRig.expectedFromFile(b, "b"));
    assertThat(back.calls("CreateHostedZone")).isEmpty();
  }
}
