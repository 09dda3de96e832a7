package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.infra.config.ZoneBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The deployment's alarms: a fixed set on the function-level metrics, the function and the
 * dead-letter queue, each naming the saved Logs Insights query that finds its zones; per-zone
 * alarms only for {@code metrics: detailed} zones; the alarm topic and the dashboard, for the
 * sample config and for the optional settings.
 */
class AlarmsStackTest {

  /** The deployment-wide alarms of a deployment named zonesync, whatever its zones. */
  static final List<String> FIXED =
      List.of(
          "zonesync configuration",
          "zonesync dead-letter queue",
          "zonesync full reconcile failing",
          "zonesync full reconcile overdue",
          "zonesync function errors",
          "zonesync function throttled",
          "zonesync heartbeat",
          "zonesync unresolved zone cuts",
          "zonesync zones failed",
          "zonesync zones not started",
          "zonesync zones partial",
          "zonesync zones rejected");

  /**
   * Both zones detailed, e-mails, OK notifications off, 1-minute periods, 40m failingFor, a zone on
   * rate(15 minutes) with its own staleness window.
   */
  static final String CUSTOM =
      TestConfigs.MINIMAL
              .replace(
                  "    tsig: none\n",
                  "    tsig: none\n    schedule: rate(15 minutes)\n    alarms: {staleAfter: 45m}\n"
                      + "    metrics: detailed\n")
              .replace("    tsig: k1.\n", "    tsig: k1.\n    metrics: detailed\n")
              .replace("name: lab.example.", "name: Lab.Example")
          + """
            alarms:
              emails: [dns@example.com, oncall@example.com]
              notifyOk: false
              period: 1m
              staleAfter: 20m
              failingFor: 40m
          """;

  private static Synth sample;
  private static Synth custom;
  private static Synth existingTopic;
  private static Synth disabled;

  @BeforeAll
  static void synthesize() {
    sample = Synth.of(Synth.sampleYaml());
    custom = Synth.of(CUSTOM);
    existingTopic =
        Synth.of(
            TestConfigs.MINIMAL
                + """
                  alarms:
                    topicArn: arn:aws:sns:eu-west-1:111122223333:ops-alarms
                  dashboard: {enabled: false}
                """);
    disabled = Synth.of(TestConfigs.MINIMAL + "  alarms: {enabled: false}\n");
  }

  // --- The fixed set -----------------------------------------------------------------------------

  @Test
  void alarms_whenSample_areTheFixedSetPlusTheDetailedZonesOwn() {
    List<String> expected = new ArrayList<>(FIXED);
    // corp.example. is metrics: detailed in the sample; 10.in-addr.arpa. is not
    expected.addAll(
        List.of(
            "zonesync corp.example. failed",
            "zonesync corp.example. rejected",
            "zonesync corp.example. stale"));
    assertThat(Alarms.byName(sample).keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Alarms.ofZone(sample, "10.in-addr.arpa.")).isEmpty();
    // without detailed zones: the fixed set alone, and no nested alarm stack
    assertThat(Alarms.byName(existingTopic).keySet()).containsExactlyInAnyOrderElementsOf(FIXED);
    assertThat(existingTopic.alarmJson).isEmpty();
  }

