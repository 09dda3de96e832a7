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
 * subscriptions) or an existing one, and the two deployment-wide alarms (dead-letter queue,
 * configuration). The dashboard lives under this construct too ({@link OperationsDashboard}).
 */
final class Monitoring extends Construct {

  private static final Duration ALARM_PERIOD = Duration.minutes(5);

  private final Deployment d;
  private final Key topicKey;
  private final Topic createdTopic;
  private final ITopic alarmTopic;
  private final Alarm deadLetterAlarm;
  private final Alarm configurationAlarm;

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
    SnsAction action = new SnsAction(alarmTopic);
    for (Alarm alarm : List.of(deadLetterAlarm, configurationAlarm)) {
      alarm.addAlarmAction(action);
      if (a.notifyOk()) {
        alarm.addOkAction(action);
      }
    }
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
