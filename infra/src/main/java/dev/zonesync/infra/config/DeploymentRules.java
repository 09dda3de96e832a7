package dev.zonesync.infra.config;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.FunctionContract;
import java.util.List;

/**
 * The limits of AWS that a config can exceed only through the stack it synthesizes: managed
 * policies per role, resources per nested stack, rules per security group, the size of a schedule's
 * input, the time a schedule's zones need. Each is a pure function over the config, run by {@link
 * ZoneSyncConfig#parse} so a config over a limit fails with the field to change before any
 * construct exists.
 */
public final class DeploymentRules {

  /** Managed policies a role can attach by default. */
  public static final int MAX_MANAGED_POLICIES = 10;

  /** The most resources a nested stack may hold: headroom below CloudFormation's 500. */
  public static final int MAX_NESTED_RESOURCES = 400;

  /** Nested stacks the zone alarms are spread over; never change it (alarm names are fixed). */
  public static final int ALARM_STACKS = 10;

  /** Alarms per {@code metrics: detailed} zone (failed, rejected, stale). */
  public static final int ALARMS_PER_ZONE = 3;

  /**
   * Route 53 requests per 100 zones of a scheduled run: 110, as measured by the benchmark's
   * many-zones scenario in a new process (an unchanged zone reads its marker, 1 request; 10 % of
   * the zones changed and sent one request more): the rule of thumb behind {@link
   * #checkScheduleTime}. Kept per hundred so that the arithmetic is exact.
   */
  static final int CALLS_PER_HUNDRED_ZONES = 110;

  /** Time the handler keeps back from the function timeout to finish its report. */
  static final int HANDLER_RESERVE_SECONDS = 10;

  private DeploymentRules() {}

