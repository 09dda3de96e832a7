package dev.zonesync.infra.config;

import java.util.List;

/**
 * The limits of AWS that a config can exceed only through the stack it synthesizes: managed
 * policies per role, resources per nested stack, rules per security group. Each is a pure function
 * over the config, run by {@link ZoneSyncConfig#parse} so a config over a limit fails with the
 * field to change before any construct exists.
 */
public final class DeploymentRules {

  /** Managed policies a role can attach by default. */
  public static final int MAX_MANAGED_POLICIES = 10;

  /** The most resources a nested stack may hold: headroom below CloudFormation's 500. */
  public static final int MAX_NESTED_RESOURCES = 400;

  /** Nested stacks the zone alarms are spread over; never change it (alarm names are fixed). */
  public static final int ALARM_STACKS = 10;

  /** Alarms per zone (failed, rejected, stale). */
  public static final int ALARMS_PER_ZONE = 3;

  /** Schedules per zone in its schedule nested stack. */
  static final int SCHEDULES_PER_ZONE = 1;

  private DeploymentRules() {}

  /** Every rule, in the order the stack would have met them. */
  public static void check(ZoneSyncConfig config) {
    checkManagedPolicies(config.zones().size(), ManagedPolicyPlan.of(config).policies().size());
    Deployment d = config.deployment();
    checkNestedStacks(
        "ZoneSchedules",
        ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks()),
        SCHEDULES_PER_ZONE,
        "deployment.scheduler.nestedStacks");
    if (d.alarms().enabled()) {
      checkNestedStacks(
          "ZoneAlarms", ZoneBuckets.spread(config.zones(), ALARM_STACKS), ALARMS_PER_ZONE, "zones");
    }
    checkEgressRules(SecurityGroupRules.of(config).size(), d.securityGroup().maxEgressRules());
  }

  /** Fails when the masters need more egress rules than {@code maxEgressRules} allows. */
  static void checkEgressRules(int rules, int maxEgressRules) {
    if (rules > maxEgressRules) {
      throw new ConfigException(
          "deployment.securityGroup",
          "the masters need "
              + rules
              + " egress rules, more than maxEgressRules ("
              + maxEgressRules
              + ", the default quota of rules per security group): list the masters' networks in"
              + " dnsEgressCidrs, or raise the quota and maxEgressRules");
    }
  }

  /** Fails when {@code zones} zones need more managed policies than a role can attach. */
  static void checkManagedPolicies(int zones, int policies) {
    if (policies > MAX_MANAGED_POLICIES) {
      throw new ConfigException(
          "zones",
          zones
              + " hosted zones need "
              + policies
              + " managed policies, more than the "
              + MAX_MANAGED_POLICIES
              + " a role can attach by default: split the zones over two deployments");
    }
  }

  /**
   * Fails when a nested stack would come near CloudFormation's 500 resources: the zones of one hash
   * bucket, times the resources each zone needs there.
   */
  static void checkNestedStacks(
      String prefix, List<List<Zone>> buckets, int perZone, String field) {
    for (int i = 0; i < buckets.size(); i++) {
      int resources = buckets.get(i).size() * perZone;
      if (resources > MAX_NESTED_RESOURCES) {
        throw new ConfigException(
            field,
            "nested stack "
                + prefix
                + i
                + " would hold "
                + buckets.get(i).size()
                + " zones = "
                + resources
                + " resources, more than "
                + MAX_NESTED_RESOURCES
                + " of CloudFormation's 500: "
                + (field.equals("zones")
                    ? "split the zones over two deployments"
                    : "raise nestedStacks (changing it moves schedules between nested stacks"
                        + " once)"));
      }
    }
  }
}
