package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alarm on delegations nothing resolves: the function-level UnresolvedCuts over one period of
 * the fleet alarms (the longest schedule), its saved query, its dashboard graph.
 */
class UnresolvedCutsAlarmTest {

  private static Synth sample;
  private static Synth weekly;
  private static Synth disabled;

  @BeforeAll
  static void synthesize() {
    sample = Synth.of(Synth.sampleYaml());
    // a zone synced every 2 hours sets the period
    weekly =
        Synth.of(
            TestConfigs.MINIMAL.replace(
                "    tsig: none\n", "    tsig: none\n    schedule: rate(2 hours)\n"));
    disabled = Synth.of(TestConfigs.MINIMAL + "  alarms: {enabled: false}\n");
  }

  @Test
  void alarm_firesOnAPeriodWithAnUnresolvedCut_thePeriodOfTheLongestSchedule() {
    JsonNode a = Alarms.byName(sample).get("zonesync unresolved zone cuts");
    assertThat(a).isNotNull();
    String function = onlyKey(sample, "AWS::Lambda::Function");
    assertThat(a.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(a.path("MetricName").asText()).isEqualTo("UnresolvedCuts");
    assertThat(a.path("Dimensions"))
        .hasSize(1)
        .first()
        .satisfies(
            d -> {
              assertThat(d.path("Name").asText()).isEqualTo("Function");
              assertThat(d.path("Value").path("Ref").asText()).isEqualTo(function);
            });
    assertThat(a.path("Statistic").asText()).isEqualTo("Maximum");
    int period = Alarms.byName(sample).get("zonesync zones failed").path("Period").asInt();
    assertThat(a.path("Period").asInt()).isEqualTo(period);
    assertThat(a.path("EvaluationPeriods").asInt()).isEqualTo(1);
    assertThat(a.path("DatapointsToAlarm").asInt()).isEqualTo(1);
    assertThat(a.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(a.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(a.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    String logGroup = onlyKey(sample, "AWS::Logs::LogGroup");
    assertThat(description(a))
        .contains("UnresolvedCuts >= 1 in the last " + period / 60 + "m, warning UNRESOLVED_CUT")
        .contains("saved query zonesync/unresolved-cuts (log group ${" + logGroup)
        .contains("resolvedElsewhere")
        .contains("deployment.resolver")
        .contains("Clears " + period / 60 + "m after the last run that reported one.");
    // notifies the topic on ALARM and on OK, as the other alarms
    assertThat(a.path("AlarmActions")).hasSize(1);
    assertThat(a.path("OKActions")).hasSize(1);
    JsonNode w = Alarms.byName(weekly).get("zonesync unresolved zone cuts");
    assertThat(w.path("Period").asInt()).isEqualTo(7200);
    assertThat(description(w)).contains("in the last 2h");
    assertThat(Alarms.byName(disabled)).isEmpty();
  }

  @Test
  void savedQuery_listsTheZonesWhoseSummaryLinesCarryTheWarning() {
    String query = null;
    for (JsonNode q : sample.resources("AWS::Logs::QueryDefinition").values()) {
      if (q.path("Properties").path("Name").asText().equals("zonesync/unresolved-cuts")) {
        query = q.path("Properties").path("QueryString").asText();
      }
    }
    assertThat(query)
        .isEqualTo(
            String.join(
                "\n",
                "fields @timestamp, zone, hostedZoneId, warnings",
                "| filter ispresent(outcome) and outcome != \"DRY_RUN\" and warnings like"
                    + " /UNRESOLVED_CUT/",
                "| stats count(*) as reportingRuns, max(@timestamp) as lastReported,"
                    + " latest(hostedZoneId) as hostedZone by zone",
                "| sort lastReported desc",
                "| limit 10000"));
  }

  @Test
  void dashboard_graphsTheMetricPerAlarmPeriod_withTheAlarmsThreshold() throws Exception {
    List<JsonNode> graphs =
        Alarms.widgets(Alarms.dashboardBody(sample), "metric").stream()
            .filter(
                w -> w.path("properties").path("title").asText().startsWith("Unresolved zone cuts"))
            .toList();
    assertThat(graphs).hasSize(1);
    JsonNode p = graphs.get(0).path("properties");
    assertThat(p.path("period").asInt())
        .isEqualTo(
            Alarms.byName(sample).get("zonesync unresolved zone cuts").path("Period").asInt());
    assertThat(p.path("metrics").get(0).get(1).asText()).isEqualTo("UnresolvedCuts");
    assertThat(p.path("annotations").path("horizontal").get(0).path("value").asInt()).isEqualTo(1);
  }

  private static String description(JsonNode alarm) {
    return Policies.flatten(alarm.path("AlarmDescription"));
  }

  private static String onlyKey(Synth s, String type) {
    Map<String, JsonNode> found = s.resources(type);
    assertThat(found).as(type).hasSize(1);
    return found.keySet().iterator().next();
  }
}
