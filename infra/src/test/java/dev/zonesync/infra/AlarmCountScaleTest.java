package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample configuration with 10 and with 1,000 zones: the same alarms, the same saved queries,
 * the same dashboard. Only zones configured {@code metrics: detailed} add alarms of their own: the
 * sample's corp.example. and five generated zones, in both.
 */
class AlarmCountScaleTest {

  /** The generated zones configured metrics: detailed (in both configurations). */
  static final Set<Integer> DETAILED = Set.of(1, 2, 3, 5, 8);

  private static Synth ten;
  private static Synth thousand;

  @BeforeAll
  static void synthesize() {
    ten = Synth.of(sampleWith(10));
    thousand = Synth.of(sampleWith(1000));
    System.out.printf(
        "sample with 10 zones: synth %d ms; with 1000 zones: synth %d ms%n",
        ten.synthMillis, thousand.synthMillis);
  }

  /**
   * samples/zonesync.yaml with {@code zones} zones in all: its two, and more under corp.example. in
   * corp.example.'s hosted zone (one hosted zone keeps the role's policies small).
   */
  static String sampleWith(int zones) {
    String sample = Synth.sampleYaml();
    StringBuilder more = new StringBuilder();
    for (int i = 1; i <= zones - 2; i++) {
      more.append(
              String.format(
                  "  - {name: z%04d.corp.example., hostedZoneId: Z0123456789ABCDEFGHIJ,"
                      + " hostedZoneName: corp.example., masters: [10.10.0.53],"
                      + " tsig: zonesync-transfer.",
                  i))
          .append(DETAILED.contains(i) ? ", metrics: detailed" : "")
          .append("}\n");
    }
    String marker = "\n# CDK app only (infra/)";
    assertThat(sample).contains(marker);
    return sample.replace(marker, "\n" + more + marker);
  }

  @Test
  void alarms_ofTenAndOfAThousandZones_areTheSame() {
    assertThat(ten.config.zones()).hasSize(10);
    assertThat(thousand.config.zones()).hasSize(1000);
    // 12 for the deployment, 3 for each of the 6 detailed zones
    assertThat(Alarms.byName(ten)).hasSize(12 + 3 * 6);
    assertThat(Alarms.byName(thousand).keySet()).isEqualTo(Alarms.byName(ten).keySet());
    List<String> zoneAlarms = new ArrayList<>();
    for (String name : Alarms.byName(thousand).keySet()) {
      if (name.matches("zonesync \\S+\\. (failed|rejected|stale)")) {
        zoneAlarms.add(name.split(" ")[1]);
      }
    }
    assertThat(zoneAlarms)
        .hasSize(18)
        .containsOnly(
            "corp.example.",
            "z0001.corp.example.",
            "z0002.corp.example.",
            "z0003.corp.example.",
            "z0005.corp.example.",
            "z0008.corp.example.");
  }

  @Test
  void savedQueriesAndDashboard_ofTenAndOfAThousandZones_areTheSame() throws Exception {
    assertThat(thousand.resources("AWS::Logs::QueryDefinition").keySet())
        .hasSize(9)
        .isEqualTo(ten.resources("AWS::Logs::QueryDefinition").keySet());
    JsonNode small = Alarms.dashboardBody(ten);
    JsonNode large = Alarms.dashboardBody(thousand);
    assertThat(large.path("widgets").size()).isEqualTo(small.path("widgets").size());
    // but for the headline's zone count and the runs the schedules make (the heartbeat's line),
    // the bodies say the same
    String runs = "\\{\"value\":\\d+,\"label\":\"the schedules' runs";
    assertThat(large.toString().replace("1000 zones", "10 zones").replaceAll(runs, "RUNS"))
        .isEqualTo(small.toString().replaceAll(runs, "RUNS"));
    // every zone runs rate(5 minutes): one run per schedule the stack created, per 5 minutes
    int schedules = 0;
    for (JsonNode t : thousand.nestedJson.values()) {
      for (JsonNode r : t.path("Resources")) {
        schedules += r.path("Type").asText().equals("AWS::Scheduler::Schedule") ? 1 : 0;
      }
    }
    assertThat(schedules).isGreaterThanOrEqualTo(20);
    assertThat(large.toString())
        .contains("{\"value\":" + schedules + ",\"label\":\"the schedules' runs");
  }
}
