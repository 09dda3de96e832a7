package dev.zonesync.sync;

import dev.zonesync.plan.SyncMode;
import java.util.Objects;

/**
 * What a caller asked for.
 *
 * @param mode the serial short-circuit and the safety thresholds: normal, full, forced
 * @param effect apply, or plan and report only
 */
public record SyncOptions(SyncMode mode, Effect effect) {

  public static final SyncOptions DEFAULT = new SyncOptions(SyncMode.NORMAL, Effect.APPLY);
  public static final SyncOptions FORCED = new SyncOptions(SyncMode.FORCED, Effect.APPLY);
  public static final SyncOptions FULL = new SyncOptions(SyncMode.FULL, Effect.APPLY);
  public static final SyncOptions DRY_RUN = new SyncOptions(SyncMode.NORMAL, Effect.DRY_RUN);

  public SyncOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(effect, "effect");
  }

  /** The edges' flags ({@code force}, {@code dryRun}, {@code mode: full}) as named modes. */
  public static SyncOptions of(boolean force, boolean dryRun, boolean full) {
    return new SyncOptions(SyncMode.of(force, full), dryRun ? Effect.DRY_RUN : Effect.APPLY);
  }
}
