package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every run reports a zone's uncovered cuts, so the unresolved-cuts alarm needs one period that
 * holds a run of every zone: the fleet alarms' period, the longest schedule.
 */
class CutAlarmPlanTest {

  private static ZoneSyncConfig config(String first, String second) {
    return ZoneSyncConfig.parse(
        """
        version: 1
        zones:
          - {name: a.example., hostedZoneId: ZA, masters: [10.0.0.53], tsig: none, schedule: "FIRST"}
          - {name: b.example., hostedZoneId: ZB, masters: [10.0.0.53], tsig: none, schedule: "SECOND"}
        deployment:
          account: "111122223333"
          region: eu-west-1
          vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        """
            .replace("FIRST", first)
            .replace("SECOND", second));
  }

  @ParameterizedTest(name = "{0} and {1}: one period of {2} s")
  @CsvSource({
    "'rate(5 minutes)', 'rate(5 minutes)', 300",
    "'rate(5 minutes)', 'rate(1 hour)',    3600",
    "'rate(2 hours)',   'rate(5 minutes)', 7200",
    "'rate(5 minutes)', 'cron(0 3 * * ? *)', 300",
  })
  void plan_isOnePeriodOfTheLongestSchedule(String first, String second, int seconds) {
    CutAlarmPlan plan = CutAlarmPlan.of(FleetAlarmPlan.of(config(first, second)));

    assertThat(plan.periodSeconds()).isEqualTo(seconds);
    assertThat(plan.evaluationPeriods()).isEqualTo(1);
    assertThat(plan.windowSeconds()).isEqualTo(seconds);
  }
}
