package dev.zonesync.plan;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SoaTemplate;
import dev.zonesync.model.SyncMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial commit: the SOA serial (when this source zone owns the hosted zone's apex) and the
 * marker, applied together in the last request of a run.
 *
 * <p>The SOA's other fields follow one rule on every path (README, "Ownership"): they are the ones
 * the marker recorded when zonesync first wrote the zone's serial (Route 53's, as it created them),
 * and every commit writes exactly those with the new serial. No request can validate the apex SOA
 * (Route 53 refuses to delete it), and reading it on every commit would double an incremental run's
 * cost; so an edit made to them outside zonesync is undone by the next commit, whatever its path,
 * and a full reconcile, which reads the SOA, reports it. A marker of an older version records no
 * SOA: then the SOA as read is recorded.
 */
final class Commit {
  private Commit() {}

  static List<Change> changes(
      Serial serial,
      SyncMarker marker,
      OwnershipRules rules,
      HostedRRset hostedSoa,
      HostedRRset hostedMarker) {
    List<Change> out = new ArrayList<>(2);
    SyncMarker written = marker;
    if (rules.ownsSoaSerial()) {
      if (hostedSoa == null || hostedSoa.exactValues().size() != 1) {
        throw new IllegalStateException(
            "hosted zone for "
                + rules.hostedZone()
                + " has no single apex SOA record; check that hostedZoneId names this zone");
      }
      SoaTemplate template = recordedSoa(hostedMarker, rules);
      if (template == null) {
        template = SoaTemplate.of(hostedSoa);
      }
      // the marker records the SOA this commit leaves, so that reading the marker alone proves both
      written = marker.withSoa(template);
      String value = template.value(serial);
      if (hostedSoa.ttl() != template.ttl() || !hostedSoa.exactValues().get(0).equals(value)) {
        RRset newSoa = new RRset(hostedSoa.name(), RrType.SOA, template.ttl(), List.of(value));
        out.add(new Change.Update(hostedSoa, newSoa));
      }
    }
    RRset m = written.toRRset(rules.sourceZone());
    if (hostedMarker == null) {
      out.add(new Change.Create(m));
    } else if (hostedMarker.ttl() != m.ttl() || !hostedMarker.values().equals(m.values())) {
      out.add(new Change.Update(hostedMarker, m));
    }
    return out;
  }

  /** The SOA the hosted marker recorded, or null when there is none (or no marker). */
  static SoaTemplate recordedSoa(HostedRRset hostedMarker, OwnershipRules rules) {
    if (hostedMarker == null || hostedMarker.values().size() != 1) {
      return null;
    }
    return SyncMarker.parse(hostedMarker.values().get(0), rules.sourceZone())
        .map(SyncMarker::soa)
        .orElse(null);
  }
}
