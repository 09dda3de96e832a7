package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 200 zones: every limit that grows with the zone count. */
class ManyZonesStackTest {
  static final int ZONES = 200;
  private static Synth synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.of(TestConfigs.manyZones(ZONES));
    System.out.printf(
        "%d zones: synth %d ms, resources parent=%d nested=%s%n",
        ZONES,
        synth.synthMillis,
        Synth.resourceCount(synth.json),
        synth.nestedJson.values().stream().map(Synth::resourceCount).toList());
  }

  @Test
  void stack_when200Zones_createsOneSchedulePerZoneWithItsInput() throws Exception {
    Map<String, String> expressionByZone = new TreeMap<>();
    for (JsonNode t : synth.nestedJson.values()) {
      for (JsonNode r : t.path("Resources")) {
        if (r.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
          JsonNode input =
              Synth.JSON.readTree(r.path("Properties").path("Target").path("Input").asText());
          assertThat(input.size()).isEqualTo(1);
          String zone = input.path("zones").get(0).asText();
          assertThat(
                  expressionByZone.put(
                      zone, r.path("Properties").path("ScheduleExpression").asText()))
              .as("second schedule for %s", zone)
              .isNull();
        }
      }
    }
    assertThat(expressionByZone).hasSize(ZONES);
    assertThat(expressionByZone.get("zone-007.corp.example.")).isEqualTo("rate(15 minutes)");
    assertThat(expressionByZone.get("zone-008.corp.example.")).isEqualTo("rate(5 minutes)");
  }

  @Test
  void stack_when200Zones_staysUnderTheResourceLimitWithRoomForPerZoneAlarms() {
    assertThat(Synth.resourceCount(synth.json)).isLessThan(100);
    assertThat(synth.nestedJson).hasSize(4);
    for (var e : synth.nestedJson.entrySet()) {
      int zones = e.getKey().zones().size();
      assertThat(Synth.resourceCount(e.getValue())).isEqualTo(zones);
      // Issue #6 adds ~3 alarms per zone: 4 resources per zone must still fit in 500.
      assertThat(zones * 4).isLessThan(500);
    }
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
