package dev.zonesync.infra;

import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The deployment's alarm plumbing, beside the per-zone alarms in the nested stacks ({@link
 * ZoneAlarms}): the SNS topic every alarm notifies (KMS-encrypted, TLS-only, optional e-mail
 * subscriptions) or an existing one, and the three deployment-wide alarms (dead-letter queue,
 * configuration, full reconcile overdue). The dashboard lives under this construct too ({@link
 * OperationsDashboard}).
 */
final class Monitoring extends Construct {

  private static final Duration ALARM_PERIOD = Duration.minutes(5);

  /**
   * Period of the full-reconcile-overdue alarm: every schedule of up to hourly runs reports in it,
   * and the alarm changes state at most once an hour.
   */
  static final Duration OVERDUE_PERIOD = Duration.hours(1);

  private final Deployment d;
  private final Key topicKey;
  private final Topic createdTopic;
  private final ITopic alarmTopic;
  private final Alarm deadLetterAlarm;
  private final Alarm configurationAlarm;
  private final Alarm fullReconcileOverdueAlarm;

  Monitoring(
      Construct scope,
      String id,
      ZoneSyncConfig config,
      IQueue deadLetterQueue,
      String functionName) {
    super(scope, id);
    this.d = config.deployment();
    Deployment.Alarms a = d.alarms();
    if (!a.enabled()) {
      this.topicKey = null;
      this.createdTopic = null;
      this.alarmTopic = null;
      this.deadLetterAlarm = null;
      this.configurationAlarm = null;
      this.fullReconcileOverdueAlarm = null;
      return;
    }
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
                + " Runbook: README.md, Operations, \"Alarms and dashboard\".",
            deadLetterQueue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").period(ALARM_PERIOD).build()));
    // An invocation that cannot load its configuration (a parameter edited by hand, a secret
    // deleted) runs no zone, so no zone metric exists: without this alarm only the stale alarms
    // would fire, one staleness window later.
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
                + " line names the parameter, field or secret to fix; redeploy with cdk deploy"
                + " rather than editing the parameters by hand. Runbook: README.md,"
                + " Operations, \"Alarms and dashboard\".",
            Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(MetricNames.CONFIGURATION_ERRORS)
                .dimensionsMap(Map.of(MetricNames.FUNCTION_DIMENSION, functionName))
                .statistic("Sum")
                .period(ALARM_PERIOD)
                .build());
    this.fullReconcileOverdueAlarm = fullReconcileOverdue(functionName);
    SnsAction action = new SnsAction(alarmTopic);
    for (Alarm alarm : List.of(deadLetterAlarm, configurationAlarm, fullReconcileOverdueAlarm)) {
      alarm.addAlarmAction(action);
      if (a.notifyOk()) {
        alarm.addOkAction(action);
      }
    }
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
  private Alarm fullReconcileOverdue(String functionName) {
    return Alarm.Builder.create(this, "FullReconcileOverdueAlarm")
        .alarmName(d.name() + " full reconcile overdue")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": zones have not been reconciled in full for more than 1.25 times their"
                + " fullReconcileEvery (default 24h), so drift in their hosted zones goes"
                + " unrepaired. The log line of the function-level metric lists them"
                + " (fullReconcileOverdueZones); their reports show lastFullReconcile. First: are"
                + " those zones' runs failing or ending PARTIAL at the deadline (raise"
                + " deployment.function.timeout or execution.concurrency, lower"
                + " deployment.scheduler.zonesPerSchedule)? Runbook: README.md, Operations,"
                + " \"Alarms and dashboard\".")
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
    return Metric.Builder.create()
        .namespace(MetricNames.NAMESPACE)
        .metricName(MetricNames.FULL_RECONCILE_OVERDUE)
        .dimensionsMap(Map.of(MetricNames.FUNCTION_DIMENSION, functionName))
        .statistic("Maximum")
        .period(period)
        .build();
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
}
