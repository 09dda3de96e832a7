package dev.zonesync.infra;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.DeploymentRules;
import dev.zonesync.infra.config.ScheduleExpressions;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneBuckets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * A nested stack holding the alarms of some zones configured {@code metrics: detailed}, three per
 * zone, on the per-zone metrics the engine publishes for them only (namespace {@value #NAMESPACE},
 * dimension {@value #DIMENSION} = the zone in lower case with a trailing dot); every other zone is
 * covered by the deployment's fixed alarms ({@link Monitoring}):
 *
 * <ul>
 *   <li><b>failed</b>: {@code Failed} Sum ≥ 1 in any of the periods that make up one schedule
 *       interval (1 of N datapoints, missing = not breaching): raised by the first failed run,
 *       cleared once a whole interval passes without one, so a zone that keeps failing stays in
 *       ALARM instead of flapping between its runs;
 *   <li><b>rejected</b>: the same on {@code Rejected};
 *   <li><b>stale</b>: {@code Succeeded} Sum &lt; 1 in every period of the zone's {@code staleAfter}
 *       window (N of N, <b>missing = breaching</b>): no APPLIED or UP_TO_DATE run for that long,
 *       whatever the reason — failures, rejections, runs that never start or never report.
 * </ul>
 *
 * <p>Alarm names are fixed ({@code <deployment> <zone> <kind>}: they head every notification), so
 * an alarm must never move to another stack: CloudFormation would create the new one before
 * deleting the old one, with the same name. Zones are therefore spread over a <b>fixed</b> number
 * ({@value #BUCKETS}) of nested stacks by the same stable hash as the schedules, independent of
 * {@code deployment.scheduler.nestedStacks}; only non-empty ones exist.
 */
public final class ZoneAlarms extends NestedStack {

  /** The engine's EMF namespace. */
  static final String NAMESPACE = MetricNames.NAMESPACE;

  /** The engine's one dimension. */
  static final String DIMENSION = MetricNames.ZONE_DIMENSION;

  /** CloudWatch's limit on alarm names. */
  static final int MAX_NAME_LENGTH = 255;

  /** Alarms with periods under one hour look back at most one day. */
  static final int MAX_WINDOW_SECONDS = 86400;

  /** Nested stacks the zone alarms are spread over; never change it (see the class comment). */
  static final int BUCKETS = DeploymentRules.ALARM_STACKS;

  /** What every zone alarm needs besides the zone. */
  record Settings(
      String deploymentName,
      Deployment.Alarms alarms,
      String topicArn,
      String logGroupName,
      Optional<String> dashboardName) {}

  /** The alarm kinds, in the order they are created; the suffix ends the alarm name. */
  enum Kind {
    FAILED("failed", MetricNames.FAILED),
    REJECTED("rejected", MetricNames.REJECTED),
    STALE("stale", "Stale");

    final String suffix;
    final String id;

    Kind(String suffix, String id) {
      this.suffix = suffix;
      this.id = id;
    }
  }

  private final List<Zone> zones;

  ZoneAlarms(Construct scope, String id, List<Zone> zones, Settings settings) {
    super(
        scope,
        id,
        NestedStackProps.builder()
            .description("zonesync: alarms of " + zones.size() + " zone(s)")
            .build());
    this.zones = List.copyOf(zones);
    ITopic topic = Topic.fromTopicArn(this, "AlarmTopic", settings.topicArn());
    // Logical IDs carry a hash of the zone name (see CreatedHostedZones).
    Construct alarmScope = new Construct(this, "Alarm");
    for (Zone z : zones) {
      create(new Construct(alarmScope, z.name()), z, settings, topic);
    }
  }

  /**
   * One nested stack per non-empty bucket of {@code zones} (of {@value #BUCKETS}), in bucket order:
   * {@code ZoneAlarms<bucket>}, directly in {@code stack}.
   */
  static List<ZoneAlarms> forZones(Stack stack, List<Zone> zones, Settings settings) {
    List<ZoneAlarms> stacks = new ArrayList<>();
    List<List<Zone>> buckets = ZoneBuckets.spread(zones, BUCKETS);
    for (int i = 0; i < buckets.size(); i++) {
      if (!buckets.get(i).isEmpty()) {
        stacks.add(new ZoneAlarms(stack, "ZoneAlarms" + i, buckets.get(i), settings));
      }
    }
    return stacks;
  }

  /** The zones whose alarms this nested stack holds. */
  public List<Zone> zones() {
    return zones;
  }

  /** Creates the zone's alarms under {@code scope}, notifying the topic. */
  static List<Alarm> create(Construct scope, Zone zone, Settings s, ITopic topic) {
    Deployment.Alarms a = s.alarms();
    int period = a.periodSeconds();
    int intervalPeriods = failureEvaluationPeriods(zone, period);
    int stalePeriods = zone.staleAfterSeconds(a) / period;
    String z = zone.metricName();
    String interval = Durations.format(intervalPeriods * period);
    String runbook = " Runbook: README.md, Operations, \"Alarms and dashboard\".";

    Alarm failed =
        alarm(
            scope,
            Kind.FAILED,
            zone,
            s,
            metric(z, MetricNames.FAILED, period),
            ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            intervalPeriods,
            1,
            TreatMissingData.NOT_BREACHING,
            "zonesync "
                + z
                + ": a sync run FAILED (Failed >= 1 within "
                + interval
                + "). Route 53 is unchanged or correct but not yet marked; the next run retries."
                + " First: read the run's report (zone, status, error) in log group "
                + s.logGroupName()
                + ": master unreachable (firewall, security group, timeouts.query), REFUSED"
                + " (allow-transfer lacks the key or address), NOTAUTH/BADKEY or BADSIG (TSIG key"
                + " name or secret), BADTIME (clock), NoSuchHostedZone (hostedZoneId),"
                + " AccessDenied (IAM)."
                + runbook);
    Alarm rejected =
        alarm(
            scope,
            Kind.REJECTED,
            zone,
            s,
            metric(z, MetricNames.REJECTED, period),
            ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            intervalPeriods,
            1,
            TreatMissingData.NOT_BREACHING,
            "zonesync "
                + z
                + ": a plan was REJECTED (Rejected >= 1 within "
                + interval
                + "): it would delete or update more of the zone than the safety thresholds allow."
                + " Nothing was changed, and every run refuses it until the master or the"
                + " thresholds change. First: run a dry-run"
                + " of this zone (payload {\"zones\": [\""
                + z
                + "\"], \"dryRun\": true}) and read the plan. Master wrong or truncated: fix the"
                + " master. Change intended: run once with \"force\": true."
                + runbook);
    Alarm stale =
        alarm(
            scope,
            Kind.STALE,
            zone,
            s,
            metric(z, MetricNames.SUCCEEDED, period),
            ComparisonOperator.LESS_THAN_THRESHOLD,
            stalePeriods,
            stalePeriods,
            TreatMissingData.BREACHING,
            "zonesync "
                + z
                + ": no successful sync (APPLIED or UP_TO_DATE) for "
                + Durations.format(zone.staleAfterSeconds(a))
                + "; runs that do not report count as unsuccessful. The hosted zone may be out of"
                + " date. First: check this zone's failed and rejected alarms, the dead-letter"
                + " queue alarm, and the function's errors, throttles and duration"
                + s.dashboardName().map(n -> " on dashboard " + n).orElse("")
                + " (a new zone alarms until its first successful run)."
                + runbook);
    List<Alarm> alarms = List.of(failed, rejected, stale);
    SnsAction action = new SnsAction(topic);
    for (Alarm alarm : alarms) {
      alarm.addAlarmAction(action);
      if (a.notifyOk()) {
        alarm.addOkAction(action);
      }
    }
    return alarms;
  }

  /**
   * Periods in one schedule interval of the zone (at least 1): for a {@code rate(...)} schedule the
   * interval, else (cron) one period.
   */
  static int failureEvaluationPeriods(Zone zone, int periodSeconds) {
    long interval = ScheduleExpressions.intervalSeconds(zone.schedule()).orElse(periodSeconds);
    long periods = Math.max(1, -Math.floorDiv(-interval, periodSeconds));
    return (int) Math.min(periods, MAX_WINDOW_SECONDS / periodSeconds);
  }

  /**
   * {@code <deployment> <zone> <kind>}; a zone name too long for CloudWatch's 255 characters is cut
   * and suffixed with a hash of the whole name, so names stay unique and stable.
   */
  static String alarmName(String deploymentName, String zone, String suffix) {
    String name = deploymentName + " " + zone + " " + suffix;
    if (name.length() <= MAX_NAME_LENGTH) {
      return name;
    }
    CRC32 crc = new CRC32();
    crc.update(zone.getBytes(StandardCharsets.UTF_8));
    String hash = String.format("~%08x", crc.getValue());
    int keep = MAX_NAME_LENGTH - deploymentName.length() - suffix.length() - 2 - hash.length();
    return deploymentName + " " + zone.substring(0, keep) + hash + " " + suffix;
  }

  static Metric metric(String zone, String metricName, int periodSeconds) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(metricName)
        .dimensionsMap(Map.of(DIMENSION, zone))
        .statistic("Sum")
        .period(Duration.seconds(periodSeconds))
        .build();
  }

  private static Alarm alarm(
      Construct scope,
      Kind kind,
      Zone zone,
      Settings s,
      Metric metric,
      ComparisonOperator comparison,
      int evaluationPeriods,
      int datapointsToAlarm,
      TreatMissingData missing,
      String description) {
    return Alarm.Builder.create(scope, kind.id)
        .alarmName(alarmName(s.deploymentName(), zone.metricName(), kind.suffix))
        .alarmDescription(description)
        .metric(metric)
        .threshold(1)
        .comparisonOperator(comparison)
        .evaluationPeriods(evaluationPeriods)
        .datapointsToAlarm(datapointsToAlarm)
        .treatMissingData(missing)
        .build();
  }
}
