package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.plan.Change;
import dev.zonesync.plan.Plan;
import java.time.Clock;

/** After a commit: the marker it wrote is what Route 53 now holds. */
final class Committed {

  private Committed() {}

  static void remember(KnownMarkers known, ZoneSettings zone, Plan plan, Clock clock) {
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
      // the marker was already right: what was read (and remembered) still holds
      return;
    }
    RRset w = written;
    SyncMarker.parse(w.values().get(0), zone.name())
        .ifPresentOrElse(
            m -> known.remember(zone, m, HostedRRset.plain(w, w.values()), clock.instant()),
            () -> known.forget(zone));
  }
}
