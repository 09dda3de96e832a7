package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.logging.LogConfig;
import dev.zonesync.logging.LogEvent;
import dev.zonesync.model.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-zone summary line: the fields the stack's saved Logs Insights queries and the dashboard's
 * per-zone table read ({@code outcome}, {@code succeeded}, {@code changes}, {@code route53Calls},
 * {@code path}), also for zones the deadline kept from starting.
 */
class ZoneResultLogTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // status,   error,                 outcome,     succeeded, changes (3 + 2 + 1 planned)
    "APPLIED,    '',                    APPLIED,     1,         6",
    "UP_TO_DATE, '',                    UP_TO_DATE,  1,         0",
    "PARTIAL,    'deadline',            PARTIAL,     0,         6",
    "REJECTED,   'deletes 40 %',        REJECTED,    0,         0",
    "FAILED,     'master unreachable',  FAILED,      0,         0",
    "DRY_RUN,    '',                    DRY_RUN,     0,         0",
  })
  void log_writesOutcomeSucceededAndTheChangesSent(
      Status status, String error, String outcome, String succeeded, String changes)
      throws Exception {
    ZoneReport r = report(status, error.isEmpty() ? null : error, null, null);

    Map<String, String> line = summaryLine(() -> ZoneResultLog.log(r));

    assertThat(line)
        .containsEntry("status", status.name())
        .containsEntry("outcome", outcome)
        .containsEntry("succeeded", succeeded)
        .containsEntry("changes", changes)
        .containsEntry("route53Calls", "4")
        .containsEntry("path", "optimistic")
        .doesNotContainKeys("warnings", "fullReconcileOverdue");
  }

  @Test
  void log_whenTheFullReconcileIsOverdueAndWarned_saysSo() throws Exception {
    ZoneReport r =
        report(
            Status.UP_TO_DATE,
            null,
            true,
            List.of(
                new ZoneReport.Warning("FULL_RECONCILE_FAILING", "2 failed"),
                new ZoneReport.Warning("WEAK_TSIG_ALGORITHM", "hmac-sha1")));

    Map<String, String> line = summaryLine(() -> ZoneResultLog.log(r));

    assertThat(line)
        .containsEntry("fullReconcileOverdue", "true")
        .containsEntry("lastFullReconcile", "2026-12-01T00:00:00Z")
        .containsEntry("warnings", "FULL_RECONCILE_FAILING,WEAK_TSIG_ALGORITHM");
  }

  @Test
  void run_whenTheDeadlineHasPassed_logsASummaryLinePerZoneNotStarted() throws Exception {
    List<ZoneSettings> zones =
        ConfigParser.parse(
                """
                version: 1
                zones:
                  - {name: a.example., hostedZoneId: ZA, masters: [192.0.2.53], tsig: none}
                  - {name: b.example., hostedZoneId: ZB, masters: [192.0.2.53], tsig: none}
                """,
                "test")
            .zones();
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              throw new AssertionError("no zone may start after the deadline");
            },
            1);
    List<LogEvent> events = new CopyOnWriteArrayList<>();

    try (AutoCloseable c = LogConfig.captureAll(events::add)) {
      runner.run(zones, SyncOptions.of(false, false, false), Deadline.after(Duration.ZERO));
    }

    assertThat(events)
        .filteredOn(e -> e.mdc().containsKey("outcome"))
        .extracting(
            e -> e.mdc().get("zone"),
            e -> e.mdc().get("hostedZoneId"),
            e -> e.mdc().get("status"),
            e -> e.mdc().get("outcome"),
            e -> e.mdc().get("succeeded"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.example.", "ZA", "FAILED", "NOT_STARTED", "0"),
            org.assertj.core.groups.Tuple.tuple("b.example.", "ZB", "FAILED", "NOT_STARTED", "0"));
  }

  /** The MDC of the one summary line {@code log} writes. */
  private static Map<String, String> summaryLine(Runnable log) throws Exception {
    List<LogEvent> events = new CopyOnWriteArrayList<>();
    try (AutoCloseable c = LogConfig.captureAll(events::add)) {
      log.run();
    }
    assertThat(events).hasSize(1);
    return events.get(0).mdc();
  }

  private static ZoneReport report(
      Status status, String error, Boolean overdue, List<ZoneReport.Warning> warnings) {
    return new ZoneReport(
        "corp.example.",
        "Z1",
        status,
        TransferKind.IXFR,
        List.of(TransferKind.IXFR),
        "IXFR 1 -> 2",
        2L,
        1L,
        "10.0.0.53:53",
        new ZoneReport.Counts(3, 2, 1),
        List.of(),
        0,
        1,
        1,
        1,
        Map.of("ChangeResourceRecordSets", 1, "ListResourceRecordSets", 3, "total", 4),
        0,
        0,
        12L,
        40L,
        "targeted",
        false,
        "optimistic",
        overdue == null ? null : "2026-12-01T00:00:00Z",
        overdue,
        55,
        null,
        error,
        warnings,
        null,
        null);
  }
}
