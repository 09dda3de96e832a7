package dev.zonesync.infra.config;

/**
 * The window of the unresolved-cuts alarm (README, "Alarms and dashboard"). Every run of a zone
 * reports its uncovered cuts (warning {@code UNRESOLVED_CUT}: in full from a full run, in short
 * from the cuts its marker records otherwise), so {@code UnresolvedCuts} holds steady while a cut
 * stays uncovered. An invocation runs one schedule's zones, though: the alarm's period is the fleet
 * alarms' ({@link FleetAlarmPlan}, the longest schedule), so every period holds a run of every
 * zone, and one period at 1 or more raises it. It clears one period after the last run that
 * reported a cut.
 *
 * @param periodSeconds the alarm's period
 * @param evaluationPeriods the periods it looks at; one breaching period raises it
 */
public record CutAlarmPlan(int periodSeconds, int evaluationPeriods) {

  public CutAlarmPlan {
    if (periodSeconds < 60 || periodSeconds % 60 != 0 || evaluationPeriods < 1) {
      throw new IllegalArgumentException(
          "period " + periodSeconds + " s, " + evaluationPeriods + " periods");
    }
  }

  /** The plan for a deployment whose fleet alarms follow {@code fleet}. */
  public static CutAlarmPlan of(FleetAlarmPlan fleet) {
    return new CutAlarmPlan(fleet.periodSeconds(), 1);
  }

  /** The window the alarm looks at, in seconds. */
  public int windowSeconds() {
    return periodSeconds * evaluationPeriods;
  }
}
