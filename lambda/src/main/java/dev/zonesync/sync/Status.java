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
   * Some batches applied, then the run stopped (deadline); the serial was not bumped, the next run
   * continues.
   */
  PARTIAL;

  /** Statuses after which the CLI exits 0. */
  public boolean ok() {
    return this == UP_TO_DATE || this == APPLIED || this == DRY_RUN;
  }
}
