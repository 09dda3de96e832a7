package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.infra.config.ZoneBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * Issue #6, infrastructure part: per-zone alarms (failed, rejected, stale), the dead-letter queue
 * alarm, the alarm topic and the dashboard, for the sample config and for the optional settings.
 */
class AlarmsStackTest {

  /** Two zones, e-mails, OK notifications off, 1-minute periods, a zone with its own window. */
  static final String CUSTOM =
      TestConfigs.MINIMAL
              .replace(
                  "    tsig: none\n",
                  "    tsig: none\n    schedule: rate(15 minutes)\n    alarms: {staleAfter: 45m}\n")
              .replace("name: lab.example.", "name: Lab.Example")
          + """
            alarms:
              emails: [dns@example.com, oncall@example.com]
              notifyOk: false
              period: 1m
              staleAfter: 20m
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

  // --- Per-zone alarms ---------------------------------------------------------------------------

  @Test
  void zoneAlarms_whenSample_areThreePerZoneOnTheEngineMetrics() {
    for (String zone : List.of("corp.example.", "10.in-addr.arpa.")) {
      Map<String, JsonNode> alarms = Alarms.ofZone(sample, zone);
      assertThat(alarms).containsOnlyKeys("failed", "rejected", "stale");
      assertAlarm(
          alarms.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 1, 1, "notBreaching");
      assertAlarm(
          alarms.get("rejected"),
          "Rejected",
          "GreaterThanOrEqualToThreshold",
          1,
          1,
          "notBreaching");
      // 30m of 5-minute periods, every one without a successful run; no data counts.
      assertAlarm(alarms.get("stale"), "Succeeded", "LessThanThreshold", 6, 6, "breaching");
      alarms.forEach(
          (kind, a) -> {
            assertThat(a.path("AlarmName").asText()).isEqualTo("zonesync " + zone + " " + kind);
            assertThat(a.path("Period").asInt()).isEqualTo(300);
            assertThat(a.path("Dimensions"))
                .hasSize(1)
                .first()
                .satisfies(dim -> assertThat(dim.path("Name").asText()).isEqualTo("Zone"));
          });
    }
    // + dead-letter queue, configuration, full reconcile overdue
    assertThat(Alarms.byName(sample)).hasSize(2 * 3 + 3);
  }

  @Test
  void configurationAlarm_watchesTheFunctionsConfigurationErrors() {
    JsonNode alarm = Alarms.byName(sample).get("zonesync configuration");
    assertThat(alarm).as("alarm 'zonesync configuration'").isNotNull();
    // The names the function writes (see the handler's EMF for configuration failures).
    assertThat(alarm.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("ConfigurationErrors");
    assertThat(alarm.path("Dimensions")).hasSize(1);
    assertThat(alarm.path("Dimensions").get(0).path("Name").asText()).isEqualTo("Function");
    assertThat(alarm.path("Dimensions").get(0).path("Value").path("Ref").asText())
        .isEqualTo(only(sample, "AWS::Lambda::Function"));
    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
    assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(alarm.path("AlarmDescription").asText()).contains("/zonesync/config");
  }

  @Test
  void fullReconcileOverdueAlarm_watchesTheFunctionsMaximumOverAnHour_missingDataKeepsTheState() {
    JsonNode alarm = Alarms.byName(sample).get("zonesync full reconcile overdue");
    assertThat(alarm).as("alarm 'zonesync full reconcile overdue'").isNotNull();
    assertThat(alarm.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("FullReconcileOverdue");
    assertThat(alarm.path("Dimensions")).hasSize(1);
    assertThat(alarm.path("Dimensions").get(0).path("Name").asText()).isEqualTo("Function");
    assertThat(alarm.path("Dimensions").get(0).path("Value").path("Ref").asText())
        .isEqualTo(only(sample, "AWS::Lambda::Function"));
    assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
    assertThat(alarm.path("Period").asInt()).isEqualTo(3600);
    assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
    assertThat(alarm.path("DatapointsToAlarm").asInt()).isEqualTo(1);
    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(alarm.path("ComparisonOperator").asText())
        .isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("ignore");
    assertThat(alarm.path("AlarmDescription").asText())
        .startsWith("zonesync zonesync: zones have not been reconciled in full")
        .contains("fullReconcileOverdueZones")
        .contains("zonesPerSchedule");
    String topic = only(sample, "AWS::SNS::Topic");
    for (String key : List.of("AlarmActions", "OKActions")) {
      assertThat(Alarms.actionTargets(sample, alarm, key))
          .containsExactly("{\"Ref\":\"" + topic + "\"}");
    }
    // Not created when alarms are off.
    assertThat(Alarms.byName(disabled)).doesNotContainKey("zonesync full reconcile overdue");
  }

  @Test
  void dashboard_graphsTheFunctionsFullReconcileOverdue() throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode w : Alarms.widgets(Alarms.dashboardBody(sample), "metric")) {
      for (JsonNode m : w.path("properties").path("metrics")) {
        if (m.size() > 2 && m.get(1).asText().equals("FullReconcileOverdue")) {
          found.add(m);
          assertThat(w.path("properties").path("title").asText())
              .isEqualTo("Zones overdue for a full reconcile (max per run)");
        }
      }
    }
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get(2).asText()).isEqualTo("Function");
    assertThat(found.get(0).toString()).contains("\"stat\":\"Maximum\"");
  }

  @Test
  void zoneAlarms_notifyTheStackTopicOnAlarmAndOk() {
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
  void zoneAlarms_describeTheZoneAndTheFirstStepWithinCloudWatchLimits() {
    Map<String, JsonNode> corp = Alarms.ofZone(sample, "corp.example.");
    assertThat(description(corp.get("failed")))
        .startsWith("zonesync corp.example.: a sync run FAILED")
        .contains("error")
        .contains("REFUSED")
        .contains("BADKEY")
        .contains("NoSuchHostedZone")
        .contains("AccessDenied")
        .contains("log group ${");
    assertThat(description(corp.get("rejected")))
        .startsWith("zonesync corp.example.: a plan was REJECTED")
        .contains("dry-run")
        .contains("\"force\": true");
    assertThat(description(corp.get("stale")))
        .startsWith("zonesync corp.example.: no successful sync")
        .contains("for 30m")
        .contains("dead-letter queue")
        .contains("dashboard zonesync-eu-west-1");
    for (Synth s : List.of(sample, custom, existingTopic)) {
      for (JsonNode alarm : Alarms.byName(s).values()) {
        // Tokens (log group name, queue URL) deploy as at most ~128 characters.
        String deployed = description(alarm).replaceAll("\\$\\{[^}]*}", "x".repeat(128));
        assertThat(deployed.length()).isLessThanOrEqualTo(1024);
        assertThat(description(alarm)).contains("README.md, Operations");
      }
    }
  }

  @Test
  void zoneAlarms_followTheZonesScheduleWindowAndSettings() {
    // corp.example.: rate(5 minutes), 1-minute periods: failures within one 5-minute interval.
    Map<String, JsonNode> corp = Alarms.ofZone(custom, "corp.example.");
    assertAlarm(
        corp.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 5, 1, "notBreaching");
    assertAlarm(corp.get("stale"), "Succeeded", "LessThanThreshold", 20, 20, "breaching");
    // Lab.Example: the metric dimension is lower case with a trailing dot; rate(15 minutes) and
    // its own 45m window.
    Map<String, JsonNode> lab = Alarms.ofZone(custom, "lab.example.");
    assertThat(lab).containsOnlyKeys("failed", "rejected", "stale");
    assertAlarm(
        lab.get("failed"), "Failed", "GreaterThanOrEqualToThreshold", 15, 1, "notBreaching");
    assertAlarm(
        lab.get("rejected"), "Rejected", "GreaterThanOrEqualToThreshold", 15, 1, "notBreaching");
    assertAlarm(lab.get("stale"), "Succeeded", "LessThanThreshold", 45, 45, "breaching");
    assertThat(lab.get("stale").path("AlarmName").asText())
        .isEqualTo("zonesync lab.example. stale");
    for (JsonNode alarm : Alarms.byName(custom).values()) {
      assertThat(alarm.has("OKActions")).as("notifyOk: false").isFalse();
      assertThat(alarm.path("AlarmActions")).hasSize(1);
    }
    Alarms.ofZone(custom, "corp.example.")
        .values()
        .forEach(a -> assertThat(a.path("Period").asInt()).isEqualTo(60));
  }

  @Test
  void zoneAlarms_whenAlarmsDisabled_areNotCreatedAndNeitherIsTheTopic() {
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
    assertThat(alarms).hasSize(9);
    for (JsonNode alarm : alarms.values()) {
      assertThat(Alarms.actionTargets(existingTopic, alarm, "AlarmActions")).containsExactly(arn);
    }
    assertThat(existingTopic.json.path("Outputs").path("AlarmTopicArn").path("Value").asText())
        .isEqualTo(arn);
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
  void dashboard_graphsTheZoneSyncNamespaceForAllZonesAndOneZone() throws Exception {
    sample.template.hasResourceProperties(
        "AWS::CloudWatch::Dashboard", Map.of("DashboardName", "zonesync-eu-west-1"));
    JsonNode body = Alarms.dashboardBody(sample);
    String text = body.toString();
    assertThat(text)
        .contains("SELECT SUM(Failed) FROM SCHEMA(ZoneSync, Zone) GROUP BY Zone")
        .contains("SELECT SUM(Rejected) FROM SCHEMA(ZoneSync, Zone) GROUP BY Zone")
        .contains("SELECT MAX(SyncDuration) FROM SCHEMA(ZoneSync, Zone)")
        .contains("SELECT SUM(Route53Throttles) FROM SCHEMA(ZoneSync, Zone)")
        .contains("SELECT SUM(Route53Retries) FROM SCHEMA(ZoneSync, Zone)")
        .contains("SELECT SUM(RecordsDeleted) FROM SCHEMA(ZoneSync, Zone)");
    // One zone, picked by the Zone variable: changes, duration, serial, throttles, failures.
    List<String> zoneMetrics = new ArrayList<>();
    for (JsonNode w : Alarms.widgets(body, "metric")) {
      for (JsonNode m : w.path("properties").path("metrics")) {
        if (m.get(0).asText().equals("ZoneSync") && !m.get(2).asText().equals("Function")) {
          assertThat(m.get(2).asText()).isEqualTo("Zone");
          assertThat(m.get(3).asText()).isEqualTo("10.in-addr.arpa.");
          zoneMetrics.add(m.get(1).asText());
        }
      }
    }
    assertThat(zoneMetrics)
        .contains(
            "RecordsCreated",
            "RecordsUpdated",
            "RecordsDeleted",
            "SyncDuration",
            "SourceSerial",
            "Route53Throttles",
            "Route53Retries",
            "Failed",
            "Rejected");
    JsonNode variable = body.path("variables").get(0);
    assertThat(variable.path("type").asText()).isEqualTo("property");
    assertThat(variable.path("property").asText()).isEqualTo("Zone");
    assertThat(variable.path("defaultValue").asText()).isEqualTo("10.in-addr.arpa.");
    assertThat(variable.path("values").findValuesAsText("value"))
        .containsExactly("10.in-addr.arpa.", "corp.example.");
  }

  @Test
  void dashboard_listsEveryAlarmOfEveryZone() throws Exception {
    JsonNode body = Alarms.dashboardBody(sample);
    List<String> listed = new ArrayList<>();
    for (JsonNode w : Alarms.widgets(body, "alarm")) {
      w.path("properties").path("alarms").forEach(a -> listed.add(a.asText()));
    }
    String prefix = "arn:${AWS::Partition}:cloudwatch:eu-west-1:111122223333:alarm:";
    List<String> expected = new ArrayList<>();
    for (String name : Alarms.byName(sample).keySet()) {
      expected.add(
          name.endsWith("queue")
              ? "${MonitoringDeadLetterQueueAlarm"
              : name.endsWith(" configuration")
                  ? "${MonitoringConfigurationAlarm"
                  : name.endsWith(" full reconcile overdue")
                      ? "${MonitoringFullReconcileOverdueAlarm"
                      : prefix + name);
    }
    assertThat(listed).hasSize(expected.size());
    for (String e : expected) {
      assertThat(listed).anySatisfy(l -> assertThat(l).startsWith(e));
    }
    // It waits for the nested stacks, whose alarms it names.
    JsonNode dashboard = sample.resources("AWS::CloudWatch::Dashboard").values().iterator().next();
    assertThat(dashboard.path("DependsOn")).hasSize(sample.alarmJson.size());
    assertThat(sample.alarmJson).isNotEmpty();
  }

  @Test
  void dashboard_whenAlarmsDisabledHasNoAlarmLists_whenDisabledIsNotCreated() throws Exception {
    assertThat(Alarms.widgets(Alarms.dashboardBody(disabled), "alarm")).isEmpty();
    assertThat(existingTopic.resources("AWS::CloudWatch::Dashboard")).isEmpty();
    assertThat(description(Alarms.ofZone(existingTopic, "corp.example.").get("stale")))
        .doesNotContain("on dashboard");
  }

  // --- Limits and checks -------------------------------------------------------------------------

  @Test
  void stacks_stayFarBelowTheResourceLimit() {
    assertThat(Synth.resourceCount(sample.json)).isLessThan(40);
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

  private static void assertAlarm(
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
