package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployment side of {@code catalogs[]}, read at synth before any construct exists. */
class CatalogsTest {

  static final String SAMPLE_HOSTED_ZONE_ID =
      "    hostedZoneId: Z0CATALOG0123456789AB    # the catalog's own private hosted zone: the"
          + " catalog is\n";

  static String sample() {
    try {
      return Files.readString(Path.of("..", "samples", "zonesync-catalog.yaml"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A catalogs-only config around one catalog entry's keys (written flow style). */
  static String catalogsOnly(String catalogKeys, String deploymentExtra) {
    return """
        version: 1
        tsigKeys:
          - name: k.
            secret: {secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:k-AbCdEf}
        catalogs:
          - {name: catalog.example., masters: [192.0.2.1], tsig: k., allow: ["*.example.com."], KEYS}
        deployment:
          account: "111122223333"
          region: eu-west-1
          vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        EXTRA"""
        .replace("KEYS", catalogKeys)
        .replace("EXTRA", deploymentExtra);
  }

  @Test
  void parse_whenTheCatalogGivesNoHostedZoneId_theStackCreatesItAndTheEngineSeesAStandIn() {
    String sample = sample();
    assertThat(sample).contains(SAMPLE_HOSTED_ZONE_ID);
    ZoneSyncConfig c = ZoneSyncConfig.parse(sample.replace(SAMPLE_HOSTED_ZONE_ID, ""));
    Catalog catalog = c.catalogs().get(0);
    assertThat(catalog.createsHostedZone()).isTrue();
    assertThat(catalog.hostedZoneKey()).isEqualTo("catalog:catalog.corp.example.");
    assertThat(catalog.nameWithoutDot()).isEqualTo("catalog.corp.example");
    assertThat(c.engine().catalogs().get(0).hostedZoneId()).isEqualTo("ZCATALOGBYTHESTACK0000");
  }

  @Test
  void parse_whenTheCatalogGivesItsHostedZoneId_theStackCreatesNone() {
    Catalog catalog = ZoneSyncConfig.parse(sample()).catalogs().get(0);
    assertThat(catalog.createsHostedZone()).isFalse();
    assertThat(catalog.hostedZoneId()).contains("Z0CATALOG0123456789AB");
    assertThat(catalog.schedule()).isEqualTo("rate(5 minutes)");
  }

  @Test
  void parse_whenNeitherHostedZoneIdNorCreateIn_failsNamingHostedZoneIdAndBothFixes() {
    assertThatThrownBy(() -> ZoneSyncConfig.parse(catalogsOnly("hostedZones: {create: false}", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "catalogs[0].hostedZoneId: is required unless hostedZones.createIn names a VPC: the"
                + " stack then creates the catalog's own private hosted zone there. Give the ID of"
                + " an existing private hosted zone, or set hostedZones.createIn: {vpc:"
                + " vpc-0123456789abcdef0, region: eu-west-1}");
  }

  @Test
  void parse_whenNoScheduleIsGiven_theCatalogRunsOnTheDeploymentsDefault() {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            catalogsOnly(
                "hostedZoneId: ZCAT", "  scheduler: {defaultSchedule: rate(10 minutes)}\n"));
    assertThat(c.catalogs()).extracting(Catalog::schedule).containsExactly("rate(10 minutes)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          rate(5 minute) | catalogs[0].schedule: 'rate(5 minute)': use the singular unit for 1 and the plural otherwise, e.g. rate(1 minute), rate(5 minutes)
          every 5m       | catalogs[0].schedule: 'every 5m' is not a schedule expression: expected rate(N minutes|hours|days) or cron(6 fields)
          rate(1 day)    | catalogs[0].schedule: the catalog runs rate(1 day): the deployment's alarms follow schedules that run at least every 12h
          """)
  void parse_whenTheScheduleIsNotOneTheStackCanUse_failsNamingIt(String schedule, String message) {
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    catalogsOnly("hostedZoneId: ZCAT, schedule: \"" + schedule + "\"", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void parse_whenTheOldFullReconcileScheduleIsSet_refusesItBesideCatalogs() {
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    catalogsOnly(
                        "hostedZoneId: ZCAT",
                        "  scheduler: {fullReconcile: \"cron(0 4 * * ? *)\"}\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "deployment.scheduler.fullReconcile: cannot be used with catalogs: its {\"mode\":"
                + " \"full\"} run syncs every zone, every catalog and every member");
  }

  @Test
  void parse_whenAGroupsMasterIsAHostname_needsItsCidrsAndThenCountsAsUsed() {
    String group = "hostedZoneId: ZCAT, groups: {lab: {masters: [ns1.lab.example.]}}";
    assertThatThrownBy(() -> ZoneSyncConfig.parse(catalogsOnly(group, "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "catalogs[0].groups.lab.masters[0]: 'ns1.lab.example' is a hostname: the security"
                + " group needs its addresses.");
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            catalogsOnly(
                group, "  securityGroup: {masterCidrs: {ns1.lab.example: [10.30.0.0/24]}}\n"));
    assertThat(c.catalogs().get(0).masters())
        .containsOnlyKeys("catalogs[0].masters[0]", "catalogs[0].groups.lab.masters[0]");
    assertThat(SecurityGroupRules.of(c))
        .extracting(r -> r.protocol() + " " + r.cidr() + " " + r.port())
        .containsExactly(
            "tcp 0.0.0.0/0 443",
            "tcp 192.0.2.1/32 53",
            "udp 192.0.2.1/32 53",
            "tcp 10.30.0.0/24 53",
            "udp 10.30.0.0/24 53");
  }

  @Test
  void parse_quarantineAge_defaultsToAWeekAndIsADuration() {
    assertThat(
            ZoneSyncConfig.parse(catalogsOnly("hostedZoneId: ZCAT", ""))
                .deployment()
                .alarms()
                .quarantineAgeSeconds())
        .isEqualTo(7 * 86400);
    assertThat(
            ZoneSyncConfig.parse(
                    catalogsOnly("hostedZoneId: ZCAT", "  alarms: {quarantineAge: 48h}\n"))
                .deployment()
                .alarms()
                .quarantineAgeSeconds())
        .isEqualTo(48 * 3600);
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    catalogsOnly("hostedZoneId: ZCAT", "  alarms: {quarantineAge: 30m}\n")))
        .hasMessage("deployment.alarms.quarantineAge: 30m is out of range [3600s, 31536000s]");
  }

  @Test
  void fleetAlarmPlan_countsEachCatalogsScheduleInThePeriodAndTheHeartbeat() {
    // one zone every 5 minutes, the catalog every 15: the period follows the catalog, and the
    // heartbeat expects 3 zone runs and 1 catalog run in each
    String yaml =
        catalogsOnly("hostedZoneId: ZCAT, schedule: rate(15 minutes)", "")
            .replace(
                "catalogs:\n",
                "zones:\n  - {name: corp.example., hostedZoneId: ZCORP, masters: [192.0.2.1],"
                    + " tsig: k.}\ncatalogs:\n");
    FleetAlarmPlan plan = FleetAlarmPlan.of(ZoneSyncConfig.parse(yaml));
    assertThat(List.of(plan.periodSeconds(), plan.expectedRuns(), plan.rateSchedules()))
        .containsExactly(900, 4, 2);
  }

  @Test
  void managedPolicies_withCatalogs_countTheCatalogsPolicyAgainstTheRolesTen() {
    ZoneSyncConfig c = ZoneSyncConfig.parse(catalogsOnly("hostedZoneId: ZCAT", ""));
    assertThat(PolicySizes.of(c).policies())
        .extracting(PolicySizes.Entry::name)
        .containsExactly("ScopedAccess0", "CatalogAccess");
  }
}
