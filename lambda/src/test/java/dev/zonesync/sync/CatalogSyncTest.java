package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.ExecutionSettings;
import dev.zonesync.config.MetricsDetail;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.SourceLimits;
import dev.zonesync.config.VpcRef;
import dev.zonesync.config.ZoneTemplate;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.CatalogShrinkLimits;
import dev.zonesync.plan.NamePattern;
import dev.zonesync.plan.SafetyLimits;
import dev.zonesync.plan.TtlPolicy;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import dev.zonesync.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A catalog and its members end to end over the in-process Route 53, a lifecycle fake and masters
 * with journals: members created, synced, exposed only once complete, quarantined when they leave,
 * refused outside {@code allow}; a broken or shrunk catalog changing nothing. Expected content is
 * written by hand.
 */
class CatalogSyncTest {

  private static final DnsName CATALOG = DnsName.of("catalog.corp.example.");
  private static final VpcRef CREATE_IN = new VpcRef("vpc-0aaaaaaaaaaaaaaa1", "eu-west-1");
  private static final VpcRef WORKLOADS = new VpcRef("vpc-0bbbbbbbbbbbbbbb2", "eu-west-1");

  @TempDir Path dir;
  private final FakeRoute53 route53 = new FakeRoute53();
  private final FakeLifecycle lifecycle = new FakeLifecycle(route53);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final Map<DnsName, VersionedMaster> masters = new HashMap<>();
  private String catalogZoneId;
  private VersionedMaster catalog;

  @BeforeEach
  void setUp() {
    catalogZoneId = route53.createZone(CATALOG.text());
    catalog = master(CATALOG);
  }

  private VersionedMaster master(DnsName zone) {
    return masters.computeIfAbsent(
        zone,
        z -> {
          Path d = dir.resolve(z.text());
          d.toFile().mkdirs();
          return new VersionedMaster(z, d);
        });
  }

  /** A catalog version listing {@code members} as {@code label=zone} pairs. */
  private static String catalogText(long serial, String... members) {
    StringBuilder sb =
        new StringBuilder(
            "$ORIGIN catalog.corp.example.\n$TTL 0\n@ IN SOA invalid. invalid. "
                + serial
                + " 3600 600 1209600 0\n@ IN NS invalid.\nversion IN TXT \"2\"\n");
    for (String m : members) {
      String[] lz = m.split("=");
      sb.append(lz[0]).append(".zones IN PTR ").append(lz[1]).append('\n');
    }
    return sb.toString();
  }

  private static String memberText(String zone, long serial, String... records) {
    StringBuilder sb =
        new StringBuilder(
            "$ORIGIN "
                + zone
                + "\n$TTL 300\n@ IN SOA ns1."
                + zone
                + " hostmaster."
                + zone
                + " "
                + serial
                + " 3600 600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n");
    for (String r : records) {
      sb.append(r).append('\n');
    }
    return sb.toString();
  }

  private static ZoneTemplate template() {
    return new ZoneTemplate(
        List.of(new Master("192.0.2.53", 53)),
        null,
        dev.zonesync.model.RrType.ROUTE53_TYPES,
        List.of(),
        TtlPolicy.NONE,
        SafetyLimits.DEFAULT,
        BatchLimits.ROUTE53,
        SourceLimits.DEFAULT,
        Duration.ofHours(24),
        MetricsDetail.DEFAULT);
  }

  private static CatalogSettings settings(CatalogShrinkLimits shrink) {
    return new CatalogSettings(
        CATALOG,
        null,
        List.of(new Master("192.0.2.53", 53)),
        null,
        List.of(NamePattern.parse("*.corp.example.")),
        true,
        CREATE_IN,
        new CatalogSettings.ToVpcs(List.of(WORKLOADS)),
        template(),
        Map.of(),
        shrink,
        SourceLimits.DEFAULT);
  }

