package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unresolved-cuts alarm looks at hourly periods over the longest full-reconcile period: every
 * zone's full run falls inside its window.
 */
class CutAlarmPlanTest {

  private static ZoneSyncConfig config(String first, String second) {
    return ZoneSyncConfig.parse(
        """
        version: 1
        zones:
          - {name: a.example., hostedZoneId: ZA, masters: [10.0.0.53], tsig: none, fullReconcileEvery: FIRST}
          - {name: b.example., hostedZoneId: ZB, masters: [10.0.0.53], tsig: none, fullReconcileEvery: SECOND}
        deployment:
          account: "111122223333"
          region: eu-west-1
          vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        """
            .replace("FIRST", first)
            .replace("SECOND", second));
  }

  @ParameterizedTest(name = "{0} and {1}: {2} hours")
  @CsvSource({
    "24h, 24h, 24",
    "1h, 1h, 1",
    "90m, 1h, 2",
    "6h, 48h, 48",
    "1h, off, 1",
    // no zone reconciles in full on its own: a day (a mode full run reports in it)
    "off, off, 24",
    // CloudWatch looks back 7 days at most on hourly periods
    "720h, 24h, 168",
    "168h, 1h, 168",
  })
  void evaluationPeriods_coverTheLongestFullReconcile(String first, String second, int hours) {
    CutAlarmPlan plan = CutAlarmPlan.of(config(first, second).engine());
    assertThat(plan.periodSeconds()).isEqualTo(3600);
    assertThat(plan.evaluationPeriods()).isEqualTo(hours);
    assertThat(plan.windowSeconds()).isEqualTo(hours * 3600);
  }

  @Test
  void of_countsCatalogMembersTemplates() throws Exception {
    // the catalog sample: defaults 24h, its group lab 72h
    String catalogs = Files.readString(Path.of("..", "samples", "zonesync-catalog.yaml"));
    assertThat(catalogs).contains("fullReconcileEvery: 72h");
    assertThat(CutAlarmPlan.of(ZoneSyncConfig.parse(catalogs).engine()).evaluationPeriods())
        .isEqualTo(72);
  }
}
