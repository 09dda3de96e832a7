package dev.zonesync.plan;

/** Outcome of the safety check. */
public sealed interface SafetyVerdict permits SafetyVerdict.Accepted, SafetyVerdict.Rejected {

  /**
   * The plan may be applied.
   *
   * @param overridden thresholds that {@code force} overrode (empty when none was exceeded)
   */
  record Accepted(String overridden) implements SafetyVerdict {}

  /** The plan exceeds a threshold; nothing is applied. */
  record Rejected(String reason) implements SafetyVerdict {}
}