  private Engine engine(CatalogShrinkLimits shrink) {
    CatalogSettings c = settings(shrink);
    c =
        new CatalogSettings(
            c.name(),
            catalogZoneId,
            c.masters(),
            c.tsig(),
            c.allow(),
            c.create(),
            c.createIn(),
            c.exposeTo(),
            c.defaults(),
            c.groups(),
            c.shrink(),
            c.source());
    Settings s =
        new Settings(
            List.of(),
            Route53Settings.DEFAULT,
            Duration.ofMillis(1),
            ExecutionSettings.DEFAULT,
            List.of(c));
    return new Engine(
        s,
        new HostedZoneReader(route53),
        new ChangeApplier(route53, Duration.ofMillis(1)),
        new MeteredCalls(),
        z -> masters.get(z.name()),
        lifecycle,
        clock);
  }

  private RunReport run(Engine e, SyncOptions o) {
    route53.resetCalls();
    lifecycle.calls.clear();
    return e.run(List.of(), List.of(), o, Deadline.after(Duration.ofMinutes(1)));
  }

  private static Map<String, String> states(RunReport r) {
    return r.catalogs().get(0).members().stream()
        .collect(Collectors.toMap(CatalogReport.Member::name, CatalogReport.Member::state));
  }

  private static ZoneReport zone(RunReport r, String name) {
    return r.zones().stream().filter(z -> z.zone().equals(name)).findFirst().orElseThrow();
  }

  private String stateRecord(String label) {
    ResourceRecordSet s =
        route53.get(catalogZoneId, "_zonesync." + label + ".zones." + CATALOG.text(), "TXT");
    return s == null ? null : s.resourceRecords().get(0).value();
  }

  private String hostedZoneOf(RunReport r, String member) {
    return r.catalogs().get(0).members().stream()
        .filter(m -> m.name().equals(member))
        .findFirst()
        .orElseThrow()
        .hostedZoneId();
  }

  private void twoMembers() {
    catalog.version(catalogText(1, "m1=a.corp.example.", "m2=b.corp.example."));
    master(DnsName.of("a.corp.example."))
        .version(memberText("a.corp.example.", 7, "www IN A 192.0.2.1"));
    master(DnsName.of("b.corp.example."))
        .version(memberText("b.corp.example.", 9, "www IN A 192.0.2.2"));
  }

