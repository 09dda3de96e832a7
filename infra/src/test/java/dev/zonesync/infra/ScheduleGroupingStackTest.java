package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: one schedule per group of zones sharing an expression, up to {@code
 * deployment.scheduler.zonesPerSchedule} (default 50), in the synthesized nested stacks.
 */
class ScheduleGroupingStackTest {

  private static Synth grouped;
  private static Synth onePerZone;

  /** {@code zones} zones zone-000.example. ... on the default schedule, one nested stack. */
  static String config(int zones, String scheduler) {
    StringBuilder b = new StringBuilder("version: 1\nzones:\n");
    for (int i = 0; i < zones; i++) {
      b.append(
          String.format(
              "  - {name: zone-%03d.example., hostedZoneId: Z%020d, masters: [10.0.0.53],"
                  + " tsig: none}%n",
              i, i));
    }
    return b.append(
            """
            deployment:
              account: "111122223333"
              region: eu-west-1
              vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
              alarms: {enabled: false}
              dashboard: {enabled: false}
            """)
        .append("  scheduler: ")
        .append(scheduler)
        .append('\n')
        .toString();
  }

  @BeforeAll
  static void synthesize() {
    grouped = Synth.of(config(120, "{nestedStacks: 1}"));
    onePerZone = Synth.of(config(12, "{nestedStacks: 1, zonesPerSchedule: 1}"));
  }

  @Test
  void schedules_when120ZonesShareAnExpression_areThreeOf50And50And20() throws Exception {
    List<List<String>> inputs = inputs(grouped);

    assertThat(inputs).extracting(List::size).containsExactly(50, 50, 20);
    assertThat(inputs.get(0)).first().isEqualTo("zone-000.example.");
    assertThat(inputs.get(0)).last().isEqualTo("zone-049.example.");
    assertThat(inputs.get(1)).first().isEqualTo("zone-050.example.");
    assertThat(inputs.get(2)).last().isEqualTo("zone-119.example.");
    assertThat(inputs).allSatisfy(zones -> assertThat(zones).isSorted().doesNotHaveDuplicates());
    grouped.nestedJson.values().stream()
        .flatMap(t -> schedules(t).stream())
        .forEach(
            s -> {
              assertThat(s.path("Properties").path("ScheduleExpression").asText())
                  .isEqualTo("rate(5 minutes)");
              assertThat(s.path("Properties").path("Description").asText())
                  .startsWith("zonesync: sync ")
                  .contains(" zones (zone-");
            });
  }

  @Test
  void schedules_whenZonesPerScheduleIs1_areOnePerZone() throws Exception {
    List<List<String>> inputs = inputs(onePerZone);

    assertThat(inputs).hasSize(12).allSatisfy(zones -> assertThat(zones).hasSize(1));
    assertThat(inputs.stream().map(zs -> zs.get(0)).toList())
        .containsExactlyInAnyOrder(
            "zone-000.example.",
            "zone-001.example.",
            "zone-002.example.",
            "zone-003.example.",
            "zone-004.example.",
            "zone-005.example.",
            "zone-006.example.",
            "zone-007.example.",
            "zone-008.example.",
            "zone-009.example.",
            "zone-010.example.",
            "zone-011.example.");
    JsonNode first = schedules(onePerZone.nestedJson.values().iterator().next()).get(0);
    assertThat(first.path("Properties").path("Description").asText())
        .startsWith("zonesync: sync zone zone-0");
  }

  /** Every schedule input's zone list, in the order the nested stacks hold them. */
  private static List<List<String>> inputs(Synth s) throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode t : s.nestedJson.values()) {
      for (JsonNode r : schedules(t)) {
        JsonNode input =
            Synth.JSON.readTree(r.path("Properties").path("Target").path("Input").asText());
        assertThat(input.size()).as("keys of %s", input).isEqualTo(1);
        List<String> zones = new ArrayList<>();
        input.path("zones").forEach(z -> zones.add(z.asText()));
        out.add(zones);
      }
    }
    out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return out;
  }

  private static List<JsonNode> schedules(JsonNode template) {
    List<JsonNode> out = new ArrayList<>();
    template
        .path("Resources")
        .forEach(
            r -> {
              if (r.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                out.add(r);
              }
            });
    return out;
  }
}
