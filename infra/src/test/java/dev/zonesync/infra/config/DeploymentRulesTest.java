package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AWS limits a config can exceed: each rule over its inputs, then through {@link
 * ZoneSyncConfig#parse}, which must refuse the config (naming the field) before any stack exists.
 */
class DeploymentRulesTest {

  // --- The rules ---------------------------------------------------------------------------------

  /** An empty message: the rule passes. */
  @ParameterizedTest(name = "{0} zones, {1} policies")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "1   | 1  | -",
        "850 | 10 | -",
        "851 | 11 | zones: 851 hosted zones need 11 managed policies, more than the 10 a role can"
            + " attach by default: split the zones over two deployments",
      })
  void checkManagedPolicies(int zones, int policies, String message) {
    expect(() -> DeploymentRules.checkManagedPolicies(zones, policies), message);
  }

  @ParameterizedTest(name = "{0}: {1} zones per bucket x {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "ZoneAlarms    | 133,0     | 3 | zones                             | -",
        "ZoneAlarms    | 10,134    | 3 | zones                             | zones: nested stack"
            + " ZoneAlarms1 would hold 134 zones = 402 resources, more than 400 of CloudFormation's"
            + " 500: give fewer zones metrics: detailed (3 alarms each), or split the zones over"
            + " two deployments",
      })
  void checkNestedStacks(
      String prefix, String bucketSizes, int perZone, String field, String message) {
    List<List<Zone>> buckets = new ArrayList<>();
    int index = 0;
    for (String size : bucketSizes.split(",")) {
      List<Zone> bucket = new ArrayList<>();
      for (int i = 0; i < Integer.parseInt(size); i++, index++) {
        bucket.add(
            new Zone(
                index,
                "z" + index + ".example.",
                Optional.of("Z" + index),
                false,
                List.of(),
                "rate(5 minutes)",
                Optional.empty()));
      }
      buckets.add(bucket);
    }
    expect(() -> DeploymentRules.checkNestedStacks(prefix, buckets, perZone, field), message);
  }

  @ParameterizedTest(name = "stack {0}: {1} zones in {2} schedules")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "0 | 20000 | 400 | -",
        "3 | 401   | 401 | deployment.scheduler: nested stack ZoneSchedules3 would hold 401"
            + " schedules (401 zones), more than 400 of CloudFormation's 500: raise"
            + " zonesPerSchedule, or nestedStacks (changing nestedStacks moves schedules between"
            + " nested stacks once)",
      })
  void checkScheduleStack(int index, int zones, int schedules, String message) {
    expect(() -> DeploymentRules.checkScheduleStack(index, zones, schedules), message);
  }

  @ParameterizedTest(name = "{0} zones named {1} characters, at most {2} bytes")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // {"zones":[ ... ]} is 12 bytes, each name 2 quotes more, and a comma between names;
        // {name} stands for the first zone's name.
        "3   | 20  | 80    | -",
        "3   | 20  | 79    | deployment.scheduler.zonesPerSchedule: the schedule of 3 zones on"
            + " rate(5 minutes) ({name} ...) would send a 80-byte input, more than the 79 bytes"
            + " the function reads: set zonesPerSchedule to at most 2 for zone names this long",
        "500 | 100 | 65536 | -",
        "500 | 200 | 65536 | deployment.scheduler.zonesPerSchedule: the schedule of 500 zones on"
            + " rate(5 minutes) ({name} ...) would send a 101511-byte input, more than the 65536"
            + " bytes the function reads: set zonesPerSchedule to at most 321 for zone names"
            + " this long",
      })
  void checkScheduleInput(int zones, int nameLength, int maxBytes, String message) {
    List<Zone> zs = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      zs.add(zone(i, longName(i, nameLength)));
    }
    ScheduleGroups.Group g = ScheduleGroups.of(zs, zones).get(0);
    assertThat(g.zones()).hasSize(zones);
    assertThat(zs.get(0).name()).hasSize(nameLength);
    expect(
        () -> DeploymentRules.checkScheduleInput(g, maxBytes),
        message == null ? null : message.replace("{name}", zs.get(0).name()));
  }

  /** A zone name of exactly {@code length} characters (trailing dot included), unique by i. */
  private static String longName(int i, int length) {
    StringBuilder b = new StringBuilder(String.format("z%03d", i));
    while (b.length() < length - 1) {
      b.append(b.length() % 64 == 63 ? '.' : '0');
    }
    return b.append('.').toString();
  }

  @ParameterizedTest(name = "{0} zones at {1} req/s, timeout {2} s")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "50  | 8 | 300 | -",
        "500 | 8 | 300 | -",
        "500 | 1 | 300 | deployment.scheduler.zonesPerSchedule: a schedule of 500 zones needs"
            + " about 550 s even when no zone changed (1.1 Route 53 requests per zone at"
            + " route53.requestsPerSecond 1.0), more than deployment.function.timeout (5m)"
            + " allows: lower zonesPerSchedule to 131 or fewer (half of what fits when nothing"
            + " changed: changes and full reconciles take longer), or raise the timeout",
        "50  | 1 | 60  | deployment.scheduler.zonesPerSchedule: a schedule of 50 zones needs about"
            + " 55 s even when no zone changed (1.1 Route 53 requests per zone at"
            + " route53.requestsPerSecond 1.0), more than deployment.function.timeout (1m)"
            + " allows: lower zonesPerSchedule to 24 or fewer (half of what fits when nothing"
            + " changed: changes and full reconciles take longer), or raise the timeout",
        "263 | 1 | 300 | -",
        "264 | 1 | 300 | deployment.scheduler.zonesPerSchedule: a schedule of 264 zones needs about"
            + " 291 s even when no zone changed (1.1 Route 53 requests per zone at"
            + " route53.requestsPerSecond 1.0), more than deployment.function.timeout (5m)"
            + " allows: lower zonesPerSchedule to 131 or fewer (half of what fits when nothing"
            + " changed: changes and full reconciles take longer), or raise the timeout",
      })
  void checkScheduleTime(int zones, double rps, int timeout, String message) {
    expect(() -> DeploymentRules.checkScheduleTime(zones, rps, timeout), message);
  }

  private static Zone zone(int index, String name) {
    return new Zone(
        index,
        name,
        Optional.of("Z" + index),
        false,
        List.of(),
        "rate(5 minutes)",
        Optional.empty());
  }

  @ParameterizedTest(name = "{0} rules, at most {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "5  | 60 | -",
        "60 | 60 | -",
        "61 | 60 | deployment.securityGroup: the masters need 61 egress rules, more than"
            + " maxEgressRules (60, the default quota of rules per security group): list the"
            + " masters' networks in dnsEgressCidrs, or raise the quota and maxEgressRules",
        "61 | 61 | -",
      })
  void checkEgressRules(int rules, int max, String message) {
    expect(() -> DeploymentRules.checkEgressRules(rules, max), message);
  }

  // --- Through the config parser -----------------------------------------------------------------

  @ParameterizedTest(name = "{0} zones")
  @CsvSource({"850, true", "851, false"})
  void parse_whenZonesNeedMoreManagedPoliciesThanARoleTakes_failsNamingZones(
      int zones, boolean valid) {
    // 21-character hosted zone IDs: 85 per policy (see ManagedPolicyPlanTest).
    String yaml = config(zones, i -> String.format("Z%020d", i), "");
    if (valid) {
      assertThat(ZoneSyncConfig.parse(yaml).zones()).hasSize(zones);
    } else {
      assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "zones: 851 hosted zones need 11 managed policies, more than the 10 a role can"
                  + " attach by default: split the zones over two deployments")
          .extracting(e -> ((ConfigException) e).field())
          .isEqualTo("zones");
    }
  }

  @Test
  void parse_whenOneSchedulePerZoneOverflowsAStack_failsNamingTheScheduler() {
    // zonesPerSchedule: 1 restores one schedule per zone, and with it the old limit.
    String tooMany =
        config(401, i -> "ZSHARED", "  scheduler: {nestedStacks: 1, zonesPerSchedule: 1}\n");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(tooMany))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "deployment.scheduler: nested stack ZoneSchedules0 would hold 401 schedules (401"
                + " zones)")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("deployment.scheduler");
    assertThat(
            ZoneSyncConfig.parse(
                    config(
                        401,
                        i -> "ZSHARED",
                        "  scheduler: {nestedStacks: 2, zonesPerSchedule: 1}\n"))
                .zones())
        .hasSize(401);
    // The default, 50 zones per schedule: 9 schedules.
    assertThat(
            ZoneSyncConfig.parse(config(401, i -> "ZSHARED", "  scheduler: {nestedStacks: 1}\n"))
                .zones())
        .hasSize(401);
  }

  @Test
  void parse_whenAScheduleInputExceedsWhatTheFunctionReads_failsNamingZonesPerSchedule() {
    // 500 names of ~190 characters: ~96 KB in one schedule, over the function's 64 KiB.
    String yaml =
        config(500, i -> "ZSHARED", "  scheduler: {nestedStacks: 1, zonesPerSchedule: 500}\n")
            .replaceAll(
                "name: z(\\d+)\\.example\\.",
                "name: z$1."
                    + "a".repeat(60)
                    + "."
                    + "b".repeat(60)
                    + "."
                    + "c".repeat(60)
                    + ".example.");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "deployment.scheduler.zonesPerSchedule: the schedule of 500 zones on rate(5 minutes)")
        .hasMessageContaining("more than the 65536 bytes the function reads")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("deployment.scheduler.zonesPerSchedule");
    // Split over more schedules it deploys.
    assertThat(
            ZoneSyncConfig.parse(yaml.replace("zonesPerSchedule: 500", "zonesPerSchedule: 250"))
                .zones())
        .hasSize(500);
  }

  @Test
  void parse_whenAScheduleCannotRunInTheTimeout_failsNamingZonesPerSchedule() {
    String slow =
        config(300, i -> "ZSHARED", "  scheduler: {nestedStacks: 1, zonesPerSchedule: 300}\n")
            .replace("zones:\n", "route53: {requestsPerSecond: 1}\nzones:\n");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(slow))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "deployment.scheduler.zonesPerSchedule: a schedule of 300 zones needs about 330 s");
    assertThat(ZoneSyncConfig.parse(slow + "  function: {timeout: 15m}\n").deployment().function())
        .extracting(f -> f.timeoutSeconds())
        .isEqualTo(900);
  }

  @Test
  void parse_whenAnAlarmStackWouldHoldTooManyDetailedZones_failsNamingZonesUnlessAlarmsAreOff() {
    // One shared hosted zone keeps the policies small: 1,400 detailed zones over 10 alarm stacks
    // put more than 133 (3 alarms each) into at least one of them.
    String summary = config(1400, i -> "ZSHARED", "  scheduler: {nestedStacks: 20}\n");
    String detailed = "version: 1\ndefaults: {metrics: detailed}\n" + summary.substring(11);
    assertThatThrownBy(() -> ZoneSyncConfig.parse(detailed))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("zones: nested stack ZoneAlarms")
        .hasMessageEndingWith("split the zones over two deployments");
    assertThat(ZoneSyncConfig.parse(detailed + "  alarms: {enabled: false}\n").zones())
        .hasSize(1400);
    // zones without per-zone alarms need no alarm stack at all
    assertThat(ZoneSyncConfig.parse(summary).zones()).hasSize(1400);
  }

  @Test
  void parse_whenMastersNeedMoreEgressRulesThanAllowed_failsNamingTheSecurityGroup() {
    // 40 masters: 80 DNS rules and one HTTPS rule, over the default 60.
    StringBuilder masters = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      masters.append(i == 0 ? "" : ", ").append("10.9.").append(i).append(".53");
    }
    String yaml =
        config(1, i -> "ZONE", "").replace("masters: [10.0.0.53]", "masters: [" + masters + "]");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("deployment.securityGroup: the masters need 81 egress rules")
        .hasMessageContaining("dnsEgressCidrs");
    assertThat(
            ZoneSyncConfig.parse(
                    yaml.replace("  vpc:", "  securityGroup: {maxEgressRules: 81}\n  vpc:"))
                .zones())
        .hasSize(1);
  }

  private static void expect(Runnable rule, String message) {
    if (message == null) {
      assertThatCode(rule::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(rule::run).isInstanceOf(ConfigException.class).hasMessage(message);
    }
  }

  /**
   * {@code zones} zones with one master, hosted zone IDs from {@code id}, extra deployment keys.
   */
  private static String config(
      int zones, java.util.function.IntFunction<String> id, String deploymentExtra) {
    StringBuilder b = new StringBuilder("version: 1\nzones:\n");
    for (int i = 0; i < zones; i++) {
      b.append("  - {name: z")
          .append(i)
          .append(".example., hostedZoneId: ")
          .append(id.apply(i))
          .append(", hostedZoneName: example., masters: [10.0.0.53], tsig: none}\n");
    }
    return b.append(
            """
            deployment:
              account: "111122223333"
              region: eu-west-1
              vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
            """)
        .append(deploymentExtra)
        .toString();
  }
}
