package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.Change;
import dev.zonesync.plan.Plan;
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
  record Known(SyncMarker marker, HostedRRset record, java.time.Instant seen) {}

  private final java.time.Clock clock;

  KnownMarkers(java.time.Clock clock) {
    this.clock = clock;
  }

  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

  Optional<Known> get(ZoneSettings zone) {
    return Optional.ofNullable(known.get(key(zone)));
  }

  void remember(ZoneSettings zone, SyncMarker marker, HostedRRset record) {
    known.put(key(zone), new Known(marker, record, clock.instant()));
  }

  /** After {@code plan}'s commit applied: the marker it wrote is what Route 53 now holds. */
  void committed(ZoneSettings zone, Plan plan) {
    RRset written = null;
    for (Change c : plan.commit()) {
      RRset d =
          switch (c) {
            case Change.Create cr -> cr.desired();
            case Change.Update u -> u.desired();
            case Change.Delete del -> null;
          };
      if (d != null && SyncMarker.isMarkerName(d.name())) {
        written = d;
      }
    }
    if (written == null || written.values().size() != 1) {
      return; // the marker was already right: what was read (and remembered) still holds
    }
    RRset w = written;
    SyncMarker.parse(w.values().get(0), zone.name())
        .ifPresentOrElse(m -> remember(zone, m, HostedRRset.written(w)), () -> forget(zone));
  }

  void forget(ZoneSettings zone) {
    known.remove(key(zone));
  }

  private static String key(ZoneSettings zone) {
    return zone.hostedZoneId() + " " + zone.name().text();
  }
}
