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
                List.of(TransferKind.IXFR),
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
                "read",
                null,
                null,
                40,
                null,
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
  void format_showsEachWarningWithItsCode() {
    ReportBuilder b = new ReportBuilder("corp.example.", "Z1");
    b.warnEach(
        "UNRESOLVED_CUT",
        List.of(
            "lab.corp.example. is delegated on the master …",
            "dev.corp.example. is delegated on the master …"));
    b.upToDate("serial 7 already applied");
    String text = new PlanText(false).format(RunReport.of(List.of(b.build())));
    assertThat(text)
        .contains("  warning UNRESOLVED_CUT: lab.corp.example. is delegated on the master …\n")
        .contains("  warning UNRESOLVED_CUT: dev.corp.example. is delegated on the master …\n");
  }

  @Test
  void format_plain_isTerraformStyle() {
    String text = new PlanText(false).format(report());
    assertThat(text)
        .contains("corp.example. (Z1): DRY_RUN")
        .contains("  transfer: IXFR from 10.0.0.53:53")
        .contains("  serial: 1 -> 2 (planned)")
        .contains("  - old.corp.example. A 300 192.0.2.9")
        .contains("  + new.corp.example. A 300 192.0.2.1")
        .contains("  ~ www.corp.example. A: ttl 300 -> 600\n")
        .doesNotContain("www.corp.example. A: -")
        .contains(
            "  ! legacy.corp.example. HINFO (UNSUPPORTED_TYPE): HINFO is not a type Route 53 can"
                + " hold")
        .contains("  1 to create, 1 to update, 1 to delete, 1 skipped, 1 batch(es)")
        .doesNotContain("\u001b[");
  }

  @Test
  void format_coloured_paintsTheMarkers() {
    String text = new PlanText(true).format(report());
    assertThat(text).contains("\u001b[32m  + \u001b[0m").contains("\u001b[31m  - \u001b[0m");
  }

  private static ZoneReport zone(
      Status status,
      TransferKind transfer,
      List<TransferKind> attempted,
      List<ZoneReport.PlannedChange> plan,
      String error) {
    return new ZoneReport(
        "big.example.",
        "Z2",
        status,
        transfer,
        attempted,
        "why",
        2L,
        1L,
        null,
        plan == null ? null : new ZoneReport.Counts(0, plan.size(), 0),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        5,
        null,
        error,
        null,
        plan,
        false);
  }

  @Test
  void update_ofBigRRset_showsOnlyTheValueChange_inNaturalOrder() {
    List<String> before = new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      before.add("198.51.100." + i);
    }
    List<String> after = new java.util.ArrayList<>(before);
    after.remove("198.51.100.50");
    after.add("198.51.100.201");
    after.sort(null); // string order, as the plan holds it
    ZoneReport z =
        zone(
            Status.DRY_RUN,
            TransferKind.AXFR,
            List.of(TransferKind.AXFR),
            List.of(
                new ZoneReport.PlannedChange(
                    "update", "big.example.", "A", 300L, after, 300L, before)),
            null);
    String text = new PlanText(false).format(RunReport.of(List.of(z)));
    assertThat(text)
        .contains("  ~ big.example. A: -198.51.100.50 +198.51.100.201 (199 unchanged)\n")
        .doesNotContain("ttl");
    assertThat(text.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(120);
  }

  @Test
  void update_ofTtlAndValues_printsTwoLines() {
    ZoneReport z =
        zone(
            Status.APPLIED,
            TransferKind.IXFR,
            List.of(TransferKind.IXFR),
            List.of(
                new ZoneReport.PlannedChange(
                    "update",
                    "big.example.",
                    "A",
                    600L,
                    List.of("192.0.2.10", "192.0.2.2"),
                    300L,
                    List.of("192.0.2.2"))),
            null);
    assertThat(new PlanText(false).format(RunReport.of(List.of(z))))
        .contains(
            "  ~ big.example. A: ttl 300 -> 600\n  ~ big.example. A: +192.0.2.10 (1 unchanged)\n")
        .contains("  serial: 1 -> 2\n");
  }

  @Test
  void create_listsValuesInNaturalOrder() {
    ZoneReport z =
        zone(
            Status.DRY_RUN,
            TransferKind.AXFR,
            List.of(TransferKind.AXFR),
            List.of(
                new ZoneReport.PlannedChange(
                    "create",
                    "big.example.",
                    "A",
                    300L,
                    List.of("10.0.0.1", "10.0.0.10", "10.0.0.100", "10.0.0.2"),
                    null,
                    null)),
            null);
    assertThat(new PlanText(false).format(RunReport.of(List.of(z))))
        .contains("  + big.example. A 300 10.0.0.1 | 10.0.0.2 | 10.0.0.10 | 10.0.0.100\n");
  }

  @Test
  void failedRun_saysWhichTransfersWereAttempted_andThatTheSerialDidNotMove() {
    ZoneReport z =
        zone(
            Status.FAILED,
            TransferKind.NONE,
            List.of(TransferKind.IXFR, TransferKind.AXFR),
            null,
            "zone big.example.: AXFR failed on all 1 master(s): cut");
    String text = new PlanText(false).format(RunReport.of(List.of(z)));
    assertThat(text)
        .contains("  transfer: none completed (tried IXFR, AXFR)\n")
        .contains("  serial: 1 (source 2, not applied)\n")
        .doesNotContain("1 -> 2");
  }
}
