package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.contract.MetricNames;
import dev.zonesync.sync.port.LearnedRates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics the engine writes are the ones the CDK app's alarms and dashboard read. */
class ZoneMetricsContractTest {

  @Test
  void metrics_ofAFullReport_areExactlyTheContractsZoneMetricsInOrder() {
    ZoneReport r =
        new ZoneReport(
            "corp.example.",
            "Z1",
            Status.APPLIED,
            TransferKind.AXFR,
            List.of(TransferKind.AXFR),
            "first sync",
            2026112201L,
            1L,
            "10.0.0.53:53",
            new ZoneReport.Counts(3, 2, 1),
            List.of(),
            0,
            1,
            1,
            1,
            Map.of("total", 3),
            0,
            0,
            12L,
            40L,
            "full",
            false,
            "full",
            null,
            null,
            55,
            null,
            null,
            null,
            null,
            null);
    ZoneMetrics m = ZoneMetrics.of(r);
    assertThat(m.metrics())
        .extracting(ZoneMetrics.Metric::name)
        .containsExactlyElementsOf(MetricNames.ZONE_METRICS);
    FunctionMetrics f =
        FunctionMetrics.of(
            RunReport.of(List.of(r)).withRoute53Pacing(new LearnedRates(4, 1000, 0)), 55);
    assertThat(f.metrics())
        .extracting(ZoneMetrics.Metric::name)
        .containsExactlyElementsOf(MetricNames.FUNCTION_METRICS);
  }

  @Test
  void names_areTheOnesDeployedAlarmsWatch() {
    // Written out: renaming a metric breaks every deployed alarm, so a rename must fail here.
    assertThat(MetricNames.NAMESPACE).isEqualTo("ZoneSync");
    assertThat(MetricNames.ZONE_DIMENSION).isEqualTo("Zone");
    assertThat(List.of(MetricNames.FAILED, MetricNames.REJECTED, MetricNames.SUCCEEDED))
        .containsExactly("Failed", "Rejected", "Succeeded");
    assertThat(Map.of(MetricNames.FUNCTION_DIMENSION, MetricNames.CONFIGURATION_ERRORS))
        .containsExactly(Map.entry("Function", "ConfigurationErrors"));
    assertThat(MetricNames.FUNCTION_METRICS)
        .containsExactly(
            "ZonesApplied",
            "ZonesUpToDate",
            "ZonesFailed",
            "ZonesRejected",
            "ZonesPartial",
            "ZonesNotStarted",
            "RecordsCreated",
            "RecordsUpdated",
            "RecordsDeleted",
            "RecordsSkipped",
            "Route53Calls",
            "Route53Throttles",
            "Route53Retries",
            "DriftDetected",
            "SyncDuration",
            "RunsCompleted",
            "FullReconcileOverdue",
            "FullReconcileFailing",
            "UnresolvedCuts",
            "CatalogsFailed",
            "MembersQuarantined",
            "OldestQuarantineSeconds",
            "Route53LearnedChangeRate");
  }
}
