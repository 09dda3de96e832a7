package dev.zonesync.plan;

/** Outcome of planning an incremental transfer. */
public sealed interface DeltaResult permits DeltaResult.Planned, DeltaResult.NeedsFullSync {

  /** The delta applies cleanly to what Route 53 holds. */
  record Planned(Plan plan) implements DeltaResult {}

  /**
   * The delta cannot be applied safely; reconcile the whole zone instead.
   *
   * @param drift true when Route 53 does not hold what the delta expects (someone changed it, or a
   *     previous run stopped half-way)
   */
  record NeedsFullSync(String reason, boolean drift) implements DeltaResult {}
}