  @Test
  void zoneOutcomeAlarms_fireWhenZonesKeepEndingThatWayForFailingFor() {
    Map<String, String> metricByAlarm =
        Map.of(
            "zonesync zones failed", "ZonesFailed",
            "zonesync zones rejected", "ZonesRejected",
            "zonesync zones partial", "ZonesPartial",
            "zonesync zones not started", "ZonesNotStarted");
    Map<String, String> queryByAlarm =
        Map.of(
            "zonesync zones failed", "zonesync/zones-failed",
            "zonesync zones rejected", "zonesync/zones-rejected",
            "zonesync zones partial", "zonesync/zones-partial",
            "zonesync zones not started", "zonesync/zones-not-started");
    String function = only(sample, "AWS::Lambda::Function");
    String logGroup = only(sample, "AWS::Logs::LogGroup");
    metricByAlarm.forEach(
        (name, metric) -> {
          JsonNode a = Alarms.byName(sample).get(name);
          assertThat(a).as(name).isNotNull();
          assertFunctionMetric(a, metric, function);
          assertThat(a.path("Statistic").asText()).isEqualTo("Sum");
          // failingFor 15m of 5-minute periods: three runs in a row of a default-schedule zone
          assertThat(a.path("Period").asInt()).isEqualTo(300);
          assertThat(a.path("EvaluationPeriods").asInt()).isEqualTo(3);
          assertThat(a.path("DatapointsToAlarm").asInt()).isEqualTo(3);
          assertThat(a.path("Threshold").asDouble()).isEqualTo(1.0);
          assertThat(a.path("ComparisonOperator").asText())
              .isEqualTo("GreaterThanOrEqualToThreshold");
          assertThat(a.path("TreatMissingData").asText()).isEqualTo("notBreaching");
          assertThat(description(a))
              .contains("for 15m")
              .contains("saved query " + queryByAlarm.get(name) + " (log group ${" + logGroup);
        });
    assertThat(description(Alarms.byName(sample).get("zonesync zones failed")))
        .contains("REFUSED")
        .contains("BADKEY")
        .contains("NoSuchHostedZone");
    assertThat(description(Alarms.byName(sample).get("zonesync zones rejected")))
        .contains("\"dryRun\": true")
        .contains("\"force\": true");
    assertThat(description(Alarms.byName(sample).get("zonesync zones not started")))
        .contains("zonesPerSchedule");
  }

