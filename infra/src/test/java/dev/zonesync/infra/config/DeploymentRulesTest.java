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
            + " 500: split the zones over two deployments",
        "ZoneSchedules | 400,400   | 1 | deployment.scheduler.nestedStacks | -",
        "ZoneSchedules | 1,2,401,0 | 1 | deployment.scheduler.nestedStacks | deployment.scheduler"
            + ".nestedStacks: nested stack ZoneSchedules2 would hold 401 zones = 401 resources, more"
            + " than 400 of CloudFormation's 500: raise nestedStacks (changing it moves schedules"
            + " between nested stacks once)",
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
  void parse_whenOneScheduleStackWouldHoldTooManyZones_failsNamingNestedStacks() {
    String tooMany = config(401, i -> "ZSHARED", "  scheduler: {nestedStacks: 1}\n");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(tooMany))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "deployment.scheduler.nestedStacks: nested stack ZoneSchedules0 would hold 401 zones =")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("deployment.scheduler.nestedStacks");
    assertThat(
            ZoneSyncConfig.parse(config(401, i -> "ZSHARED", "  scheduler: {nestedStacks: 2}\n"))
                .zones())
        .hasSize(401);
  }

  @Test
  void parse_whenAnAlarmStackWouldHoldTooManyZones_failsNamingZonesUnlessAlarmsAreOff() {
    // One shared hosted zone keeps the policies small: 1,400 zones over 10 alarm stacks put more
    // than 133 (3 alarms each) into at least one of them.
    String yaml = config(1400, i -> "ZSHARED", "  scheduler: {nestedStacks: 20}\n");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("zones: nested stack ZoneAlarms")
        .hasMessageEndingWith("split the zones over two deployments");
    assertThat(ZoneSyncConfig.parse(yaml + "  alarms: {enabled: false}\n").zones()).hasSize(1400);
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
