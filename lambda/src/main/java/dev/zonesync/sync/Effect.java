package dev.zonesync.sync;

/**
 * Whether a run changes the hosted zone or only plans and reports (the request's {@code dryRun}).
 */
public enum Effect {
  APPLY,
  DRY_RUN
}
