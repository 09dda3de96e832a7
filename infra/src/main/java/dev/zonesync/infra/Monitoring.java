package dev.zonesync.infra;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.CutAlarmPlan;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.FleetAlarmPlan;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.CfnQueryDefinition;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The deployment's alarms: the SNS topic every alarm notifies (KMS-encrypted, TLS-only, optional
 * e-mail subscriptions) or an existing one, the saved Logs Insights queries that name the zones
 * behind an alarm ({@link LogQueries}), and a <b>fixed</b> set of deployment-wide alarms on the
 * function-level metrics, the function and the dead-letter queue: the same alarms for 10 zones as
 * for 1,000 ({@link FleetAlarmPlan}). Zones configured {@code metrics: detailed} add their own
 * ({@link ZoneAlarms}, in nested stacks). The dashboard lives under this construct too ({@link
 * OperationsDashboard}).
 */
final class Monitoring extends Construct {

  private static final Duration ALARM_PERIOD = Duration.minutes(5);

  /**
   * Period of the full-reconcile alarms: every schedule of up to hourly runs reports in it, and the
   * alarms change state at most once an hour.
   */
  static final Duration OVERDUE_PERIOD = Duration.hours(1);

  private static final String RUNBOOK =
      " Runbook: README.md, Operations, \"Alarms and dashboard\".";

  private final Deployment d;
  private final FleetAlarmPlan plan;
  private final Key topicKey;
  private final Topic createdTopic;
  private final ITopic alarmTopic;
  private final Alarm deadLetterAlarm;
  private final Alarm configurationAlarm;
  private final Alarm fullReconcileOverdueAlarm;
  private final List<Alarm> alarms = new ArrayList<>();
  private final Map<String, CfnQueryDefinition> queries;

