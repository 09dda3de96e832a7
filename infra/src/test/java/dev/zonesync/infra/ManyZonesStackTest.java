package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.infra.config.DeploymentRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 zones, every 4th of them {@code metrics: detailed}: every limit that grows with the zone
 * count, and what does not grow with it (the deployment's alarms, the dashboard's function-level
 * graphs).
 */
class ManyZonesStackTest {
  static final int ZONES = 200;

  /** Every 4th zone is detailed: zone-000, zone-004, ..., zone-196. */
  static final int DETAILED_EVERY = 4;

  static final int DETAILED = 50;
  private static Synth synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.of(TestConfigs.manyZones(ZONES, DETAILED_EVERY));
    System.out.printf(
        "%d zones: synth %d ms, resources parent=%d nested=%s%n",
        ZONES,
        synth.synthMillis,
        Synth.resourceCount(synth.json),
        synth.nestedJson.values().stream().map(Synth::resourceCount).toList());
  }

  @Test
  void stack_when200Zones_createsOneSchedulePerExpressionAndNestedStack_upTo50ZonesEach()
      throws Exception {
    Map<String, String> expressionByZone = new TreeMap<>();
    int schedules = 0;
    for (var e : synth.nestedJson.entrySet()) {
      List<String> stackZones = e.getKey().zones().stream().map(z -> z.name()).toList();
      Map<String, Integer> perExpression = new TreeMap<>();
      for (JsonNode r : e.getValue().path("Resources")) {
        if (!r.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
          continue;
        }
        schedules++;
        String expression = r.path("Properties").path("ScheduleExpression").asText();
        perExpression.merge(expression, 1, Integer::sum);
        JsonNode input =
            Synth.JSON.readTree(r.path("Properties").path("Target").path("Input").asText());
        assertThat(input.size()).isEqualTo(1);
        List<String> zones = new ArrayList<>();
        input.path("zones").forEach(z -> zones.add(z.asText()));
        assertThat(zones).hasSizeBetween(1, 50);
        // Config order (the names are zero-padded: config order is name order here).
        assertThat(zones).isSorted();
        assertThat(stackZones).containsAll(zones);
        for (String zone : zones) {
          assertThat(expressionByZone.put(zone, expression))
              .as("second schedule for %s", zone)
              .isNull();
        }
      }
      // One schedule per expression unless more than 50 of this stack's zones share it.
      Map<String, Long> zonesPerExpression = new TreeMap<>();
      for (var z : e.getKey().zones()) {
        zonesPerExpression.merge(z.schedule(), 1L, Long::sum);
      }
      Map<String, Integer> expected = new TreeMap<>();
      zonesPerExpression.forEach((x, n) -> expected.put(x, (int) ((n + 49) / 50)));
      assertThat(perExpression).isEqualTo(expected);
    }
    assertThat(expressionByZone).hasSize(ZONES);
    assertThat(expressionByZone.get("zone-007.corp.example.")).isEqualTo("rate(15 minutes)");
    assertThat(expressionByZone.get("zone-008.corp.example.")).isEqualTo("rate(5 minutes)");
    // 4 nested stacks x 2 expressions, a few more where a stack has over 50 zones on one.
    assertThat(schedules).isBetween(8, 12);
    System.out.printf("%d zones: %d schedules%n", ZONES, schedules);
  }

  @Test
  void fullReconcile_whenConfigured_isOneFullModeScheduleInTheParent() {
    synth.template.resourceCountIs("AWS::Scheduler::Schedule", 1);
    synth.template.hasResourceProperties(
        "AWS::Scheduler::Schedule",
        Map.of(
            "ScheduleExpression",
            "cron(0 4 * * ? *)",
            "Target",
            software.amazon.awscdk.assertions.Match.objectLike(
                Map.of(
                    "Input",
                    software.amazon.awscdk.assertions.Match.serializedJson(
                        Map.of("mode", "full"))))));
  }

  @Test
  void stack_when200Zones_staysWellUnderTheResourceLimitInEveryStack() {
    assertThat(Synth.resourceCount(synth.json)).isLessThan(100);
    assertThat(synth.nestedJson).hasSize(4);
    for (var e : synth.nestedJson.entrySet()) {
      assertThat(Synth.resourceCount(e.getValue())).isEqualTo(e.getKey().groups().size());
    }
    // the per-zone alarms of the detailed zones only, in the same 10 hash buckets as before
    assertThat(synth.alarmJson).hasSizeLessThanOrEqualTo(ZoneAlarms.BUCKETS).isNotEmpty();
    int zones = 0;
    for (var e : synth.alarmJson.entrySet()) {
      int here = e.getKey().zones().size();
      zones += here;
      assertThat(Synth.resourceCount(e.getValue())).isEqualTo(here * 3).isLessThan(200);
    }
    assertThat(zones).isEqualTo(DETAILED);
    for (JsonNode t : synth.templates()) {
      assertThat(Synth.resourceCount(t)).isLessThanOrEqualTo(DeploymentRules.MAX_NESTED_RESOURCES);
    }
  }

  @Test
  void alarms_when200Zones_areTheFixedSetPlusThreeForEachDetailedZone() {
    var alarms = Alarms.byName(synth);
    assertThat(alarms).hasSize(12 + DETAILED * 3);
    for (int i = 0; i < ZONES; i++) {
      String zone = String.format("zone-%03d.corp.example.", i);
      var mine = Alarms.ofZone(synth, zone);
      if (i % DETAILED_EVERY != 0) {
        assertThat(mine).as(zone).isEmpty();
        continue;
      }
      assertThat(mine).as(zone).containsOnlyKeys("failed", "rejected", "stale");
      assertThat(mine.get("failed").path("MetricName").asText()).isEqualTo("Failed");
      assertThat(mine.get("rejected").path("MetricName").asText()).isEqualTo("Rejected");
      JsonNode stale = mine.get("stale");
      assertThat(stale.path("MetricName").asText()).isEqualTo("Succeeded");
      assertThat(stale.path("TreatMissingData").asText()).isEqualTo("breaching");
      assertThat(stale.path("EvaluationPeriods").asInt()).isEqualTo(6);
      // Zones on rate(15 minutes) count failures over their 15-minute interval.
      assertThat(mine.get("failed").path("EvaluationPeriods").asInt())
          .isEqualTo(i % 7 == 0 ? 3 : 1);
    }
    // the zones on rate(15 minutes) set the period of the deployment's alarms
    assertThat(alarms.get("zonesync-big zones failed").path("Period").asInt()).isEqualTo(900);
  }

  @Test
  void dashboard_when200Zones_staysWithinCloudWatchLimits() throws Exception {
    JsonNode body = Alarms.dashboardBody(synth);
    int widgets = body.path("widgets").size();
    List<JsonNode> alarmWidgets = Alarms.widgets(body, "alarm");
    int metrics = 0;
    for (JsonNode w : Alarms.widgets(body, "metric")) {
      for (JsonNode m : w.path("properties").path("metrics")) {
        // plain metrics only: one series each, whatever the zone count
        assertThat(m.get(0).has("expression")).as("%s", m).isFalse();
        metrics++;
      }
    }
    System.out.printf(
        "%d zones: dashboard %d widgets (%d alarm lists), %d series, body %d bytes%n",
        ZONES, widgets, alarmWidgets.size(), metrics, body.toString().length());
    assertThat(widgets).isLessThan(30);
    assertThat(metrics).isLessThan(100); // of 2,500 per dashboard, whatever the zone count
    for (JsonNode w : alarmWidgets) {
      assertThat(w.path("properties").path("alarms").size()).isBetween(1, 100);
    }
    // the deployment's alarms, then failed/rejected/stale lists of the 50 detailed zones
    assertThat(alarmWidgets).hasSize(1 + 3);
    assertThat(alarmWidgets.get(0).path("properties").path("alarms")).hasSize(12);
    assertThat(body.toString().length()).isLessThan(60_000);
    assertThat(body.path("variables").get(0).path("values")).hasSize(DETAILED);
    assertThat(Alarms.widgets(body, "log")).hasSize(1);
  }

  @Test
  void config_when200Zones_isSplitIntoStandardTierParameters() throws Exception {
    var params = synth.resources("AWS::SSM::Parameter");
    assertThat(params.size()).isEqualTo(synth.stack.fragments().values().size()).isGreaterThan(1);
    List<String> names = new ArrayList<>();
    for (JsonNode p : params.values()) {
      names.add(p.path("Properties").path("Name").asText());
      String value = Policies.flatten(p.path("Properties").path("Value"));
      String deployed = value.replaceAll("\\$\\{[A-Za-z0-9]+\\.Id}", "Z".repeat(32));
      assertThat(deployed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
      Synth.JSON.readTree(deployed); // valid JSON once the IDs are in
    }
    assertThat(names).isSorted().allSatisfy(n -> assertThat(n).startsWith("/zonesync-big/config/"));
    // Written one after the other (SSM throttles parallel PutParameter calls).
    long chained = params.values().stream().filter(p -> p.has("DependsOn")).count();
    assertThat(chained).isEqualTo(params.size() - 1);
    // The environment stays tiny whatever the zone count (Lambda caps it at 4 KB).
    JsonNode env =
        synth
            .resources("AWS::Lambda::Function")
            .values()
            .iterator()
            .next()
            .path("Properties")
            .path("Environment");
    assertThat(env.toString().length()).isLessThan(300);
  }

  @Test
  void iam_when200Zones_grantsEveryHostedZoneWithinPolicySizeLimits() {
    var grants = Policies.functionGrants(synth);
    assertThat(grants.get("route53:ChangeResourceRecordSets"))
        .hasSize(ZONES)
        .doesNotHaveDuplicates();
    assertThat(grants.get("secretsmanager:GetSecretValue")).hasSize(5);
    var managed = synth.resources("AWS::IAM::ManagedPolicy");
    assertThat(managed.size()).isBetween(2, 10);
    for (JsonNode p : managed.values()) {
      assertThat(deployedLength(p.path("Properties").path("PolicyDocument"))).isLessThan(6144);
    }
    JsonNode role =
        synth.resources("AWS::IAM::Role").entrySet().stream()
            .filter(e -> e.getKey().startsWith("FunctionRole"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(deployedLength(role.path("Properties").path("Policies"))).isLessThan(10240);
  }

  @Test
  void stack_when200Zones_isCdkNagClean() {
    assertThat(synth.nagErrors()).isEmpty();
  }

  /** Policy size as IAM counts it (no whitespace), with intrinsics replaced by long values. */
  private static int deployedLength(JsonNode doc) {
    return Policies.deepFlatten(doc)
        .toString()
        .replace("${AWS::Partition}", "aws-us-gov")
        .replaceAll("\\$\\{[A-Za-z0-9.]+}", "Z".repeat(32))
        .length();
  }
}
