package dev.zonesync.infra.config;

import java.util.List;
import java.util.OptionalLong;

/**
 * The numbers behind the deployment's fixed alarms, from the configuration alone: their period, how
 * many periods make {@code deployment.alarms.failingFor}, and how many runs the schedules complete
 * per period (the heartbeat's threshold).
 *
 * <p>Why the period follows the schedules: the function-level metrics count what each invocation
 * saw, and an invocation runs one schedule's zones. A zone on {@code rate(1 hour)} reports once an
 * hour, so only a period at least that long sees it in every period; a shorter one would read "no
 * failure" between its runs. The period is therefore the longest {@code rate(...)} interval of any
 * zone, at least {@code deployment.alarms.period}. Zones you want alarmed at the pace of a faster
 * schedule than their neighbours': {@code metrics: detailed} (per-zone alarms, per-zone windows).
 *
 * @param periodSeconds the period of the zone-outcome, heartbeat, function errors and throttles
 *     alarms
 * @param failingPeriods periods in a row the zone-outcome, errors and throttles alarms must breach
 * @param heartbeatPeriods periods in a row with fewer completed runs than expected before the
 *     heartbeat fires: {@code staleAfter} in periods, at least 2 (a run that slips across a period
 *     boundary leaves one period short and the next one over)
 * @param expectedRuns runs the {@code rate(...)} schedules (the zones' and one per catalog)
 *     complete per period: per schedule, the period divided by its interval, rounded down
 * @param rateSchedules schedules counted in {@code expectedRuns}
 * @param cronSchedules schedules on {@code cron(...)}: their gaps vary, so the heartbeat does not
 *     count them
 */
public record FleetAlarmPlan(
    int periodSeconds,
    int failingPeriods,
    int heartbeatPeriods,
    int expectedRuns,
    int rateSchedules,
    int cronSchedules) {

  /** Longest evaluation window of an alarm whose period is under an hour. */
  static final int MAX_SHORT_WINDOW_SECONDS = 86400;

  /** Longest evaluation window of an alarm whose period is an hour or more. */
  static final int MAX_LONG_WINDOW_SECONDS = 7 * 86400;

  /** The longest schedule the fleet alarms follow (their period). */
  static final int MAX_PERIOD_SECONDS = 12 * 3600;

  public FleetAlarmPlan {
    if (periodSeconds < 60 || periodSeconds % 60 != 0) {
      throw new IllegalArgumentException("period must be whole minutes, got " + periodSeconds);
    }
    if (failingPeriods < 1 || heartbeatPeriods < 2 || expectedRuns < 0) {
      throw new IllegalArgumentException(
          "periods must be positive and the heartbeat's at least 2, got "
              + failingPeriods
              + ", "
              + heartbeatPeriods);
    }
  }

  /** The plan of {@code config}'s zones and schedules. */
  public static FleetAlarmPlan of(ZoneSyncConfig config) {
    Deployment d = config.deployment();
    Deployment.Alarms a = d.alarms();
    long period = a.periodSeconds();
    for (Zone z : config.zones()) {
      OptionalLong interval = ScheduleExpressions.intervalSeconds(z.schedule());
      if (interval.isPresent() && interval.getAsLong() > MAX_PERIOD_SECONDS) {
        throw new ConfigException(
            "zones[" + z.index() + "].schedule",
            "the zone runs "
                + z.schedule()
                + ": the deployment's alarms follow zones that run at least every 12h (their"
                + " period is the longest schedule); schedule it more often, or on cron(...),"
                + " which the alarms do not follow");
      }
      period = Math.max(period, interval.orElse(0));
    }
    // a catalog's schedule runs the catalog and its members: their outcomes count in the same
    // function-level metrics, and each run completed counts in the heartbeat
    for (Catalog c : config.catalogs()) {
      OptionalLong interval = ScheduleExpressions.intervalSeconds(c.schedule());
      if (interval.isPresent() && interval.getAsLong() > MAX_PERIOD_SECONDS) {
        throw new ConfigException(
            c.field() + ".schedule",
            "the catalog runs "
                + c.schedule()
                + ": the deployment's alarms follow schedules that run at least every 12h (their"
                + " period is the longest schedule); schedule it more often, or on cron(...),"
                + " which the alarms do not follow");
      }
      period = Math.max(period, interval.orElse(0));
    }
    int expected = 0;
    int rate = 0;
    int cron = 0;
    // the schedules exactly as the stack creates them: per nested stack, by expression and chunk
    for (List<Zone> bucket : ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks())) {
      for (ScheduleGroups.Group g : ScheduleGroups.of(bucket, d.scheduler().zonesPerSchedule())) {
        OptionalLong interval = ScheduleExpressions.intervalSeconds(g.expression());
        if (interval.isPresent()) {
          expected += (int) (period / interval.getAsLong());
          rate++;
        } else {
          cron++;
        }
      }
    }
    for (Catalog c : config.catalogs()) {
      OptionalLong interval = ScheduleExpressions.intervalSeconds(c.schedule());
      if (interval.isPresent()) {
        expected += (int) (period / interval.getAsLong());
        rate++;
      } else {
        cron++;
      }
    }
    int p = (int) period;
    int maxPeriods = (p < 3600 ? MAX_SHORT_WINDOW_SECONDS : MAX_LONG_WINDOW_SECONDS) / p;
    int failing = clamp(-Math.floorDiv(-a.failingForSeconds(), p), 1, maxPeriods);
    int heartbeat = clamp(a.staleAfterSeconds() / p, 2, Math.max(2, maxPeriods));
    return new FleetAlarmPlan(p, failing, heartbeat, expected, rate, cron);
  }

  /** The window the zone-outcome alarms look at, in seconds. */
  public int failingWindowSeconds() {
    return failingPeriods * periodSeconds;
  }

  /** The window the heartbeat looks at, in seconds. */
  public int heartbeatWindowSeconds() {
    return heartbeatPeriods * periodSeconds;
  }

  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }
}