  @Test
  void heartbeat_firesWhenFewerRunsCompleteThanTheSchedulesMake() {
    JsonNode a = Alarms.byName(sample).get("zonesync heartbeat");
    assertFunctionMetric(a, "RunsCompleted", only(sample, "AWS::Lambda::Function"));
    // every sample zone runs rate(5 minutes): one completed run per schedule and 5-minute period
    int schedules = 0;
    for (JsonNode t : sample.nestedJson.values()) {
      for (JsonNode r : t.path("Resources")) {
        schedules += r.path("Type").asText().equals("AWS::Scheduler::Schedule") ? 1 : 0;
      }
    }
    assertThat(schedules).isBetween(1, 2);
    assertThat(a.path("Threshold").asDouble()).isEqualTo(schedules);
    assertThat(a.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
    assertThat(a.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(a.path("Period").asInt()).isEqualTo(300);
    // staleAfter 30m
    assertThat(a.path("EvaluationPeriods").asInt()).isEqualTo(6);
    assertThat(a.path("DatapointsToAlarm").asInt()).isEqualTo(6);
    assertThat(a.path("TreatMissingData").asText()).isEqualTo("breaching");
    assertThat(description(a))
        .contains("RunsCompleted < " + schedules + " per 5m")
        .contains("saved query zonesync/zones-last-run")
        .contains("dashboard zonesync-eu-west-1");
  }

  @Test
  void fixedAlarms_followTheSchedulesAndTheSettings() {
    Map<String, JsonNode> alarms = Alarms.byName(custom);
    // lab.example. runs rate(15 minutes): the period of the deployment's alarms is 15m, though
    // deployment.alarms.period is 1m; failingFor 40m is 3 such periods (rounded up)
    for (String name :
        List.of(
            "zonesync zones failed",
            "zonesync zones rejected",
            "zonesync zones partial",
            "zonesync zones not started",
            "zonesync function errors",
            "zonesync function throttled")) {
      assertThat(alarms.get(name).path("Period").asInt()).as(name).isEqualTo(900);
      assertThat(alarms.get(name).path("EvaluationPeriods").asInt()).as(name).isEqualTo(3);
    }
    // two schedules (rate(5 minutes), rate(15 minutes)): 3 + 1 runs per 15 minutes; staleAfter
    // 20m is one period, raised to the least of two
    JsonNode heartbeat = alarms.get("zonesync heartbeat");
    assertThat(heartbeat.path("Threshold").asDouble()).isEqualTo(4.0);
    assertThat(heartbeat.path("Period").asInt()).isEqualTo(900);
    assertThat(heartbeat.path("EvaluationPeriods").asInt()).isEqualTo(2);
    assertThat(alarms.get("zonesync function throttled").path("Threshold").asDouble())
        .isEqualTo(900_000.0);
    for (JsonNode alarm : alarms.values()) {
      assertThat(alarm.has("OKActions")).as("notifyOk: false").isFalse();
      assertThat(alarm.path("AlarmActions")).hasSize(1);
    }
  }

  @Test
  void functionAlarms_watchTheFunctionsErrorsAndQueuedRuns() {
    String function = only(sample, "AWS::Lambda::Function");
    JsonNode errors = Alarms.byName(sample).get("zonesync function errors");
    assertThat(errors.path("Namespace").asText()).isEqualTo("AWS/Lambda");
    assertThat(errors.path("MetricName").asText()).isEqualTo("Errors");
    assertThat(errors.path("Dimensions").get(0).path("Name").asText()).isEqualTo("FunctionName");
    assertThat(errors.path("Dimensions").get(0).path("Value").path("Ref").asText())
        .isEqualTo(function);
    assertThat(errors.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(errors.path("EvaluationPeriods").asInt()).isEqualTo(3);
    assertThat(description(errors)).contains("saved query zonesync/errors");
    JsonNode throttled = Alarms.byName(sample).get("zonesync function throttled");
    assertThat(throttled.path("Namespace").asText()).isEqualTo("AWS/Lambda");
    assertThat(throttled.path("MetricName").asText()).isEqualTo("AsyncEventAge");
    assertThat(throttled.path("Dimensions").get(0).path("Value").path("Ref").asText())
        .isEqualTo(function);
    assertThat(throttled.path("Statistic").asText()).isEqualTo("Maximum");
    // a run that waited a whole period (5 minutes, in milliseconds)
    assertThat(throttled.path("Threshold").asDouble()).isEqualTo(300_000.0);
    assertThat(throttled.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(description(throttled)).contains("reserved concurrency 1");
  }

  @Test
  void configurationAlarm_watchesTheFunctionsConfigurationErrors() {
    JsonNode alarm = Alarms.byName(sample).get("zonesync configuration");
    assertFunctionMetric(alarm, "ConfigurationErrors", only(sample, "AWS::Lambda::Function"));
    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
    assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(description(alarm)).contains("/zonesync/config").contains("zonesync/errors");
  }

  @Test
  void fullReconcileAlarms_watchTheFunctionsMaximumOverAnHour_missingDataKeepsTheState() {
    for (String[] kind :
        List.of(
            new String[] {"zonesync full reconcile overdue", "FullReconcileOverdue"},
            new String[] {"zonesync full reconcile failing", "FullReconcileFailing"})) {
      JsonNode alarm = Alarms.byName(sample).get(kind[0]);
      assertFunctionMetric(alarm, kind[1], only(sample, "AWS::Lambda::Function"));
      assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
      assertThat(alarm.path("Period").asInt()).isEqualTo(3600);
      assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
      assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
      assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("ignore");
      assertThat(description(alarm)).contains("saved query zonesync/full-reconcile");
    }
    assertThat(description(Alarms.byName(sample).get("zonesync full reconcile overdue")))
        .startsWith("zonesync zonesync: zones have not been reconciled in full")
        .contains("fullReconcileOverdueZones")
        .contains("zonesPerSchedule");
    assertThat(description(Alarms.byName(sample).get("zonesync full reconcile failing")))
        .contains("FULL_RECONCILE_FAILING")
        .contains("\"mode\": \"full\"");
  }

  @Test
  void alarms_notifyTheStackTopicOnAlarmAndOk() {
    String topic = only(sample, "AWS::SNS::Topic");
    for (JsonNode alarm : Alarms.byName(sample).values()) {
      for (String key : List.of("AlarmActions", "OKActions")) {
        assertThat(Alarms.actionTargets(sample, alarm, key))
            .as("%s of %s", key, alarm.path("AlarmName").asText())
            .containsExactly("{\"Ref\":\"" + topic + "\"}");
      }
      assertThat(alarm.has("InsufficientDataActions")).isFalse();
    }
  }

  @Test
  void descriptions_nameAnExistingSavedQueryAndStayWithinCloudWatchLimits() {
    List<String> saved = new ArrayList<>();
    sample
        .resources("AWS::Logs::QueryDefinition")
        .values()
        .forEach(q -> saved.add(q.path("Properties").path("Name").asText()));
    for (Synth s : List.of(sample, custom, existingTopic)) {
      for (JsonNode alarm : Alarms.byName(s).values()) {
        // Tokens (log group name, queue URL) deploy as at most ~128 characters.
        String deployed = description(alarm).replaceAll("\\$\\{[^}]*}", "x".repeat(128));
        assertThat(deployed.length()).isLessThanOrEqualTo(1024);
        assertThat(description(alarm)).contains("README.md, Operations");
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("saved query (zonesync/[a-z-]+)")
                .matcher(description(alarm));
        while (m.find()) {
          assertThat(saved).contains(m.group(1));
        }
      }
    }
  }

  // --- Saved queries -----------------------------------------------------------------------------

  @Test
  void savedQueries_readTheSummaryLinesOfTheFunctionsLogGroup() {
    String logGroup = only(sample, "AWS::Logs::LogGroup");
    Map<String, String> byName = new TreeMap<>();
    for (JsonNode q : sample.resources("AWS::Logs::QueryDefinition").values()) {
      JsonNode p = q.path("Properties");
      assertThat(p.path("LogGroupNames")).hasSize(1);
      assertThat(p.path("LogGroupNames").get(0).path("Ref").asText()).isEqualTo(logGroup);
      byName.put(p.path("Name").asText(), p.path("QueryString").asText());
    }
    assertThat(byName)
        .containsOnlyKeys(
            "zonesync/zones",
            "zonesync/zones-failed",
            "zonesync/zones-rejected",
            "zonesync/zones-partial",
            "zonesync/zones-not-started",
            "zonesync/zones-last-run",
            "zonesync/full-reconcile",
            "zonesync/unresolved-cuts",
            "zonesync/errors");
    assertThat(byName.get("zonesync/zones"))
        .contains("filter ispresent(outcome) and outcome != \"DRY_RUN\"")
        .contains("fromMillis(toMillis(@timestamp) * succeeded) as successAt")
        .contains("latest(outcome) as lastOutcome")
        .contains("latest(path) as lastPath")
        .contains("sum(route53Calls) as calls")
        .contains("sum(changes) as changed")
        .contains("max(successAt) as lastSuccess")
        .contains("by zone")
        .contains("sort lastSuccess asc");
    assertThat(byName.get("zonesync/zones-not-started"))
        .contains("filter outcome = \"NOT_STARTED\"")
        .contains("by zone");
    assertThat(byName.get("zonesync/zones-failed")).contains("filter outcome = \"FAILED\"");
    assertThat(byName.get("zonesync/zones-last-run")).contains("max(@timestamp) as lastRun");
    // alarms off: the queries (and the dashboard's table) stay
    assertThat(disabled.resources("AWS::Logs::QueryDefinition")).hasSize(9);
  }

  // --- Per-zone alarms of detailed zones --------------------------------------------------------

  @Test
  void zoneAlarms_ofADetailedZone_areThreeOnItsOwnMetrics() {
    Map<String, JsonNode> alarms = Alarms.ofZone(sample, "corp.example.");
    assertThat(alarms).containsOnlyKeys("failed", "rejected", "stale");
    assertZoneAlarm(
        alarms.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 1, 1, "notBreaching");
    assertZoneAlarm(
        alarms.get("rejected"), "Rejected", "GreaterThanOrEqualToThreshold", 1, 1, "notBreaching");
    // 30m of 5-minute periods, every one without a successful run; no data counts.
    assertZoneAlarm(alarms.get("stale"), "Succeeded", "LessThanThreshold", 6, 6, "breaching");
    alarms.forEach(
        (kind, a) -> {
          assertThat(a.path("AlarmName").asText()).isEqualTo("zonesync corp.example. " + kind);
          assertThat(a.path("Period").asInt()).isEqualTo(300);
          assertThat(a.path("Dimensions"))
              .hasSize(1)
              .first()
              .satisfies(dim -> assertThat(dim.path("Name").asText()).isEqualTo("Zone"));
        });
    assertThat(description(alarms.get("failed")))
        .startsWith("zonesync corp.example.: a sync run FAILED");
    assertThat(description(alarms.get("stale")))
        .contains("for 30m")
        .contains("dashboard zonesync-eu-west-1");
  }

  @Test
  void zoneAlarms_followTheZonesScheduleWindowAndSettings() {
    // corp.example.: rate(5 minutes), 1-minute periods: failures within one 5-minute interval.
    Map<String, JsonNode> corp = Alarms.ofZone(custom, "corp.example.");
    assertZoneAlarm(
        corp.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 5, 1, "notBreaching");
    assertZoneAlarm(corp.get("stale"), "Succeeded", "LessThanThreshold", 20, 20, "breaching");
    // Lab.Example: the metric dimension is lower case with a trailing dot; rate(15 minutes) and
    // its own 45m window.
    Map<String, JsonNode> lab = Alarms.ofZone(custom, "lab.example.");
    assertThat(lab).containsOnlyKeys("failed", "rejected", "stale");
    assertZoneAlarm(
        lab.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 15, 1, "notBreaching");
    assertZoneAlarm(
        lab.get("rejected"), "Rejected", "GreaterThanOrEqualToThreshold", 15, 1, "notBreaching");
    assertZoneAlarm(lab.get("stale"), "Succeeded", "LessThanThreshold", 45, 45, "breaching");
    assertThat(lab.get("stale").path("AlarmName").asText())
        .isEqualTo("zonesync lab.example. stale");
    corp.values().forEach(a -> assertThat(a.path("Period").asInt()).isEqualTo(60));
  }

  @Test
  void zoneAlarms_whenScheduleNestedStacksChange_stayWhereTheyAre() {
    // Alarm names are fixed: an alarm moving to another stack would be created (same name) before
    // its old copy is deleted. Their stacks do not depend on deployment.scheduler.nestedStacks.
    Synth oneStack =
        Synth.of(CUSTOM.replace("  alarms:\n", "  scheduler: {nestedStacks: 1}\n  alarms:\n"));
    assertThat(oneStack.nestedJson).hasSize(1);
    assertThat(Alarms.locations(oneStack)).isEqualTo(Alarms.locations(custom)).hasSize(6);
    custom
        .stack
        .alarmStacks()
        .forEach(
            s ->
                s.zones()
                    .forEach(
                        z ->
                            assertThat(s.getNode().getId())
                                .isEqualTo(
                                    "ZoneAlarms" + ZoneBuckets.of(z.name(), ZoneAlarms.BUCKETS))));
  }

  @Test
  void alarmName_whenZoneNameIsVeryLong_isCutToCloudWatchsLimitAndStaysUnique() {
    String label = "a".repeat(63);
    String zone = String.join(".", label, label, label, "b" + label.substring(1)) + ".";
    String other = String.join(".", label, label, label, "c" + label.substring(1)) + ".";
    String name = ZoneAlarms.alarmName("zonesync-production-eu", zone, "rejected");
    assertThat(name).hasSize(255).startsWith("zonesync-production-eu aaaa").endsWith(" rejected");
    assertThat(name)
        .isNotEqualTo(ZoneAlarms.alarmName("zonesync-production-eu", other, "rejected"));
    assertThat(ZoneAlarms.alarmName("zonesync", "corp.example.", "stale"))
        .isEqualTo("zonesync corp.example. stale");
  }

  @Test
  void alarms_whenDisabled_areNotCreatedAndNeitherIsTheTopic() {
    assertThat(Alarms.byName(disabled)).isEmpty();
    assertThat(disabled.resources("AWS::SNS::Topic")).isEmpty();
    assertThat(disabled.resources("AWS::KMS::Key")).isEmpty();
    assertThat(disabled.json.path("Outputs").has("AlarmTopicArn")).isFalse();
    assertThat(disabled.alarmJson).isEmpty();
    // The dashboard stays, without alarm lists.
    assertThat(disabled.resources("AWS::CloudWatch::Dashboard")).hasSize(1);
  }

  // --- Dead-letter queue alarm -------------------------------------------------------------------

  @Test
  void deadLetterQueueAlarm_firesOnAnyVisibleMessage() {
    sample.template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "AlarmName",
            "zonesync dead-letter queue",
            "Namespace",
            "AWS/SQS",
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "QueueName",
                    "Value",
                    Map.of("Fn::GetAtt", List.of(only(sample, "AWS::SQS::Queue"), "QueueName")))),
            "Statistic",
            "Maximum",
            "Threshold",
            1,
            "ComparisonOperator",
            "GreaterThanOrEqualToThreshold",
            "EvaluationPeriods",
            1,
            "TreatMissingData",
            "notBreaching",
            "AlarmActions",
            List.of(Map.of("Ref", only(sample, "AWS::SNS::Topic")))));
    assertThat(description(Alarms.byName(sample).get("zonesync dead-letter queue")))
        .contains("schedule delivery")
        .contains("reserved concurrency")
        .contains("aws sqs receive-message --queue-url ${");
  }

