package dev.zonesync.sync;

import java.util.List;
import java.util.Locale;

/**
 * A sync request, as the Lambda payload and the CLI express it.
 *
 * @param zones zone names (configured zones, or catalog members); with {@code catalogs} empty too:
 *     every configured zone and every catalog
 * @param catalogs catalog names: each catalog and its members
 * @param mode {@code auto} (serial short-circuit, then AXFR) or {@code full} (always transfer and
 *     reconcile the whole zone)
 */
public record SyncRequest(
    List<String> zones, List<String> catalogs, boolean force, boolean dryRun, String mode) {

  public static final SyncRequest ALL = new SyncRequest(List.of(), false, false, "auto");

  /** A request without catalogs. */
  public SyncRequest(List<String> zones, boolean force, boolean dryRun, String mode) {
    this(zones, List.of(), force, dryRun, mode);
  }

  public SyncRequest {
    zones = zones == null ? List.of() : List.copyOf(zones);
    catalogs = catalogs == null ? List.of() : List.copyOf(catalogs);
    mode = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("full")) {
      throw new IllegalArgumentException("mode must be \"auto\" or \"full\", got \"" + mode + "\"");
    }
  }

  public SyncOptions options() {
    return SyncOptions.of(force, dryRun, mode.equals("full"));
  }
}
