package dev.zonesync.infra.config;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.config.ZoneTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The window of the unresolved-cuts alarm (README, "Alarms and dashboard"). A zone's cuts are
 * checked by its full runs only (warning {@code UNRESOLVED_CUT}), once per {@code
 * fullReconcileEvery}; every other run reports {@code UnresolvedCuts} 0. An alarm on the last
 * period alone would fire at a full run and clear at the next run. So the alarm looks at hourly
 * periods over the longest {@code fullReconcileEvery} of any zone (catalog members included) and
 * fires when any of them saw an unresolved cut: it stays in ALARM while a cut stays unresolved and
 * clears one window after the last full run that reported one. CloudWatch looks back at most 7 days
 * on hourly periods: zones reconciled less often than weekly raise it for a week after each full
 * run.
 *
 * @param periodSeconds the alarm's period
 * @param evaluationPeriods the periods it looks at; one breaching period raises it
 */
public record CutAlarmPlan(int periodSeconds, int evaluationPeriods) {

  public static final int PERIOD_SECONDS = 3600;

  /** CloudWatch's longest look-back for an alarm on periods of an hour or more: 7 days. */
  static final int MAX_PERIODS = FleetAlarmPlan.MAX_LONG_WINDOW_SECONDS / PERIOD_SECONDS;

  /** The window when no zone reconciles in full on its own (only {@code mode: full} runs). */
  static final Duration DEFAULT_WINDOW = ZoneSettings.DEFAULT_FULL_RECONCILE_EVERY;

  public CutAlarmPlan {
    if (periodSeconds <= 0 || evaluationPeriods < 1 || evaluationPeriods > MAX_PERIODS) {
      throw new IllegalArgumentException(
          "period " + periodSeconds + " s, " + evaluationPeriods + " periods");
    }
  }

  /** The plan for the zones and catalogs of {@code engine}. */
  public static CutAlarmPlan of(Settings engine) {
    List<Duration> every = new ArrayList<>();
    for (ZoneSettings z : engine.zones()) {
      every.add(z.fullReconcileEvery());
    }
    for (CatalogSettings c : engine.catalogs()) {
      every.add(c.defaults().fullReconcileEvery());
      for (ZoneTemplate g : c.groups().values()) {
        every.add(g.fullReconcileEvery());
      }
    }
    Duration longest =
        every.stream()
            .filter(java.util.Objects::nonNull)
            .max(Duration::compareTo)
            .orElse(DEFAULT_WINDOW);
    long periods = -Math.floorDiv(-longest.toSeconds(), (long) PERIOD_SECONDS);
    return new CutAlarmPlan(PERIOD_SECONDS, (int) Math.max(1, Math.min(MAX_PERIODS, periods)));
  }

  /** The window the alarm looks at, in seconds. */
  public int windowSeconds() {
    return periodSeconds * evaluationPeriods;
  }
}