  // --- Topic -------------------------------------------------------------------------------------

  @Test
  void topic_isEncryptedWithARotatedKeyCloudWatchMayUse() {
    String key = only(sample, "AWS::KMS::Key");
    sample.template.hasResourceProperties(
        "AWS::SNS::Topic",
        Map.of(
            "TopicName",
            "zonesync-alarms",
            "KmsMasterKeyId",
            Map.of("Fn::GetAtt", List.of(key, "Arn"))));
    sample.template.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "EnableKeyRotation",
            true,
            "KeyPolicy",
            Match.objectLike(
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Allow",
                                    "Principal",
                                    Map.of("Service", "cloudwatch.amazonaws.com"),
                                    "Action",
                                    List.of("kms:Decrypt", "kms:GenerateDataKey*")))))))));
  }

  @Test
  void topic_acceptsOnlyTlsAndThisAccountsAlarms() {
    JsonNode doc =
        sample
            .resources("AWS::SNS::TopicPolicy")
            .values()
            .iterator()
            .next()
            .path("Properties")
            .path("PolicyDocument");
    String flat = Policies.deepFlatten(doc).toString();
    assertThat(flat)
        .contains(
            "{\"Action\":\"sns:Publish\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}},"
                + "\"Effect\":\"Deny\",\"Principal\":\"*\"")
        .contains(
            "\"aws:SourceArn\":\"arn:${AWS::Partition}:cloudwatch:eu-west-1:111122223333:alarm:*\"")
        .contains("\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}")
        .contains("\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"}");
  }

  @Test
  void topic_whenEmailsConfigured_subscribesEach() {
    assertThat(sample.resources("AWS::SNS::Subscription")).isEmpty();
    String topic = only(custom, "AWS::SNS::Topic");
    custom.template.resourceCountIs("AWS::SNS::Subscription", 2);
    for (String email : List.of("dns@example.com", "oncall@example.com")) {
      custom.template.hasResourceProperties(
          "AWS::SNS::Subscription",
          Map.of("Protocol", "email", "Endpoint", email, "TopicArn", Map.of("Ref", topic)));
    }
  }

  @Test
  void topic_whenTopicArnConfigured_isUsedInsteadOfCreatingOne() {
    String arn = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";
    assertThat(existingTopic.resources("AWS::SNS::Topic")).isEmpty();
    assertThat(existingTopic.resources("AWS::KMS::Key")).isEmpty();
    Map<String, JsonNode> alarms = Alarms.byName(existingTopic);
    assertThat(alarms).hasSize(FIXED.size());
    for (JsonNode alarm : alarms.values()) {
      assertThat(Alarms.actionTargets(existingTopic, alarm, "AlarmActions")).containsExactly(arn);
    }
    assertThat(existingTopic.json.path("Outputs").path("AlarmTopicArn").path("Value").asText())
        .isEqualTo(arn);
    // no dashboard to name in the heartbeat's description
    assertThat(description(alarms.get("zonesync heartbeat"))).doesNotContain("on dashboard");
  }

  @Test
  void outputs_nameTheTopicAndTheDashboard() {
    JsonNode outputs = sample.json.path("Outputs");
    assertThat(outputs.path("AlarmTopicArn").path("Value").path("Ref").asText())
        .isEqualTo(only(sample, "AWS::SNS::Topic"));
    assertThat(outputs.path("DashboardName").path("Value").asText())
        .isEqualTo("zonesync-eu-west-1");
    assertThat(outputs.path("DashboardUrl").path("Value").asText())
        .isEqualTo(
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
                + "#dashboards/dashboard/zonesync-eu-west-1");
    assertThat(existingTopic.json.path("Outputs").has("DashboardUrl")).isFalse();
  }

  // --- Dashboard ---------------------------------------------------------------------------------

  @Test
  void dashboard_showsThePerZoneTableFromTheSummaryLines() throws Exception {
    JsonNode body = Alarms.dashboardBody(sample);
    List<JsonNode> logs = Alarms.widgets(body, "log");
    assertThat(logs).hasSize(1);
    JsonNode p = logs.get(0).path("properties");
    String logGroup = only(sample, "AWS::Logs::LogGroup");
    assertThat(p.path("view").asText()).isEqualTo("table");
    assertThat(p.path("region").asText()).isEqualTo("eu-west-1");
    assertThat(p.path("title").asText()).contains("saved query zonesync/zones");
    // the table's query is the saved one, over the function's log group
    String saved =
        sample.resources("AWS::Logs::QueryDefinition").values().stream()
            .map(q -> q.path("Properties"))
            .filter(q -> q.path("Name").asText().equals("zonesync/zones"))
            .findFirst()
            .orElseThrow()
            .path("QueryString")
            .asText();
    assertThat(p.path("query").asText()).isEqualTo("SOURCE '${" + logGroup + "}' | " + saved);
  }

  @Test
  void dashboard_graphsTheFunctionLevelMetrics_andDetailedZonesOnly() throws Exception {
    JsonNode body = Alarms.dashboardBody(sample);
    List<String> functionMetrics = new ArrayList<>();
    List<String> zoneMetrics = new ArrayList<>();
    for (JsonNode w : Alarms.widgets(body, "metric")) {
      for (JsonNode m : w.path("properties").path("metrics")) {
        assertThat(m.get(0).has("expression")).as("no Metrics Insights: %s", m).isFalse();
        if (!m.get(0).asText().equals("ZoneSync")) {
          continue;
        }
        if (m.get(2).asText().equals("Function")) {
          assertThat(m.get(3).asText()).startsWith("${");
          functionMetrics.add(m.get(1).asText());
        } else {
          assertThat(m.get(2).asText()).isEqualTo("Zone");
          // the detailed zone, the selector's default
          assertThat(m.get(3).asText()).isEqualTo("corp.example.");
          zoneMetrics.add(m.get(1).asText());
        }
      }
    }
    assertThat(functionMetrics)
        .contains(
            "ZonesApplied",
            "ZonesUpToDate",
            "ZonesFailed",
            "ZonesRejected",
            "ZonesPartial",
            "ZonesNotStarted",
            "RecordsCreated",
            "Route53Calls",
            "Route53Throttles",
            "RunsCompleted",
            "SyncDuration",
            "DriftDetected",
            "FullReconcileOverdue",
            "FullReconcileFailing",
            "Route53LearnedChangeRate");
    assertThat(zoneMetrics).contains("RecordsCreated", "SyncDuration", "SourceSerial", "Failed");
    JsonNode variable = body.path("variables").get(0);
    assertThat(variable.path("property").asText()).isEqualTo("Zone");
    assertThat(variable.path("values").findValuesAsText("value")).containsExactly("corp.example.");
    // without detailed zones: no selector, no per-zone graph
    JsonNode plain = Alarms.dashboardBody(disabled);
    assertThat(plain.has("variables")).isFalse();
    assertThat(plain.toString()).doesNotContain("\"Zone\"");
  }

  @Test
  void dashboard_listsTheFixedAlarmsAndTheDetailedZonesAlarms() throws Exception {
    JsonNode body = Alarms.dashboardBody(sample);
    List<JsonNode> widgets = Alarms.widgets(body, "alarm");
    // the deployment's alarms, then one list per kind of the detailed zones' (in ALARM only)
    assertThat(widgets).hasSize(1 + 3);
    assertThat(widgets.get(0).path("properties").path("alarms")).hasSize(FIXED.size());
    List<String> listed = new ArrayList<>();
    for (JsonNode w : widgets.subList(1, 4)) {
      w.path("properties").path("alarms").forEach(a -> listed.add(a.asText()));
    }
    String prefix = "arn:${AWS::Partition}:cloudwatch:eu-west-1:111122223333:alarm:";
    assertThat(listed)
        .containsExactlyInAnyOrder(
            prefix + "zonesync corp.example. stale",
            prefix + "zonesync corp.example. failed",
            prefix + "zonesync corp.example. rejected");
    // It waits for the nested stacks, whose alarms it names.
    JsonNode dashboard = sample.resources("AWS::CloudWatch::Dashboard").values().iterator().next();
    assertThat(dashboard.path("DependsOn")).hasSize(sample.alarmJson.size());
    assertThat(sample.alarmJson).hasSize(1);
  }

  @Test
  void dashboard_whenAlarmsDisabledHasNoAlarmLists_whenDisabledIsNotCreated() throws Exception {
    assertThat(Alarms.widgets(Alarms.dashboardBody(disabled), "alarm")).isEmpty();
    assertThat(Alarms.widgets(Alarms.dashboardBody(disabled), "log")).hasSize(1);
    assertThat(existingTopic.resources("AWS::CloudWatch::Dashboard")).isEmpty();
  }

  // --- Limits and checks -------------------------------------------------------------------------

  @Test
  void stacks_stayFarBelowTheResourceLimit() {
    assertThat(Synth.resourceCount(sample.json)).isLessThan(60);
    sample.nestedJson.values().forEach(t -> assertThat(Synth.resourceCount(t)).isLessThan(10));
    sample.alarmJson.values().forEach(t -> assertThat(Synth.resourceCount(t)).isLessThan(10));
  }

  @Test
  void stacks_areCdkNagCleanWithEveryVariant() {
    for (Synth s : List.of(sample, custom, existingTopic, disabled)) {
      assertThat(s.nagErrors()).isEmpty();
      assertThat(s.nagWarnings()).isEmpty();
    }
  }

  private static void assertFunctionMetric(JsonNode alarm, String metric, String function) {
    assertThat(alarm.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(alarm.path("MetricName").asText()).isEqualTo(metric);
    assertThat(alarm.path("Dimensions")).hasSize(1);
    assertThat(alarm.path("Dimensions").get(0).path("Name").asText()).isEqualTo("Function");
    assertThat(alarm.path("Dimensions").get(0).path("Value").path("Ref").asText())
        .isEqualTo(function);
  }

  private static void assertZoneAlarm(
      JsonNode alarm,
      String metric,
      String comparison,
      int evaluationPeriods,
      int datapointsToAlarm,
      String missing) {
    assertThat(alarm.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(alarm.path("MetricName").asText()).isEqualTo(metric);
    assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo(comparison);
    assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(evaluationPeriods);
    assertThat(alarm.path("DatapointsToAlarm").asInt()).isEqualTo(datapointsToAlarm);
    assertThat(alarm.path("TreatMissingData").asText()).isEqualTo(missing);
  }

  private static String description(JsonNode alarm) {
    return Policies.flatten(alarm.path("AlarmDescription"));
  }

  private static String only(Synth synth, String type) {
    Map<String, JsonNode> found = synth.resources(type);
    assertThat(found).as(type).hasSize(1);
    return found.keySet().iterator().next();
  }
}
