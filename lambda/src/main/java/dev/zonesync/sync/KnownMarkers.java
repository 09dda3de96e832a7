package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.SyncMarker;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The markers this container last read or wrote, per hosted zone and source zone: what Route 53 is
 * believed to hold. A belief, never a proof: a run that acts on it without reading sends the one
 * request in which Route 53 itself validates the marker (the optimistic path's DELETE of exactly
 * this record), so a stale entry costs a refused request, never a wrong hosted zone. Dropped with
 * the engine (before a SnapStart snapshot, after a restore).
 */
final class KnownMarkers {

  /**
   * @param marker the parsed marker
   * @param record its record set exactly as Route 53 holds it
   * @param seen when it was read or written
   */
  record Known(SyncMarker marker, HostedRRset record, Instant seen) {}

  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

  Optional<Known> get(ZoneSettings zone) {
    return Optional.ofNullable(known.get(key(zone)));
  }

  void remember(ZoneSettings zone, SyncMarker marker, HostedRRset record, Instant seen) {
    known.put(key(zone), new Known(marker, record, seen));
  }

  void forget(ZoneSettings zone) {
    known.remove(key(zone));
  }

  private static String key(ZoneSettings zone) {
    return zone.hostedZoneId() + " " + zone.name().text();
  }
}
