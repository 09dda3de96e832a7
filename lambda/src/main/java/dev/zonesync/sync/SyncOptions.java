package dev.zonesync.sync;

/**
 * What a caller asked for.
 *
 * @param force skip the serial short-circuit and override safety thresholds (never verification)
 * @param dryRun plan and report, send nothing
 * @param fullReconcile always transfer the whole zone and read the whole hosted zone
 */
public record SyncOptions(boolean force, boolean dryRun, boolean fullReconcile) {
  public static final SyncOptions DEFAULT = new SyncOptions(false, false, false);
}
