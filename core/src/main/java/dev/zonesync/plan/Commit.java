package dev.zonesync.plan;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SoaTemplate;
import dev.zonesync.model.SyncMarker;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial commit: the SOA serial (when this source zone owns the hosted zone's apex) and the
 * marker, applied together in the last request of a run.
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
      // the marker records the SOA this commit leaves, so that reading the marker alone proves both
      SoaTemplate template = SoaTemplate.of(hostedSoa);
      written = marker.withSoa(template);
      if (!Rdata.soaSerial(hostedSoa.values().get(0)).equals(serial)) {
        RRset newSoa =
            new RRset(
                hostedSoa.name(), RrType.SOA, template.ttl(), List.of(template.value(serial)));
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
}
