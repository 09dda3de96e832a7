package dev.zonesync.plan;

/**
 * What a caller asked of the serial short-circuit and the safety thresholds (the request's {@code
 * force} and {@code mode: full}, the CLI's {@code --force} and {@code --full}).
 */
public enum SyncMode {
  /** Stop when Route 53 provably holds the source serial; continue incrementally when it can. */
  NORMAL(false, null),
  /** Always transfer the whole zone and reconcile the whole hosted zone. */
  FULL(false, "full reconcile requested"),
  /** As {@link #FULL}, and override the safety thresholds (never verification). */
  FORCED(true, "forced"),
  /** Both asked for: a full reconcile with the thresholds overridden. */
  FORCED_FULL(true, "full reconcile requested");

  private final boolean overridesSafety;
  private final String fullReason;

  SyncMode(boolean overridesSafety, String fullReason) {
    this.overridesSafety = overridesSafety;
    this.fullReason = fullReason;
  }

  public static SyncMode of(boolean force, boolean full) {
    if (force) {
      return full ? FORCED_FULL : FORCED;
    }
    return full ? FULL : NORMAL;
  }

  /** Every run of this mode is a full sync (no short-circuit, no IXFR). */
  public boolean alwaysFull() {
    return fullReason != null;
  }

  public boolean overridesSafety() {
    return overridesSafety;
  }

  /** Why a run of this mode is full, or null for {@link #NORMAL}. */
  public String fullReason() {
    return fullReason;
  }
}