  /** Every rule, in the order the stack would have met them. */
  public static void check(ZoneSyncConfig config) {
    CatalogPolicyPlan catalogs = CatalogPolicyPlan.of(config);
    catalogs.check();
    // the catalogs' statements take one managed policy of their own
    checkManagedPolicies(
        config.zones().size(),
        ManagedPolicyPlan.of(config).policies().size() + (catalogs.isEmpty() ? 0 : 1));
    Deployment d = config.deployment();
    List<List<Zone>> buckets = ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks());
    int largest = 0;
    for (int i = 0; i < buckets.size(); i++) {
      List<ScheduleGroups.Group> groups =
          ScheduleGroups.of(buckets.get(i), d.scheduler().zonesPerSchedule());
      checkScheduleStack(i, buckets.get(i).size(), groups.size());
      for (ScheduleGroups.Group g : groups) {
        checkScheduleInput(g, FunctionContract.MAX_REQUEST_BYTES);
        largest = Math.max(largest, g.zones().size());
      }
    }
    checkScheduleTime(
        largest, config.engine().route53().requestsPerSecond(), d.function().timeoutSeconds());
    if (d.alarms().enabled()) {
      // only metrics: detailed zones have alarms of their own
      List<Zone> detailed = config.zones().stream().filter(Zone::detailed).toList();
      checkNestedStacks(
          "ZoneAlarms", ZoneBuckets.spread(detailed, ALARM_STACKS), ALARMS_PER_ZONE, "zones");
      FleetAlarmPlan.of(config);
    }
    checkEgressRules(SecurityGroupRules.of(config).size(), d.securityGroup().maxEgressRules());
    // a delegated cut needs an outbound endpoint; rules and Profile stay within the parent's budget
    DelegationPlan.of(config);
  }

  /** Fails when nested stack {@code ZoneSchedules<index>} would hold too many schedules. */
  static void checkScheduleStack(int index, int zones, int schedules) {
    if (schedules > MAX_NESTED_RESOURCES) {
      throw new ConfigException(
          "deployment.scheduler",
          "nested stack ZoneSchedules"
              + index
              + " would hold "
              + schedules
              + " schedules ("
              + zones
              + " zones), more than "
              + MAX_NESTED_RESOURCES
              + " of CloudFormation's 500: raise zonesPerSchedule, or nestedStacks (changing"
              + " nestedStacks moves schedules between nested stacks once)");
    }
  }

  /**
   * Fails when a schedule's input is larger than the function reads ({@code maxBytes}; EventBridge
   * Scheduler itself takes up to 256 KB).
   */
  static void checkScheduleInput(ScheduleGroups.Group g, int maxBytes) {
    int bytes = g.inputBytes();
    if (bytes > maxBytes) {
      int average = -Math.floorDiv(-bytes, g.zones().size());
      throw new ConfigException(
          "deployment.scheduler.zonesPerSchedule",
          "the schedule of "
              + g.zones().size()
              + " zones on "
              + g.expression()
              + " ("
              + g.zones().get(0).name()
              + " ...) would send a "
              + bytes
              + "-byte input, more than the "
              + maxBytes
              + " bytes the function reads: set zonesPerSchedule to at most "
              + Math.max(1, (maxBytes - 16) / average)
              + " for zone names this long");
    }
  }

  /**
   * Fails when the largest schedule's zones cannot be run within the function timeout even if none
   * changed: {@value #CALLS_PER_HUNDRED_ZONES} Route 53 requests per 100 zones at {@code
   * route53.requestsPerSecond}, against the timeout less the handler's reserve. Changed zones and
   * full reconciles take longer (a 10,000-RRset zone reads 34 pages), so stay well below.
   */
  static void checkScheduleTime(int zones, double requestsPerSecond, int timeoutSeconds) {
    double needed = seconds(zones, requestsPerSecond);
    int budget = timeoutSeconds - Math.min(HANDLER_RESERVE_SECONDS, timeoutSeconds / 10);
    if (needed > budget) {
      throw new ConfigException(
          "deployment.scheduler.zonesPerSchedule",
          "a schedule of "
              + zones
              + " zones needs about "
              + (long) Math.ceil(needed)
              + " s even when no zone changed ("
              + CALLS_PER_HUNDRED_ZONES / 100.0
              + " Route 53 requests per zone at route53.requestsPerSecond "
              + requestsPerSecond
              + "), more than deployment.function.timeout ("
              + Durations.format(timeoutSeconds)
              + ") allows: lower zonesPerSchedule to "
              + halfOfWhatFits(budget, requestsPerSecond)
              + " or fewer (half of what fits when nothing changed: changes and full reconciles"
              + " take longer), or raise the timeout");
    }
  }

  /**
   * Whether the largest schedule's unchanged run takes more than half the timeout: it fits, but
   * changed zones and full reconciles may not (a synth warning, not an error).
   */
  public static java.util.Optional<String> scheduleTimeWarning(ZoneSyncConfig config) {
    Deployment d = config.deployment();
    int largest = 0;
    for (List<Zone> bucket : ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks())) {
      for (ScheduleGroups.Group g : ScheduleGroups.of(bucket, d.scheduler().zonesPerSchedule())) {
        largest = Math.max(largest, g.zones().size());
      }
    }
    double rps = config.engine().route53().requestsPerSecond();
    int timeout = d.function().timeoutSeconds();
    int budget = timeout - Math.min(HANDLER_RESERVE_SECONDS, timeout / 10);
    double needed = seconds(largest, rps);
    if (needed <= budget / 2.0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "deployment.scheduler.zonesPerSchedule: the largest schedule ("
            + largest
            + " zones) needs about "
            + (long) Math.ceil(needed)
            + " s of the "
            + Durations.format(timeout)
            + " timeout even when no zone changed; zones that change or reconcile in full may end"
            + " PARTIAL or not started. Consider zonesPerSchedule "
            + halfOfWhatFits(budget, rps)
            + " or a longer deployment.function.timeout.");
  }

  private static long halfOfWhatFits(int budgetSeconds, double requestsPerSecond) {
    return Math.max(
        1,
        (long) Math.floor(budgetSeconds * requestsPerSecond * 100 / CALLS_PER_HUNDRED_ZONES / 2));
  }

  /** How long {@code zones} zones' requests take at {@code requestsPerSecond}. */
  private static double seconds(int zones, double requestsPerSecond) {
    return (double) zones * CALLS_PER_HUNDRED_ZONES / 100 / requestsPerSecond;
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
                + (prefix.equals("ZoneAlarms")
                    ? "give fewer zones metrics: detailed (3 alarms each), or split the zones over"
                        + " two deployments"
                    : field.equals("zones")
                        ? "split the zones over two deployments"
                        : "raise nestedStacks (changing it moves schedules between nested stacks"
                            + " once)"));
      }
    }
  }
}
