package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a zone's own period makes a scheduled run reconcile it in full. */
class FullReconcileScheduleTest {

  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private static FullReconcileSchedule schedule(String zone) {
    return new FullReconcileSchedule(DnsName.of(zone), DAY);
  }

  /** Runs every 5 minutes over {@code days} days after a full reconcile at T0: how many are due. */
  private static int fullReconcilesOver(FullReconcileSchedule s, int days) {
    Instant last = T0;
    int count = 0;
    for (Instant t = T0.plus(FIVE_MINUTES);
        t.isBefore(T0.plus(Duration.ofDays(days)));
        t = t.plus(FIVE_MINUTES)) {
      if (s.due(last, t) != null) {
        count++;
        last = t;
      }
    }
    return count;
  }

  @ParameterizedTest
  @CsvSource({"corp.example.", "10.in-addr.arpa.", "_msdcs.corp.example.", "zone-0042.example."})
  void due_onFiveMinuteRuns_isOncePerPeriod(String zone) {
    // the first period may already hold the zone's slot (at most one extra after deployment)
    assertThat(fullReconcilesOver(schedule(zone), 10)).isBetween(9, 10);
  }

  @ParameterizedTest
  @CsvSource({"corp.example.", "10.in-addr.arpa.", "zone-7.example."})
  void due_whenLastFullIsAPeriodOld_isAlwaysDue(String zone) {
    FullReconcileSchedule s = schedule(zone);
    for (int m = 0; m < 24 * 60; m += 7) {
      Instant now = T0.plus(Duration.ofMinutes(m));
      assertThat(s.due(now.minus(DAY), now)).as("at +%d min", m).isNotNull();
    }
  }

  @Test
  void due_whenJustReconciled_isNotDue() {
    FullReconcileSchedule s = schedule("corp.example.");
    for (int m = 0; m < 24 * 60; m += 7) {
      Instant now = T0.plus(Duration.ofMinutes(m));
      assertThat(s.due(now, now)).isNull();
      assertThat(s.due(now.minusSeconds(1), now.plusSeconds(0))).isNull();
    }
  }

  @Test
  void due_forAThousandZonesDeployedTogether_spreadsOverThePeriod() {
    int[] perHour = new int[24];
    for (int z = 0; z < 1000; z++) {
      FullReconcileSchedule s = schedule("zone-" + z + ".example.");
      for (int m = 5; m <= 24 * 60; m += 5) {
        Instant now = T0.plus(Duration.ofMinutes(m));
        if (s.due(T0, now) != null) {
          perHour[(m - 1) / 60]++;
          break;
        }
      }
    }
    // uniform would be 41.7 per hour; no hour holds a storm
    for (int h = 0; h < 24; h++) {
      assertThat(perHour[h]).as("hour %d", h).isBetween(15, 75);
    }
    assertThat(java.util.Arrays.stream(perHour).sum()).isEqualTo(1000);
  }

  @Test
  void due_whenTheMarkerDoesNotSay_isDueOnlyInAWindowAfterTheSlot() {
    FullReconcileSchedule s = schedule("corp.example.");
    int due = 0;
    for (int m = 0; m < 24 * 60; m += 5) {
      if (s.due(null, T0.plus(Duration.ofMinutes(m))) != null) {
        due++;
      }
    }
    // a window of a period / 8 (3 h) of 5-minute runs: 36 runs, the first of which reconciles
    assertThat(due).isBetween(35, 37);
  }

  @Test
  void due_withoutAPeriod_isNeverDue() {
    FullReconcileSchedule s = new FullReconcileSchedule(DnsName.of("corp.example."), null);
    assertThat(s.due(T0.minus(Duration.ofDays(400)), T0)).isNull();
    assertThat(s.due(null, T0)).isNull();
    assertThat(s.overdue(T0.minus(Duration.ofDays(400)), T0)).isFalse();
  }

  @ParameterizedTest(name = "last full {0} h ago -> overdue {1}")
  @CsvSource({"0, false", "24, false", "30, false", "30.1, true", "72, true"})
  void overdue_afterAQuarterPeriodOfGrace(double hoursAgo, boolean overdue) {
    Instant last = T0.minusSeconds((long) (hoursAgo * 3600));
    assertThat(schedule("corp.example.").overdue(last, T0)).isEqualTo(overdue);
  }

  @Test
  void overdue_whenUnknown_isNotClaimed() {
    assertThat(schedule("corp.example.").overdue(null, T0)).isFalse();
  }

  @Test
  void due_reasonNamesThePeriodAndTheLastTime() {
    assertThat(schedule("corp.example.").due(T0.minus(DAY), T0))
        .isEqualTo("periodic full reconcile (every 24h; last 2026-11-30T00:00:00Z)");
  }

  @ParameterizedTest(name = "period {0}, {1} failure(s) -> retry after {2}")
  @CsvSource({
    "PT24H, 1, PT15M",
    "PT24H, 2, PT30M",
    "PT24H, 3, PT1H",
    "PT24H, 5, PT4H",
    "PT24H, 6, PT6H",
    "PT24H, 40, PT6H",
    "PT1H, 1, PT15M",
    "PT1H, 3, PT15M",
    "PT720H, 12, PT180H"
  })
  void retryAt_afterFailures_doublesFromFifteenMinutesUpToAQuarterPeriod(
      Duration period, int failures, Duration wait) {
    FullReconcileSchedule s = new FullReconcileSchedule(DnsName.of("corp.example."), period);
    Instant failedAt = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(s.retryAt(new dev.zonesync.model.SyncMarker.FullFailures(failures, failedAt)))
        .isEqualTo(failedAt.plus(wait));
  }

  @Test
  void retryAt_forAZoneWithoutItsOwnPeriod_waitsAtMostSixHours() {
    FullReconcileSchedule s = new FullReconcileSchedule(DnsName.of("corp.example."), null);
    Instant failedAt = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(s.retryAt(new dev.zonesync.model.SyncMarker.FullFailures(9, failedAt)))
        .isEqualTo(failedAt.plus(Duration.ofHours(6)));
  }
}