  @Test
  void firstRun_createsEachMembersZone_syncsIt_thenExposesIt() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).as(c.error()).isEqualTo(Status.APPLIED);
              assertThat(c.serial()).isEqualTo(1L);
            });
    assertThat(states(r))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a.corp.example.", "mirrored", "b.corp.example.", "mirrored"));
    String a = hostedZoneOf(r, "a.corp.example.");
    assertThat(zone(r, "a.corp.example.").status()).isEqualTo(Status.APPLIED);
    assertThat(zone(r, "a.corp.example.").hostedZoneId()).isEqualTo(a);
    assertThat(zone(r, CATALOG.text()).status()).isEqualTo(Status.APPLIED);
    // created in the empty VPC, associated with the workloads only after the members' syncs
    assertThat(lifecycle.vpcsOf(a))
        .containsExactlyInAnyOrder(
            new HostedZoneLifecycle.Vpc(CREATE_IN.id(), CREATE_IN.region()),
            new HostedZoneLifecycle.Vpc(WORKLOADS.id(), WORKLOADS.region()));
    assertThat(lifecycle.calls)
        .containsExactly(
            "create a.corp.example.",
            "create b.corp.example.",
            "associate " + a + " " + WORKLOADS.id(),
            "associate " + hostedZoneOf(r, "b.corp.example.") + " " + WORKLOADS.id());
    assertThat(lifecycle.tags(a))
        .containsEntry("zonesync:catalog", CATALOG.text())
        .containsEntry("zonesync:member", "a.corp.example.");
    assertThat(route53.get(a, "www.a.corp.example.", "A").resourceRecords().get(0).value())
        .isEqualTo("192.0.2.1");
    assertThat(stateRecord("m1"))
        .contains("member=a.corp.example.")
        .contains("state=mirrored")
        .contains("exposed=1")
        .contains("zone=" + a);
  }

  @Test
  void unchangedCatalog_costsTheCatalogsMarkerReadAndOneReadPerMember() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    run(e, SyncOptions.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs().get(0).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.zones()).allMatch(z -> z.status() == Status.UP_TO_DATE);
    // the catalog's marker, each member's marker; nothing written, nothing created
    assertThat(route53.calls()).containsExactly(Map.entry("ListResourceRecordSets", 3));
    assertThat(lifecycle.calls).isEmpty();
  }

  @Test
  void memberAdded_isCreatedOnTheNextRun_theOthersKeepTheirZones() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String a = hostedZoneOf(run(e, SyncOptions.DEFAULT), "a.corp.example.");
    catalog.version(
        catalogText(2, "m1=a.corp.example.", "m2=b.corp.example.", "m3=c.corp.example."));
    master(DnsName.of("c.corp.example.")).version(memberText("c.corp.example.", 1));

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(states(r)).containsEntry("c.corp.example.", "mirrored");
    assertThat(hostedZoneOf(r, "a.corp.example.")).isEqualTo(a);
    assertThat(lifecycle.calls)
        .filteredOn(c -> c.startsWith("create"))
        .containsExactly("create c.corp.example.");
  }

  @Test
  void memberRemoved_isQuarantined_notSynced_itsZoneKeptAndTagged() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String b = hostedZoneOf(run(e, SyncOptions.DEFAULT), "b.corp.example.");
    catalog.version(catalogText(2, "m1=a.corp.example."));

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(states(r)).containsEntry("b.corp.example.", "quarantined");
    assertThat(r.zones()).noneMatch(z -> z.zone().equals("b.corp.example."));
    assertThat(lifecycle.tags(b)).containsKey("zonesync:quarantined");
    assertThat(route53.get(b, "www.b.corp.example.", "A")).isNotNull();
    assertThat(stateRecord("m2")).contains("state=quarantined");

    // it comes back: synced again, the tag removed
    catalog.version(catalogText(3, "m1=a.corp.example.", "m2=b.corp.example."));
    RunReport back = run(e, SyncOptions.DEFAULT);
    assertThat(states(back)).containsEntry("b.corp.example.", "mirrored");
    assertThat(lifecycle.tags(b)).doesNotContainKey("zonesync:quarantined");
    assertThat(hostedZoneOf(back, "b.corp.example.")).isEqualTo(b);
  }

  @Test
  void quarantinedMember_whoseZoneAnOperatorDeleted_hasItsRecordRemoved() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String b = hostedZoneOf(run(e, SyncOptions.DEFAULT), "b.corp.example.");
    catalog.version(catalogText(2, "m1=a.corp.example."));
    run(e, SyncOptions.DEFAULT);
    assertThat(stateRecord("m2")).contains("state=quarantined");

    lifecycle.delete(b); // the README's way to retire it
    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(stateRecord("m2")).isNull();
    assertThat(states(r)).containsEntry("b.corp.example.", "removed");
    assertThat(run(e, SyncOptions.DEFAULT).catalogs().get(0).members())
        .noneMatch(m -> m.name().equals("b.corp.example."));
    assertThat(lifecycle.calls).noneMatch(c -> c.startsWith("create b."));
  }

  @Test
  void quarantinedMember_whoseZoneStands_staysQuarantined() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String b = hostedZoneOf(run(e, SyncOptions.DEFAULT), "b.corp.example.");
    catalog.version(catalogText(2, "m1=a.corp.example."));
    run(e, SyncOptions.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(states(r)).containsEntry("b.corp.example.", "quarantined");
    assertThat(stateRecord("m2")).contains("state=quarantined").contains("zone=" + b);
  }

  @Test
  void memberOutsideAllow_isRefused_andNothingIsCreatedForIt() {
    catalog.version(catalogText(1, "m1=a.corp.example.", "m9=evilcorp.example."));
    master(DnsName.of("a.corp.example.")).version(memberText("a.corp.example.", 1));
    Engine e = engine(CatalogShrinkLimits.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(states(r)).containsEntry("evilcorp.example.", "refused");
    assertThat(lifecycle.calls).noneMatch(c -> c.contains("evilcorp"));
    assertThat(r.zones()).noneMatch(z -> z.zone().equals("evilcorp.example."));
  }

  @Test
  void brokenCatalog_changesNothing_andItsMembersKeepSyncing() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    run(e, SyncOptions.DEFAULT);
    catalog.version(
        catalogText(2, "m1=a.corp.example.")
            .replace("version IN TXT \"2\"", "version IN TXT \"1\""));
    master(DnsName.of("b.corp.example."))
        .version(memberText("b.corp.example.", 10, "www IN A 192.0.2.22"));

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs().get(0).status()).isEqualTo(Status.FAILED);
    assertThat(r.catalogs().get(0).error()).contains("broken").contains("version");
    assertThat(r.ok()).isFalse();
    assertThat(zone(r, "b.corp.example.").status()).isEqualTo(Status.APPLIED);
    assertThat(stateRecord("m2")).contains("state=mirrored");
    // the catalog's own hosted zone still holds the last valid catalog
    assertThat(route53.get(catalogZoneId, "m2.zones.catalog.corp.example.", "PTR")).isNotNull();
  }

  @Test
  void dryRun_createsNothing_andWritesNothing() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);

    RunReport r = run(e, SyncOptions.DRY_RUN);

    assertThat(r.catalogs().get(0).status()).isEqualTo(Status.DRY_RUN);
    assertThat(states(r)).containsEntry("a.corp.example.", "created");
    assertThat(lifecycle.calls).isEmpty();
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
  }

  @Test
  void describe_saysDryRunWhilePending_andUpToDateOnceNothingIs() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    Deadline d = Deadline.after(java.time.Duration.ofMinutes(1));

    assertThat(e.describeCatalogs(List.of(), d).catalogs().get(0).status())
        .isEqualTo(Status.DRY_RUN);
    run(e, SyncOptions.DEFAULT);
    int writes = route53.calls("ChangeResourceRecordSets");

    assertThat(e.describeCatalogs(List.of(), d).catalogs().get(0).status())
        .isEqualTo(Status.UP_TO_DATE);
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(writes);
  }

  @Test
  void quotaReached_refusesTheNewMembersWithWhatToDo() {
    twoMembers();
    lifecycle.quota = 1;
    Engine e = engine(CatalogShrinkLimits.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs().get(0).members())
        .allSatisfy(
            m -> {
              assertThat(m.state()).isEqualTo("refused");
              assertThat(m.reason()).contains("request a Route 53 quota increase");
            });
    assertThat(lifecycle.calls).noneMatch(c -> c.startsWith("create"));
  }

  @Test
  void catalogLosingMostMembers_isRejectedUnlessForced() {
    String[] ten = new String[10];
    for (int i = 0; i < 10; i++) {
      ten[i] = "m" + i + "=z" + i + ".corp.example.";
      master(DnsName.of("z" + i + ".corp.example."))
          .version(memberText("z" + i + ".corp.example.", 1));
    }
    catalog.version(catalogText(1, ten));
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    run(e, SyncOptions.DEFAULT);
    catalog.version(catalogText(2, java.util.Arrays.copyOf(ten, 6)));

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs().get(0).status()).isEqualTo(Status.REJECTED);
    assertThat(r.zones()).filteredOn(z -> z.zone().startsWith("z")).hasSize(10);
    assertThat(states(r).values()).doesNotContain("quarantined");

    RunReport forced = run(e, SyncOptions.FORCED);
    assertThat(forced.catalogs().get(0).status()).isEqualTo(Status.APPLIED);
    assertThat(states(forced).values().stream().filter("quarantined"::equals).count()).isEqualTo(4);
  }

  @Test
  void aRecordedMember_canBeSyncedByName() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    run(e, SyncOptions.DEFAULT);
    master(DnsName.of("a.corp.example."))
        .version(memberText("a.corp.example.", 8, "www IN A 192.0.2.111"));

    RunReport r =
        e.run(
            List.of("a.corp.example"),
            List.of(),
            SyncOptions.DEFAULT,
            Deadline.after(Duration.ofMinutes(1)));

    assertThat(r.zones()).extracting(ZoneReport::zone).containsExactly("a.corp.example.");
    assertThat(r.zones().get(0).status()).isEqualTo(Status.APPLIED);
    assertThat(r.catalogs()).isNull();
  }

  @Test
  void labelChange_keepsTheZone_andSyncsTheMemberInFull() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String a = hostedZoneOf(run(e, SyncOptions.DEFAULT), "a.corp.example.");
    catalog.version(catalogText(2, "m7=a.corp.example.", "m2=b.corp.example."));

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(hostedZoneOf(r, "a.corp.example.")).isEqualTo(a);
    assertThat(zone(r, "a.corp.example.").path()).isEqualTo("full");
    assertThat(stateRecord("m7")).contains("member=a.corp.example.").contains("reset=0");
    assertThat(stateRecord("m1")).isNull();
  }

  @Test
  void memberWhoseZoneAnOperatorDeleted_getsANewZoneNextGeneration() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    String a = hostedZoneOf(run(e, SyncOptions.DEFAULT), "a.corp.example.");
    lifecycle.delete(a);
    master(DnsName.of("a.corp.example."))
        .version(memberText("a.corp.example.", 8, "www IN A 192.0.2.9"));

    RunReport failed = run(e, SyncOptions.DEFAULT);
    assertThat(zone(failed, "a.corp.example.").status()).isEqualTo(Status.FAILED);
    RunReport r = run(e, SyncOptions.DEFAULT);

    String again = hostedZoneOf(r, "a.corp.example.");
    assertThat(again).isNotEqualTo(a);
    assertThat(stateRecord("m1")).contains("gen=2").contains("state=mirrored");
    assertThat(route53.get(again, "www.a.corp.example.", "A")).isNotNull();
  }

  @Test
  void stateRecordsAnotherRunChanged_areReadAgain_beforeThisContainerDecidesFromItsOwnCopy() {
    twoMembers();
    CatalogShrinkLimits strict = new CatalogShrinkLimits(0.30, 2);
    Engine warm = engine(strict);
    run(warm, SyncOptions.DEFAULT);
    // b leaves: half of two members, above the threshold; an operator forces it from the CLI
    catalog.version(catalogText(2, "m1=a.corp.example."));
    RunReport forced = run(engine(strict), SyncOptions.FORCED);
    assertThat(states(forced)).containsEntry("b.corp.example.", "quarantined");
    master(DnsName.of("b.corp.example."))
        .version(memberText("b.corp.example.", 10, "www IN A 192.0.2.22"));

    RunReport r = run(warm, SyncOptions.DEFAULT);

    // the warm container's own copy still says b is mirrored: it would reject the shrink again
    // and keep syncing b; the records it reads again say b is quarantined
    assertThat(r.catalogs().get(0).status())
        .as(r.catalogs().get(0).error())
        .isEqualTo(Status.UP_TO_DATE);
    assertThat(states(r)).containsEntry("b.corp.example.", "quarantined");
    assertThat(r.zones()).noneMatch(z -> z.zone().equals("b.corp.example."));
    assertThat(stateRecord("m2")).contains("state=quarantined");
  }

  @Test
  void unchangedCatalog_inAWarmContainer_readsTheStateRecordsOnlyOnce() {
    twoMembers();
    Engine e = engine(CatalogShrinkLimits.DEFAULT);
    run(e, SyncOptions.DEFAULT);
    run(e, SyncOptions.DEFAULT);

    RunReport r = run(e, SyncOptions.DEFAULT);

    assertThat(r.catalogs().get(0).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(route53.calls()).containsExactly(Map.entry("ListResourceRecordSets", 3));
  }
}
