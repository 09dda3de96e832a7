package dev.zonesync.sync;

/** Outcome of one zone's run. */
public enum Status {
  /** Route 53 provably holds the source serial of the same lineage (or the plan was empty). */
  UP_TO_DATE,
  /** Every batch applied and the serial marker written. */
  APPLIED,
  /** Planned only; nothing sent. */
  DRY_RUN,
  /** The plan exceeded a safety threshold; nothing sent. */
  REJECTED,
  /** Something failed; Route 53 is unchanged or correct-but-not-marked. */
  FAILED,
  /**
   * Some changes applied, the serial was not bumped: the run stopped at its deadline (the next run
   * continues), or Route 53 rejected some RRsets (listed in {@code rejected}) and applied the rest.
   */
  PARTIAL;

  /** Statuses after which the CLI exits 0. */
  public boolean ok() {
    return this == UP_TO_DATE || this == APPLIED || this == DRY_RUN;
  }
}
