package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTextTest {

  private static RunReport report() {
    return RunReport.of(
        List.of(
            new ZoneReport(
                "corp.example.",
                "Z1",
                Status.DRY_RUN,
                TransferKind.IXFR,
                "IXFR 1 -> 2: 3 RRsets touched",
                2L,
                1L,
                "10.0.0.53:53",
                new ZoneReport.Counts(1, 1, 1),
                List.of(
                    new ZoneReport.SkippedEntry(
                        "legacy.corp.example.",
                        "HINFO",
                        "UNSUPPORTED_TYPE",
                        "HINFO is not a type Route 53 can hold")),
                1,
                1,
                0,
                1,
                Map.of("ListResourceRecordSets", 5, "total", 5),
                0,
                0,
                12L,
                9L,
                "targeted",
                null,
                40,
                null,
                null,
                List.of(
                    new ZoneReport.PlannedChange(
                        "delete", "old.corp.example.", "A", null, null, 300L, List.of("192.0.2.9")),
                    new ZoneReport.PlannedChange(
                        "create", "new.corp.example.", "A", 300L, List.of("192.0.2.1"), null, null),
                    new ZoneReport.PlannedChange(
                        "update",
                        "www.corp.example.",
                        "A",
                        600L,
                        List.of("192.0.2.2"),
                        300L,
                        List.of("192.0.2.2"))),
                false)));
  }

  @Test
  void format_plain_isTerraformStyle() {
    String text = new PlanText(false).format(report());
    assertThat(text)
        .contains("corp.example. (Z1): DRY_RUN")
        .contains("  transfer: IXFR from 10.0.0.53:53")
        .contains("  serial: 1 -> 2")
        .contains("  - old.corp.example. A 300 192.0.2.9")
        .contains("  + new.corp.example. A 300 192.0.2.1")
        .contains("  ~ www.corp.example. A ttl 300 -> 600")
        .contains("  ! legacy.corp.example. HINFO: HINFO is not a type Route 53 can hold")
        .contains("  1 to create, 1 to update, 1 to delete, 1 skipped, 1 batch(es)")
        .doesNotContain("\u001b[");
  }

  @Test
  void format_coloured_paintsTheMarkers() {
    String text = new PlanText(true).format(report());
    assertThat(text).contains("\u001b[32m  + \u001b[0m").contains("\u001b[31m  - \u001b[0m");
  }
}