  Monitoring(
      Construct scope,
      String id,
      ZoneSyncConfig config,
      IQueue deadLetterQueue,
      IFunction function,
      String logGroupName) {
    super(scope, id);
    this.d = config.deployment();
    String functionName = function.getFunctionName();
    // the queries serve the dashboard too, alarms or not
    this.queries = LogQueries.create(this, d.name(), logGroupName);
    Deployment.Alarms a = d.alarms();
    if (!a.enabled()) {
      this.plan = null;
      this.topicKey = null;
      this.createdTopic = null;
      this.alarmTopic = null;
      this.deadLetterAlarm = null;
      this.configurationAlarm = null;
      this.fullReconcileOverdueAlarm = null;
      return;
    }
    this.plan = FleetAlarmPlan.of(config);
    Stack stack = Stack.of(this);
    if (a.topicArn().isPresent()) {
      this.topicKey = null;
      this.createdTopic = null;
      this.alarmTopic = Topic.fromTopicArn(this, "AlarmTopic", a.topicArn().get());
    } else {
      // SSE-KMS needs a customer managed key: CloudWatch cannot use the AWS managed aws/sns key.
      this.topicKey =
          Key.Builder.create(this, "AlarmTopicKey")
              .description("zonesync " + d.name() + ": encrypts the alarm notification topic")
              .enableKeyRotation(true)
              // Only in-flight notifications are encrypted with it: nothing to keep.
              .removalPolicy(RemovalPolicy.DESTROY)
              .pendingWindow(Duration.days(7))
              .build();
      // As documented for CloudWatch alarms publishing to an SSE-KMS topic (no conditions: the
      // key encrypts this topic only, and the topic policy below admits only this account's
      // alarms).
      topicKey.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("CloudWatchAlarmsPublishToTheTopic")
              .effect(Effect.ALLOW)
              .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
              .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
              .resources(List.of("*"))
              .build());
      this.createdTopic =
          Topic.Builder.create(this, "AlarmTopic")
              .topicName(d.name() + "-alarms")
              .displayName("zonesync " + d.name() + " alarms")
              .masterKey(topicKey)
              .enforceSsl(true)
              .build();
      createdTopic.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("CloudWatchAlarmsOfThisAccount")
              .effect(Effect.ALLOW)
              .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
              .actions(List.of("sns:Publish"))
              .resources(List.of(createdTopic.getTopicArn()))
              .conditions(conditions(stack, d))
              .build());
      for (String email : a.emails()) {
        createdTopic.addSubscription(new EmailSubscription(email));
      }
      this.alarmTopic = createdTopic;
    }

    String log = " (log group " + logGroupName + ")";
    String window = Durations.format(plan.failingWindowSeconds());
    String periods =
        plan.failingPeriods()
            + " period(s) of "
            + Durations.format(plan.periodSeconds())
            + " in a row";
    for (ZoneOutcome o : ZoneOutcome.values()) {
      alarms.add(zoneOutcome(o, functionName, window, periods, log));
    }
    alarms.add(heartbeat(functionName, log));
    this.deadLetterAlarm =
        onFirstOccurrence(
            "DeadLetterQueueAlarm",
            d.name() + " dead-letter queue",
            "zonesync "
                + d.name()
                + ": the dead-letter queue holds messages: a schedule delivery failed after"
                + " its retries, or an asynchronous run of the function failed or expired."
                + " First: the function's errors, throttles (reserved concurrency 1:"
                + " overlapping runs) and timeouts, and its permissions; a message tells the"
                + " request and the error (aws sqs receive-message --queue-url "
                + deadLetterQueue.getQueueUrl()
                + "). Purge the queue once understood: the alarm clears when it is empty."
                + RUNBOOK,
            deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").period(ALARM_PERIOD).build()));
    alarms.add(deadLetterAlarm);
    // An invocation that cannot load its configuration (a parameter edited by hand, a secret
    // deleted) runs no zone, so no zone is counted: without this alarm only the heartbeat would
    // fire, one staleness window later.
    this.configurationAlarm =
        onFirstOccurrence(
            "ConfigurationAlarm",
            d.name() + " configuration",
            "zonesync "
                + d.name()
                + ": an invocation failed before syncing any zone because the configuration"
                + " (SSM parameters under "
                + d.configParameterPath()
                + ") or a TSIG secret it names could not be loaded. The function's ERROR log"
                + " line names the parameter, field or secret to fix (saved query "
                + query(LogQueries.ERRORS)
                + log
                + "); redeploy with cdk deploy rather than editing the parameters by hand."
                + RUNBOOK,
            functionMetric(functionName, MetricNames.CONFIGURATION_ERRORS, "Sum", ALARM_PERIOD));
    alarms.add(configurationAlarm);
    this.fullReconcileOverdueAlarm = fullReconcileOverdue(functionName, log);
    alarms.add(fullReconcileOverdueAlarm);
    alarms.add(fullReconcileFailing(functionName, log));
    alarms.add(functionErrors(function, window, periods, log));
    alarms.add(functionThrottled(function, window, periods));
    alarms.add(
        UnresolvedCutsAlarm.create(
            this, d, CutAlarmPlan.of(plan), functionName, query(LogQueries.UNRESOLVED_CUTS), log));
    SnsAction action = new SnsAction(alarmTopic);
    for (Alarm alarm : alarms) {
      alarm.addAlarmAction(action);
      if (a.notifyOk()) {
        alarm.addOkAction(action);
      }
    }
    for (Zone z : config.zones()) {
      if (!z.detailed() && z.staleAfterSeconds().isPresent()) {
        Annotations.of(this)
            .addWarningV2(
                "zonesync:staleAfterWithoutDetailedMetrics",
                "zones["
                    + z.index()
                    + "].alarms.staleAfter has no effect: only a zone with metrics: detailed"
                    + " has a staleness alarm of its own (the deployment's heartbeat covers the"
                    + " others)");
      }
    }
  }

  /** The four ways a zone's run can end unsynced, each with its own alarm and first step. */
  enum ZoneOutcome {
    FAILED(
        "ZonesFailedAlarm",
        "zones failed",
        MetricNames.ZONES_FAILED,
        "ended FAILED",
        "Route 53 is unchanged or correct but not yet marked; every run retries.",
        "lastMessage names the master or the Route 53 call and the cause. First: master"
            + " unreachable (firewall, security group, timeouts.query), REFUSED (allow-transfer),"
            + " NOTAUTH/BADKEY or BADSIG (TSIG key name or secret), BADTIME (clock),"
            + " NoSuchHostedZone (hostedZoneId), AccessDenied (IAM)."),
    REJECTED(
        "ZonesRejectedAlarm",
        "zones rejected",
        MetricNames.ZONES_REJECTED,
        "had their plans REJECTED",
        "The plans would delete or update more of a zone than its safety thresholds allow:"
            + " nothing was changed, and every run refuses again.",
        "lastMessage says which threshold. First: dry-run the zone ({\"zones\": [\"<zone>\"],"
            + " \"dryRun\": true}) and read the plan. Master wrong: fix it. Change intended: one run"
            + " with \"force\": true, or raise the zone's safety thresholds."),
    PARTIAL(
        "ZonesPartialAlarm",
        "zones partial",
        MetricNames.ZONES_PARTIAL,
        "ended PARTIAL",
        "The run's deadline stopped them between batches, or Route 53 refused some RRsets:"
            + " Route 53 is correct but not yet marked; the next run continues.",
        "First: a deadline: raise deployment.function.timeout or lower"
            + " deployment.scheduler.zonesPerSchedule; refused RRsets: the report's rejected"
            + " messages."),
    NOT_STARTED(
        "ZonesNotStartedAlarm",
        "zones not started",
        MetricNames.ZONES_NOT_STARTED,
        "were not started",
        "Their schedule's run reached its deadline before their turn: they are not synced at"
            + " all.",
        "First: lower deployment.scheduler.zonesPerSchedule, raise deployment.function.timeout"
            + " or execution.concurrency; zones start in file order, so put the zones that must"
            + " be reached first at the top.");

    final String id;
    final String suffix;
    final String metric;
    final String what;
    final String meaning;
    final String firstStep;

    ZoneOutcome(
        String id, String suffix, String metric, String what, String meaning, String firstStep) {
      this.id = id;
      this.suffix = suffix;
      this.metric = metric;
      this.what = what;
      this.meaning = meaning;
      this.firstStep = firstStep;
    }

    /** The outcome as the summary line's {@code outcome} field spells it. */
    String outcome() {
      return name();
    }
  }

  /**
   * Raised when some zone ended {@code o} in every period of {@code failingFor}: a zone that keeps
   * failing, not a single failed run (the next run retries that). Missing data is not breaching: no
   * runs at all is the heartbeat's to report.
   */
  private Alarm zoneOutcome(
      ZoneOutcome o, String functionName, String window, String periods, String log) {
    return Alarm.Builder.create(this, o.id)
        .alarmName(d.name() + " " + o.suffix)
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": zones "
                + o.what
                + " in every run for "
                + window
                + " ("
                + o.metric
                + " >= 1 in "
                + periods
                + "). "
                + o.meaning
                + " Which zones: Logs Insights saved query "
                + query(LogQueries.zonesWith(o.outcome()))
                + log
                + "; "
                + o.firstStep
                + RUNBOOK)
        .metric(
            functionMetric(functionName, o.metric, "Sum", Duration.seconds(plan.periodSeconds())))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(plan.failingPeriods())
        .datapointsToAlarm(plan.failingPeriods())
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * Raised when the invocations completed in each of {@code heartbeatPeriods} periods are fewer
   * than the {@code rate(...)} schedules make: a schedule that stopped (disabled, deleted, its
   * deliveries failing), runs that time out or crash before they report. No per-zone series is
   * needed: every completed run counts 1, and the synth knows how many schedules there are. No data
   * is breaching: no run at all is the worst case.
   */
  private Alarm heartbeat(String functionName, String log) {
    String period = Durations.format(plan.periodSeconds());
    return Alarm.Builder.create(this, "HeartbeatAlarm")
        .alarmName(d.name() + " heartbeat")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": fewer completed runs than the schedules make (RunsCompleted < "
                + plan.expectedRuns()
                + " per "
                + period
                + " in "
                + plan.heartbeatPeriods()
                + " periods in a row; "
                + plan.rateSchedules()
                + " rate(...) schedule(s) counted"
                + (plan.cronSchedules() == 0 ? "" : ", " + plan.cronSchedules() + " cron(...) not")
                + "): some zones are not synced at all, whatever their other alarms say."
                + " Which zones: Logs Insights saved query "
                + query(LogQueries.LAST_RUN)
                + log
                + ", the zones whose last run is oldest first. First: the dead-letter queue and"
                + " function errors alarms; the function's throttles and duration"
                + (d.dashboard().enabled() ? " on dashboard " + dashboardName(d) : "")
                + "; the schedules of Scheduler group "
                + d.name()
                + " are ENABLED. A new deployment alarms until its first runs."
                + RUNBOOK)
        .metric(
            functionMetric(
                functionName,
                MetricNames.RUNS_COMPLETED,
                "Sum",
                Duration.seconds(plan.periodSeconds())))
        .threshold(plan.expectedRuns())
        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
        .evaluationPeriods(plan.heartbeatPeriods())
        .datapointsToAlarm(plan.heartbeatPeriods())
        .treatMissingData(TreatMissingData.BREACHING)
        .build();
  }

  /**
   * Raised when the function's invocations fail in every period of {@code failingFor}: timeouts,
   * crashes, a configuration it cannot load. Their zones report nothing, so no zone alarm sees
   * them.
   */
  private Alarm functionErrors(IFunction function, String window, String periods, String log) {
    return Alarm.Builder.create(this, "FunctionErrorsAlarm")
        .alarmName(d.name() + " function errors")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": the function's invocations fail in every period for "
                + window
                + " (AWS/Lambda Errors >= 1 in "
                + periods
                + "): timeouts (runs longer than deployment.function.timeout), crashes, a"
                + " configuration it cannot load. Their zones report nothing. Which: Logs"
                + " Insights saved query "
                + query(LogQueries.ERRORS)
                + log
                + ": ERROR lines and the runtime's timeout lines. First: timeouts: lower"
                + " deployment.scheduler.zonesPerSchedule or raise deployment.function.timeout;"
                + " configuration: see the configuration alarm."
                + RUNBOOK)
        .metric(
            function.metricErrors(
                MetricOptions.builder()
                    .statistic("Sum")
                    .period(Duration.seconds(plan.periodSeconds()))
                    .build()))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(plan.failingPeriods())
        .datapointsToAlarm(plan.failingPeriods())
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * Raised when scheduled runs wait in Lambda's queue for longer than a period in every period of
   * {@code failingFor}. Throttles alone are normal here: the schedules fire together and reserved
   * concurrency 1 lets one run at a time, so Lambda holds the others back (and counts each wait as
   * a throttle) until the slot is free. What matters is whether they still fit: the age of the
   * oldest waiting event (AsyncEventAge) says so, throttles do not.
   */
  private Alarm functionThrottled(IFunction function, String window, String periods) {
    String period = Durations.format(plan.periodSeconds());
    return Alarm.Builder.create(this, "FunctionThrottledAlarm")
        .alarmName(d.name() + " function throttled")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": scheduled runs wait longer than "
                + period
                + " for the function (AWS/Lambda AsyncEventAge >= "
                + period
                + " in "
                + periods
                + ", for "
                + window
                + "): with reserved concurrency 1 the runs go one at a time, throttled behind"
                + " each other, and no longer fit the schedules. Zones are synced late; a run"
                + " that waits 1h goes to the dead-letter queue. First: the function's duration"
                + " and throttles on the dashboard: long runs (full reconciles, big changes) or"
                + " manual invocations hold the only slot; lower"
                + " deployment.scheduler.zonesPerSchedule, schedule zones less often, or split the"
                + " deployment."
                + RUNBOOK)
        .metric(
            function.metric(
                "AsyncEventAge",
                MetricOptions.builder()
                    .statistic("Maximum")
                    .period(Duration.seconds(plan.periodSeconds()))
                    .build()))
        .threshold(plan.periodSeconds() * 1000.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(plan.failingPeriods())
        .datapointsToAlarm(plan.failingPeriods())
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * Raised when an hour's runs reported zones whose full reconciles keep failing (warning
   * FULL_RECONCILE_FAILING). A level like the overdue count: missing data keeps the state.
   */
  private Alarm fullReconcileFailing(String functionName, String log) {
    return Alarm.Builder.create(this, "FullReconcileFailingAlarm")
        .alarmName(d.name() + " full reconcile failing")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": zones' full reconciles keep failing (FullReconcileFailing >= 1 within 1h,"
                + " warning FULL_RECONCILE_FAILING): their incremental syncs go on, but drift"
                + " elsewhere in the zone stays until one succeeds. Which zones: Logs Insights"
                + " saved query "
                + query(LogQueries.FULL_RECONCILE)
                + log
                + "; the zone's report warning says what failed and when it is tried again."
                + " First: REJECTED: dry-run {\"zones\": [\"<zone>\"], \"mode\": \"full\","
                + " \"dryRun\": true}, then force it or preserve the hand-made names; PARTIAL:"
                + " raise deployment.function.timeout."
                + RUNBOOK)
        .metric(
            functionMetric(
                functionName, MetricNames.FULL_RECONCILE_FAILING, "Maximum", OVERDUE_PERIOD))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .treatMissingData(TreatMissingData.IGNORE)
        .build();
  }

  /** A function-level metric of the function (namespace ZoneSync, dimension Function). */
  static Metric functionMetric(
      String functionName, String metricName, String statistic, Duration period) {
    return Metric.Builder.create()
        .namespace(MetricNames.NAMESPACE)
        .metricName(metricName)
        .dimensionsMap(Map.of(MetricNames.FUNCTION_DIMENSION, functionName))
        .statistic(statistic)
        .period(period)
        .build();
  }

  /** A saved query's full name, as the console lists it. */
  private String query(LogQueries.Query q) {
    return LogQueries.savedName(d.name(), q);
  }

  /**
   * Raised when an hour's runs reported at least one zone whose last full reconcile is older than
   * 1.25 times its {@code fullReconcileEvery}. Maximum, not Sum: each invocation reports the zones
   * of its own schedule, and the same zone is counted again on every run. One period suffices: the
   * 25% grace is the persistence filter (a daily reconcile is then 6 hours late). Missing data
   * keeps the state: the metric is a level, not an event, and zones scheduled less often than
   * hourly leave periods without data, which must neither clear nor raise it (no runs at all is
   * what the stale and dead-letter alarms report).
   */
  private Alarm fullReconcileOverdue(String functionName, String log) {
    return Alarm.Builder.create(this, "FullReconcileOverdueAlarm")
        .alarmName(d.name() + " full reconcile overdue")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": zones have not been reconciled in full for more than 1.25 times their"
                + " fullReconcileEvery (default 24h), so drift in their hosted zones goes"
                + " unrepaired. Which zones: Logs Insights saved query "
                + query(LogQueries.FULL_RECONCILE)
                + log
                + ", or the function-level document's fullReconcileOverdueZones. First: are"
                + " those zones' runs failing or ending PARTIAL at the deadline (raise"
                + " deployment.function.timeout or execution.concurrency, lower"
                + " deployment.scheduler.zonesPerSchedule)?"
                + RUNBOOK)
        .metric(fullReconcileOverdueMetric(functionName, OVERDUE_PERIOD))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .treatMissingData(TreatMissingData.IGNORE)
        .build();
  }

  /** The Maximum of the function's FullReconcileOverdue (zones overdue in one run). */
  static Metric fullReconcileOverdueMetric(String functionName, Duration period) {
    return functionMetric(functionName, MetricNames.FULL_RECONCILE_OVERDUE, "Maximum", period);
  }

  /** An alarm raised by one data point of at least 1 in one period; no data is OK. */
  private Alarm onFirstOccurrence(String id, String name, String description, IMetric metric) {
    return Alarm.Builder.create(this, id)
        .alarmName(name)
        .alarmDescription(description)
        .metric(metric)
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * The topic policy's conditions, in a fixed order: a two-key {@code Map.of} iterates in an order
   * that changes from one JVM to the next, and so would the synthesized template.
   */
  private static Map<String, Object> conditions(Stack stack, Deployment d) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put(
        "ArnLike",
        Map.of(
            "aws:SourceArn",
            "arn:"
                + stack.getPartition()
                + ":cloudwatch:"
                + d.region()
                + ":"
                + d.account()
                + ":alarm:*"));
    c.put("StringEquals", Map.of("aws:SourceAccount", d.account()));
    return c;
  }

  /** Raised when an invocation cannot load its configuration or a secret, when alarms are on. */
  Optional<Alarm> configurationAlarm() {
    return Optional.ofNullable(configurationAlarm);
  }

  /** Raised when zones' full reconciles are overdue, when alarms are on. */
  Optional<Alarm> fullReconcileOverdueAlarm() {
    return Optional.ofNullable(fullReconcileOverdueAlarm);
  }

  /** The dashboard's name: dashboards are global to an account, so it carries the region. */
  static String dashboardName(Deployment d) {
    return d.name() + "-" + d.region();
  }

  /** The topic the alarms notify, when alarms are enabled. */
  Optional<ITopic> alarmTopic() {
    return Optional.ofNullable(alarmTopic);
  }

  Optional<Topic> createdTopic() {
    return Optional.ofNullable(createdTopic);
  }

  Optional<Key> topicKey() {
    return Optional.ofNullable(topicKey);
  }

  Optional<Alarm> deadLetterAlarm() {
    return Optional.ofNullable(deadLetterAlarm);
  }

  /** The deployment's fixed alarms, in the order they were created (none when alarms are off). */
  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  /** The numbers behind the fixed alarms, when alarms are on. */
  Optional<FleetAlarmPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /** The saved Logs Insights queries, by full name. */
  Map<String, CfnQueryDefinition> queries() {
    return queries;
  }
}
