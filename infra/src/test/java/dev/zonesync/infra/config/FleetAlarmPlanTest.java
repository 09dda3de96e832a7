package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers of the deployment's fixed alarms, from the schedules and the alarm settings. */
class FleetAlarmPlanTest {

  /**
   * {@code five} zones on rate(5 minutes), {@code fifteen} on rate(15 minutes), {@code hourly} on
   * rate(1 hour), {@code cron} on a cron expression; one nested stack of schedules, {@code
   * perSchedule} zones per schedule; {@code alarms} the deployment's alarm settings (YAML flow).
   */
  private static ZoneSyncConfig config(
      int five, int fifteen, int hourly, int cron, int perSchedule, String alarms) {
    StringBuilder b = new StringBuilder("version: 1\nzones:\n");
    int i = 0;
    for (String[] kind :
        new String[][] {
          {"rate(5 minutes)", "" + five},
          {"rate(15 minutes)", "" + fifteen},
          {"rate(1 hour)", "" + hourly},
          {"cron(0 3 * * ? *)", "" + cron}
        }) {
      for (int k = 0; k < Integer.parseInt(kind[1]); k++, i++) {
        b.append("  - {name: z")
            .append(i)
            .append(".example., hostedZoneId: ZSHARED, hostedZoneName: example.,")
            .append(" masters: [10.0.0.53], tsig: none, schedule: \"")
            .append(kind[0])
            .append("\"}\n");
      }
    }
    b.append(
        """
        deployment:
          account: "111122223333"
          region: eu-west-1
          vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        """);
    b.append("  scheduler: {nestedStacks: 1, zonesPerSchedule: ").append(perSchedule).append("}\n");
    b.append("  alarms: {").append(alarms).append("}\n");
    return ZoneSyncConfig.parse(b.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // what                                    | 5m  | 15m | 1h | cron | per schedule | alarms
        //                  | period | failing | heartbeat | expected | rate | cron
        "'all default: one run per period each'    | 120 | 0   | 0  | 0    | 50 | ''                               | 300    | 3       | 6         | 3        | 3    | 0",
        "'51 zones: two schedules'                 | 51  | 0   | 0  | 0    | 50 | ''                               | 300    | 3       | 6         | 2        | 2    | 0",
        "'15-minute zones set the period'          | 10  | 10  | 0  | 0    | 50 | ''                               | 900    | 1       | 2         | 4        | 2    | 0",
        "'an hourly zone: 12 + 4 + 1 runs an hour' | 10  | 10  | 1  | 0    | 50 | ''                               | 3600   | 1       | 2         | 17       | 3    | 0",
        "'cron schedules are not counted'          | 10  | 0   | 0  | 5    | 50 | ''                               | 300    | 3       | 6         | 1        | 1    | 1",
        "'failingFor rounds up to whole periods'   | 10  | 10  | 0  | 0    | 50 | 'failingFor: 40m'                | 900    | 3       | 2         | 4        | 2    | 0",
        "'a longer alarm period than the schedule' | 10  | 0   | 0  | 0    | 50 | 'period: 10m, staleAfter: 1h'    | 600    | 2       | 6         | 2        | 1    | 0",
        "'zonesPerSchedule 1: one run per zone'    | 7   | 0   | 0  | 0    | 1  | ''                               | 300    | 3       | 6         | 7        | 7    | 0",
      })
  void of_followsTheSchedulesAndSettings(
      String what,
      int five,
      int fifteen,
      int hourly,
      int cron,
      int perSchedule,
      String alarms,
      int period,
      int failing,
      int heartbeat,
      int expected,
      int rate,
      int cronSchedules) {
    FleetAlarmPlan plan =
        FleetAlarmPlan.of(config(five, fifteen, hourly, cron, perSchedule, alarms));

    assertThat(plan)
        .isEqualTo(new FleetAlarmPlan(period, failing, heartbeat, expected, rate, cronSchedules));
  }

  @Test
  void of_whenAZoneRunsLessThanEvery12Hours_failsNamingItsSchedule() {
    assertThat(FleetAlarmPlan.of(config(2, 0, 0, 0, 50, "")).periodSeconds()).isEqualTo(300);
    String yaml =
        yamlOf(1).replace("rate(5 minutes)", "rate(13 hours)") + "  scheduler: {nestedStacks: 1}\n";
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("zones[0].schedule: the zone runs rate(13 hours)");
    // alarms off: no plan, no rule
    assertThat(ZoneSyncConfig.parse(yaml + "  alarms: {enabled: false}\n").zones()).hasSize(1);
  }

  /** {@code n} zones on rate(5 minutes) and a deployment section without a scheduler key. */
  private static String yamlOf(int n) {
    StringBuilder b = new StringBuilder("version: 1\nzones:\n");
    for (int i = 0; i < n; i++) {
      b.append("  - {name: z")
          .append(i)
          .append(".example., hostedZoneId: ZSHARED, hostedZoneName: example.,")
          .append(" masters: [10.0.0.53], tsig: none, schedule: \"rate(5 minutes)\"}\n");
    }
    return b.append(
            """
            deployment:
              account: "111122223333"
              region: eu-west-1
              vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
            """)
        .toString();
  }
}
