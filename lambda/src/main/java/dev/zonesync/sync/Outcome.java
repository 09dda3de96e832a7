package dev.zonesync.sync;

/**
 * How a zone's run ended, as the function-level metrics and the per-zone summary log line count it:
 * the report's {@link Status}, except that a zone the deadline kept from starting (reported {@code
 * FAILED}, error {@link ZoneReport#NOT_STARTED}) is {@link #NOT_STARTED}. The two call for
 * different fixes (a master or Route 53 against a schedule with more zones than its run can reach),
 * so they are counted and alarmed apart.
 */
public enum Outcome {
  APPLIED,
  UP_TO_DATE,
  FAILED,
  REJECTED,
  PARTIAL,
  NOT_STARTED,
  DRY_RUN;

  /** The outcome of {@code report}. */
  public static Outcome of(ZoneReport report) {
    return switch (report.status()) {
      case APPLIED -> APPLIED;
      case UP_TO_DATE -> UP_TO_DATE;
      case REJECTED -> REJECTED;
      case PARTIAL -> PARTIAL;
      case DRY_RUN -> DRY_RUN;
      case FAILED -> ZoneReport.NOT_STARTED.equals(report.error()) ? NOT_STARTED : FAILED;
    };
  }

  /** APPLIED or UP_TO_DATE: the hosted zone holds the master's serial after the run. */
  public boolean succeeded() {
    return this == APPLIED || this == UP_TO_DATE;
  }
}
